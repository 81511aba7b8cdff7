package org.newsvault.extract;

import java.time.Instant;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * What was found on a page. Any field may be null; {@code body} is null when no article body was found (the
 * caller then keeps the feed's content).
 *
 * @param body the article body, NOT sanitized: its children are the body's nodes, in the page's own (parsed
 *             once) tree, so the sanitizer can take them as they are ({@link org.newsvault.sanitize.Sanitizer#clean});
 *             its document's output settings are the compact ones {@link #bodyHtml()} serializes with
 * @param how  how the body was found (selector, generic, short, nothing): what rule health counts
 */
public record Extracted(String title, String author, Instant published, Element body, Extraction how) {
    public Extracted {
        if (how == null) how = body != null && hasContent(body) ? Extraction.GENERIC : Extraction.NOTHING;
    }

    /** Without saying how (a body found counts as {@link Extraction#GENERIC}). */
    public Extracted(String title, String author, Instant published, Element body) {
        this(title, author, published, body, null);
    }

    /** True when the body has something in it (an element, or text that is not only whitespace). */
    public boolean found() {
        return body != null && hasContent(body);
    }

    /** The body as markup (serialized on each call; the pipeline hands the tree on instead). */
    public String bodyHtml() {
        return found() ? body.html() : null;
    }

    static boolean hasContent(Element body) {
        for (Node n : body.childNodes()) {
            if (n instanceof TextNode t) {
                if (!t.getWholeText().isBlank()) return true;
            } else if (n instanceof DataNode d) {
                if (!d.getWholeData().isBlank()) return true;
            } else {
                return true;
            }
        }
        return false;
    }
}
