package org.newsvault.article;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.extract.Extraction;
import org.newsvault.extract.Extractor;
import org.newsvault.extract.FullText;
import org.newsvault.fetch.Charsets;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.Sanitizer;

/**
 * Page (or feed item body) → article, parsed once: extraction, sanitizing and the content hash all work on the
 * one tree, and sanitizing is the last step that touches it. The poll and the re-checks both read through here,
 * so a page is read the same way wherever it is read. All work of one item runs within the item's
 * {@link WorkBudget}. Stateless and thread-safe.
 */
public final class ArticleReader {
    private final Extractor extractor;
    private final Sanitizer sanitizer;
    private final Sanitizer proxyingSanitizer;

    /**
     * @param sanitizer         the sanitizer of archived bodies, and of every comparison text
     * @param proxyingSanitizer the same with images routed through the image proxy
     */
    public ArticleReader(Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer) {
        this.extractor = extractor;
        this.sanitizer = sanitizer;
        this.proxyingSanitizer = proxyingSanitizer;
    }

    /**
     * An article read: its metadata, and its body sanitized as archived with its {@link ContentHash}.
     *
     * @param html       the sanitized body; null when none was found (then {@code contentHash} is null too)
     * @param pageText   the page's visible text with its {@code <title>}, normalised; only when asked for
     * @param comparable the visible text of the body filtered as asked ({@link Extras#comparable}) and
     *                   sanitized; only when asked for, and "" when no body was found
     * @param extraction how the page's body was found (the extractor's {@link Extraction}); null for a feed's body
     */
    public record Article(String title, String author, Instant published, String html, String contentHash,
                          String pageText, String comparable, Extraction extraction) {
        public boolean found() {
            return html != null;
        }
    }

    /**
     * What a re-check needs besides the article: the page's whole text (before extraction changes the tree), and
     * a second text of the body for comparisons, read from a copy of the extracted, not yet sanitized, body after
     * {@code comparable} has edited it (a noise filter, which still sees class and id) and sanitizing.
     */
    public record Extras(boolean pageText, BiConsumer<Element, WorkBudget> comparable) {
        public static final Extras NONE = new Extras(false, null);
    }

    /**
     * A feed item's body, parsed, with the teaser check made on it. {@code tree} may be left out (null) to be kept
     * small while its item waits for a page: {@link #feed} then parses the body (again) only if it is needed.
     */
    public record FeedBody(String html, Document tree, boolean teaser) {
        public FeedBody withoutTree() {
            return tree == null ? this : new FeedBody(html, null, teaser);
        }
    }

    /** A page fetched: its bytes decoded, then {@link #page(String, URI, ExtractRules, boolean, Extras, WorkBudget)}. */
    public Article page(byte[] body, String contentType, URI pageUrl, ExtractRules rules, boolean imageProxy,
                        Extras extras, WorkBudget budget) {
        return page(Charsets.decodeHtml(body, contentType), pageUrl, rules, imageProxy, extras, budget);
    }

    /**
     * A page: parsed once; the article extracted from that tree with {@code rules}; its body sanitized (with the
     * image proxy when asked) and hashed on the sanitized tree.
     *
     * @throws org.newsvault.model.BudgetExceededException past the budget: fail the item
     * @throws IllegalArgumentException for a content selector that is not valid CSS
     */
    public Article page(String html, URI pageUrl, ExtractRules rules, boolean imageProxy, Extras extras,
                        WorkBudget budget) {
        Document doc = extractor.parse(html, pageUrl, budget);
        String pageText = null;
        if (extras.pageText()) {
            pageText = doc == null ? "" : ContentHash.normalizedText(doc.title() + " " + (doc.body() == null ? ""
                : doc.body().text()));
        }
        Extracted ex = extractor.extract(doc, rules, budget);
        if (!ex.found()) {
            return new Article(ex.title(), ex.author(), ex.published(), null, null, pageText,
                extras.comparable() == null ? null : "", ex.how());
        }
        String comparable = null;
        if (extras.comparable() != null) {
            Element copy = ex.body().clone();
            extras.comparable().accept(copy, budget);
            comparable = sanitizer.clean(copy, pageUrl, budget).text();
        }
        Element clean = (imageProxy ? proxyingSanitizer : sanitizer).clean(ex.body(), pageUrl, budget);
        return new Article(ex.title(), ex.author(), ex.published(), clean.html(), ContentHash.ofTree(clean), pageText,
            comparable, ex.how());
    }

    /**
     * A feed item's body parsed (within {@code budget}) and checked: a teaser (short, or ending like an excerpt)
     * needs its page. A null or blank body is a teaser with no tree.
     */
    public FeedBody feedBody(String html, URI base, WorkBudget budget) {
        if (html == null || html.isBlank()) return new FeedBody(html, null, true);
        Document tree = HtmlTrees.parseFragment(html, base == null ? "" : base.toString(), budget);
        return new FeedBody(html, tree, FullText.isTeaser(tree.body()));
    }

    /**
     * The feed's body as the article: the outlet's {@code remove} selectors applied first when there are any (if
     * they leave nothing, the body stays whole), then sanitized and hashed on that tree. Takes the tree.
     *
     * @return no article (html null) when the body is null or blank
     */
    public Article feed(FeedBody body, URI base, List<String> remove, boolean imageProxy, WorkBudget budget) {
        if (body.html() == null || body.html().isBlank()) return new Article(null, null, null, null, null, null, null, null);
        Document tree = body.tree() != null ? body.tree() : feedBody(body.html(), base, budget).tree();
        Element dirty = tree.body();
        if (remove != null && !remove.isEmpty()) {
            Extracted cleaned = extractor.extract(tree, new ExtractRules("body", remove), budget);
            // Nothing left: the whole body, as the feed gave it (the tree above was changed, so it is read again).
            dirty = cleaned.found() ? cleaned.body() : feedBody(body.html(), base, budget).tree().body();
        }
        Element clean = (imageProxy ? proxyingSanitizer : sanitizer).clean(dirty, base, budget);
        return new Article(null, null, null, clean.html(), ContentHash.ofTree(clean), null, null, null);
    }
}
