package org.newsvault.config;

/** One feed URL of an outlet; {@code enabled=false} keeps it configured but unpolled. */
public record FeedConfig(String url, boolean enabled) {}
