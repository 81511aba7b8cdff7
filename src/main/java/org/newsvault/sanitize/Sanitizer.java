package org.newsvault.sanitize;

import java.net.URI;
import org.jsoup.nodes.Element;
import org.newsvault.model.WorkBudget;

/**
 * Untrusted article HTML → safe article HTML. Keeps what an article needs (paragraphs, headings, lists,
 * blockquotes, figures and captions, tables, images, links, time, address) and removes everything
 * executable or tracking. URLs become absolute against {@code baseUrl}. Always the last step that
 * touches HTML. Thread-safe.
 */
public interface Sanitizer {
    /** With a {@link WorkBudget#standard()} budget of its own. */
    String sanitize(String html, URI baseUrl);

    /**
     * Within {@code budget} (share one per item with its extraction).
     *
     * @throws org.newsvault.model.BudgetExceededException when the body is too complex: fail that item
     */
    default String sanitize(String html, URI baseUrl, WorkBudget budget) {
        return sanitize(html, baseUrl);
    }

    /**
     * The same sanitizing for a body already parsed, so that it is not serialized and parsed again: the children
     * of {@code dirty} are the body, and they are taken (moved out of {@code dirty} and edited). Returns the clean
     * body, an element of a new document: its {@code html()} is the sanitized HTML, and nothing survives that the
     * markup path removes. For a tree as a parser builds it, that is what {@link #sanitize} returns for its markup;
     * a tree edited into nesting no parser builds (a heading inside a {@code <p>}, a {@code <tr>} with no table)
     * keeps that nesting, and its markup, parsed, is what {@link #sanitize} returns (the same elements, attributes
     * and text).
     *
     * @throws org.newsvault.model.BudgetExceededException when the body is too complex: fail that item
     */
    Element clean(Element dirty, URI baseUrl, WorkBudget budget);
}
