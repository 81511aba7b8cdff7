package org.newsvault.extract;

import java.net.URI;
import org.jsoup.nodes.Document;
import org.newsvault.model.WorkBudget;

/**
 * Article page HTML → the article body. With a {@link ExtractRules#contentSelector()} the body is what
 * the selector matches; otherwise a generic extractor picks the densest text block (counting Chinese
 * punctuation, not just commas) and drops navigation, related links, comments, ads and share widgets.
 * Lazy images ({@code data-src}, {@code <noscript>} copies) become real {@code <img src>}.
 * The output is NOT sanitized: the sanitizer always runs last.
 *
 * <p>A page is parsed once: {@link #parse} gives its tree, {@link #extract(Document, ExtractRules, WorkBudget)}
 * reads the article out of that tree (editing it), and the body it returns is a part of it.
 */
public interface Extractor {
    /** With a {@link WorkBudget#standard()} budget of its own. */
    Extracted extract(String html, URI pageUrl, ExtractRules rules);

    /**
     * Within {@code budget} (share one per item with its sanitizing).
     *
     * @throws org.newsvault.model.BudgetExceededException when the page is too complex: fail that item
     */
    default Extracted extract(String html, URI pageUrl, ExtractRules rules, WorkBudget budget) {
        return extract(parse(html, pageUrl, budget), rules, budget);
    }

    /**
     * The page's tree as this extractor reads pages, within {@code budget}; null for no markup.
     *
     * @throws org.newsvault.model.BudgetExceededException when the page is too complex: fail that item
     */
    Document parse(String html, URI pageUrl, WorkBudget budget);

    /**
     * The article in a tree from {@link #parse} (or any document: a feed item's body), which it edits.
     *
     * @param page null: nothing found
     * @throws org.newsvault.model.BudgetExceededException when the page is too complex: fail that item
     */
    Extracted extract(Document page, ExtractRules rules, WorkBudget budget);
}
