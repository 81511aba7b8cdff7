/**
 * The reading room: the archive as a website, served beside {@code /health} and {@code /metrics} by the daemon and
 * by {@code newsvault serve}. Jetty 12 core handlers ({@link org.newsvault.web.ReadingRoom}), pages from jte
 * templates precompiled at build time (src/main/jte, escaped by HTML context), strict security headers on every
 * response ({@link org.newsvault.web.Security}), optional basic auth ({@link org.newsvault.web.BasicAuth}). It reads
 * through {@link org.newsvault.store.Reading} and never writes to the archive.
 */
package org.newsvault.web;
