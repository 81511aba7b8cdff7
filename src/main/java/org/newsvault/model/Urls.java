package org.newsvault.model;

/** PLACEHOLDER until the render branch lands. */
public final class Urls {
    public static String whatwg(String url) { return java.net.URI.create(url).toString(); }
    public static String canonical(String url) { return whatwg(url); }
}
