package org.newsvault.extract;

import java.net.URI;
import org.newsvault.model.WorkBudget;

/**
 * Article page HTML → the article body. With a {@link ExtractRules#contentSelector()} the body is what
 * the selector matches; otherwise a generic extractor picks the densest text block (counting Chinese
 * punctuation, not just commas) and drops navigation, related links, comments, ads and share widgets.
 * Lazy images ({@code data-src}, {@code <noscript>} copies) become real {@code <img src>}.
 * The output is NOT sanitized: the sanitizer always runs last.
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
        return extract(html, pageUrl, rules);
    }
}
