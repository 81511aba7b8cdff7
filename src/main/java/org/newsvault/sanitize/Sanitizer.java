package org.newsvault.sanitize;

import java.net.URI;

/**
 * Untrusted article HTML → safe article HTML. Keeps what an article needs (paragraphs, headings, lists,
 * blockquotes, figures and captions, tables, images, links, time, address) and removes everything
 * executable or tracking. URLs become absolute against {@code baseUrl}. Always the last step that
 * touches HTML. Thread-safe.
 */
public interface Sanitizer {
    String sanitize(String html, URI baseUrl);
}
