package org.newsvault.extract;

import java.time.Instant;

/**
 * What was found on a page. Any field may be null; {@code bodyHtml} is null when no article body was
 * found (the caller then keeps the feed's content).
 */
public record Extracted(String title, String author, Instant published, String bodyHtml) {
    public boolean found() {
        return bodyHtml != null && !bodyHtml.isBlank();
    }
}
