package org.newsvault.extract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.select.Elements;
import org.jsoup.parser.Parser;
import org.jsoup.select.Selector;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * The production {@link Extractor}. Order matters: metadata is read first (it lives in scripts and
 * headers that are dropped later), lazy images are fixed before {@code <noscript>} is dropped, the
 * outlet's removal selectors run before its content selector. With no content selector, or one
 * that matches nothing, the generic {@link ContentScorer} picks the body. Links and images in the
 * result are absolute (a page's {@code <base href>} is honoured here, where it is still known).
 *
 * <p>Bounded work: at most {@link WorkBudget#maxElements()} tags (counted before parsing), nesting
 * past {@link WorkBudget#maxDepth()} flattened by the parser and past {@link #MAX_DEPTH} by
 * {@link Dom#flattenDeepNesting}, and the deadline checked in every tree walk; past a bound,
 * {@link org.newsvault.model.BudgetExceededException}.
 *
 * <p>Stateless and thread-safe. A content selector that is not valid CSS is a configuration error
 * and throws {@link IllegalArgumentException}.
 */
public final class ArticleExtractor implements Extractor {
    /** Pages larger than this are cut: no article needs more, and parsing stays bounded. */
    static final int MAX_HTML_CHARS = 8 * 1024 * 1024;
    /** Nesting below this depth is flattened; real article pages stay well above it. */
    static final int MAX_DEPTH = 96;
    /**
     * A generic body with less weighted text than this is {@link Extraction#GENERIC_SHORT}: the scorer's own
     * threshold for trying its relaxed passes, so below it every pass ran and none found an article's length.
     */
    static final int SHORT_BELOW = 500;

    public ArticleExtractor() {}

    @Override
    public Extracted extract(String html, URI pageUrl, ExtractRules rules) {
        return extract(html, pageUrl, rules, WorkBudget.standard());
    }

    @Override
    public Extracted extract(String html, URI pageUrl, ExtractRules rules, WorkBudget budget) {
        return extract(parse(html, pageUrl, budget), rules, budget);
    }

    /** Cut to {@link #MAX_HTML_CHARS}, tags counted, parsed within the budget's depth and deadline. */
    @Override
    public Document parse(String html, URI pageUrl, WorkBudget budget) {
        if (html == null || html.isBlank()) return null;
        String source = html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html;
        return HtmlTrees.parseDocument(source, pageUrl == null ? "" : pageUrl.toString(), budget);
    }

    @Override
    public Extracted extract(Document doc, ExtractRules rules, WorkBudget budget) {
        if (doc == null) return new Extracted(null, null, null, null, Extraction.NOTHING);
        ExtractRules r = rules == null ? ExtractRules.GENERIC : rules;
        doc.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset(StandardCharsets.UTF_8);
        budget.check();

        Dom.flattenDeepNesting(doc.body(), MAX_DEPTH, budget);
        Metadata meta = MetadataReader.read(doc);
        budget.check();
        LazyImages.fix(doc.body(), budget);
        Boilerplate.dropSelected(doc.body(), r.remove());
        budget.check();

        Element body = null;
        String byline = null;
        boolean hasSelector = r.contentSelector() != null && !r.contentSelector().isBlank();
        if (hasSelector) {
            body = selected(doc, r.contentSelector(), budget);
        }
        Extraction how = body != null ? Extraction.SELECTOR_MATCHED : hasSelector ? Extraction.SELECTOR_MISSED
            : Extraction.NOTHING;
        if (body == null) {
            Boilerplate.dropWidgets(doc.body());
            Boilerplate.dropPageChrome(doc.body());
            budget.check();
            ContentScorer.Result result = ContentScorer.extract(doc, meta.title(), meta.author() == null, budget);
            if (result != null) {
                Element content = result.content();
                Document shell = Document.createShell(content.baseUri());
                shell.outputSettings(doc.outputSettings());
                shell.body().appendChild(content);
                absolutize(content, budget);
                body = content;
                byline = result.byline();
                if (!hasSelector) how = result.weightedLength() < SHORT_BELOW ? Extraction.GENERIC_SHORT : Extraction.GENERIC;
            }
        }
        String author = meta.author() != null ? meta.author() : byline;
        boolean found = body != null && Extracted.hasContent(body);
        if (!found && !hasSelector) how = Extraction.NOTHING;
        return new Extracted(meta.title(), author, meta.published(), found ? body : null, how);
    }

    /**
     * The outermost matches' children, in order, moved into the body of a document of their own; null when nothing
     * with text or images matched.
     */
    private static Element selected(Document doc, String selector, WorkBudget budget) {
        Elements matches;
        try {
            matches = doc.select(selector);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("invalid content selector '" + selector + "': " + e.getMessage(), e);
        }
        List<Element> outermost = new ArrayList<>();
        for (Element m : matches) {
            budget.tick();
            boolean nested = false;
            for (Element p = m.parent(); p != null && !nested; p = p.parent()) nested = matches.contains(p);
            if (!nested) outermost.add(m);
        }
        for (Element m : outermost) {
            Boilerplate.dropWidgets(m);
            absolutize(m, budget);
        }
        boolean hasContent = outermost.stream()
                .anyMatch(m -> !m.text().isBlank() || !m.select("img, video, figure").isEmpty());
        if (!hasContent) return null;
        Document shell = Document.createShell(doc.baseUri());
        shell.outputSettings(doc.outputSettings());
        for (Element m : outermost) HtmlTrees.moveChildren(m, shell.body());
        return shell.body();
    }

    /** URLs absolute against the page (or its base element); values that cannot be resolved stay. */
    private static void absolutize(Element root, WorkBudget budget) {
        for (String attr : new String[] {"href", "src", "poster", "cite"}) {
            for (Element e : root.select("[" + attr + "]")) {
                budget.tick();
                String value = e.attr(attr).trim();
                if (value.isEmpty() || value.startsWith("#") || value.regionMatches(true, 0, "data:", 0, 5)) continue;
                String abs = e.absUrl(attr);
                if (!abs.isEmpty()) e.attr(attr, abs);
            }
        }
        for (Element e : root.select("[srcset]")) {
            budget.tick();
            StringBuilder out = new StringBuilder();
            for (String candidate : e.attr("srcset").split(",\\s+")) {
                String[] parts = candidate.trim().split("\\s+", 2);
                if (parts[0].isEmpty()) continue;
                e.attr("data-nv-tmp", parts[0]);
                String abs = e.absUrl("data-nv-tmp");
                if (out.length() > 0) out.append(", ");
                out.append(abs.isEmpty() ? parts[0] : abs).append(parts.length > 1 ? " " + parts[1] : "");
            }
            e.removeAttr("data-nv-tmp");
            e.attr("srcset", out.toString());
        }
    }
}
