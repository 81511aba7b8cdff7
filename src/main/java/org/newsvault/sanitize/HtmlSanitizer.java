package org.newsvault.sanitize;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * The production {@link Sanitizer}: a pre-pass over the parsed fragment, then jsoup's {@link Cleaner}
 * with the {@link NewsSafelist} policy, serialized compactly (no pretty-printing, minimal entities,
 * Chinese kept literal).
 *
 * <p>The pre-pass removes, with their content, elements whose content is code or chrome (script,
 * style, iframe, object, embed, form controls, svg, math, template, link, meta, base, noscript);
 * a {@code <form>} itself is only unwrapped, because old CMSs and ASP.NET pages wrap the whole
 * article in one;
 * removes tracking pixels; keeps one image URL per {@code img} (from {@code src}, else the widest
 * {@code srcset} candidate) and drops images without a safe one; makes every URL absolute
 * (protocol-relative ones https) and drops those with a scheme that is not web or mail
 * ({@code data:} only for raster images); strips tracking parameters from links; with
 * {@code imageProxy}, routes images through {@link ImageProxy}. Embedded tweets keep their
 * {@code <blockquote class="twitter-tweet">} with its text and links; their script goes.
 *
 * Links keep only the {@code rel} keywords in {@link #SAFE_REL} ({@code opener} and the rest go).
 * Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed from text
 * and attribute values: they can make a link or a name read differently from what it is.
 *
 * <p>Bounded work: the markup may hold at most {@link WorkBudget#maxElements()} tags (counted before
 * parsing), the parser flattens nesting past {@link WorkBudget#maxDepth()} into siblings (their text
 * stays), so every per-element walk up the tree the {@link Cleaner} makes is short, and every pass of
 * the pre-pass checks the budget's deadline. Past a bound, {@link org.newsvault.model.BudgetExceededException}.
 *
 * <p>Thread-safe: the {@link Cleaner} and its policy are built once and never changed.
 */
public final class HtmlSanitizer implements Sanitizer {
    private static final String REMOVED_WITH_CONTENT = String.join(",",
            "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes",
            "object", "embed", "applet", "param", "input", "button", "select", "option",
            "textarea", "datalist", "svg", "math", "link", "meta", "base", "title", "canvas", "map",
            "dialog", "portal", "xmp", "plaintext", "noembed");
    private static final Cleaner CLEANER = new Cleaner(NewsSafelist.build());
    /** Link-type keywords that only describe a link; anything else (opener, made-up values) is dropped. */
    static final Set<String> SAFE_REL = Set.of("nofollow", "noopener", "noreferrer", "ugc", "sponsored", "external",
            "tag", "category", "bookmark", "author", "license", "me", "prev", "next", "help");

    private final boolean imageProxy;

    public HtmlSanitizer() {
        this(false);
    }

    public HtmlSanitizer(boolean imageProxy) {
        this.imageProxy = imageProxy;
    }

    @Override
    public String sanitize(String html, URI baseUrl) {
        return sanitize(html, baseUrl, WorkBudget.standard());
    }

    @Override
    public String sanitize(String html, URI baseUrl, WorkBudget budget) {
        if (html == null || html.isBlank()) return "";
        URL base = SafeUrls.base(baseUrl);
        Document dirty = HtmlTrees.parseFragment(html, base == null ? "" : base.toExternalForm(), budget);
        return cleanBody(dirty, base, budget).html();
    }

    /**
     * The tree path. A parsed tree that later stages edited can hold what no parse of its serialization would:
     * a {@link DataNode} (raw script or style text, serialized unescaped) outside the element it was parsed in,
     * for example when a {@code <script>} was unwrapped. The markup path would have parsed that text as markup
     * and sanitized it; here it becomes plain text (escaped when serialized), so it cannot become markup either.
     * Every other difference between a tree and its serialization parsed again is structure (a {@code <p>}
     * inside a {@code <p>}, misplaced table text) among elements that the safelist admits anyway.
     */
    @Override
    public Element clean(Element dirty, URI baseUrl, WorkBudget budget) {
        URL base = SafeUrls.base(baseUrl);
        Document doc = Document.createShell(base == null ? "" : base.toExternalForm());
        HtmlTrees.moveChildren(dirty, doc.body());
        return cleanBody(doc, base, budget);
    }

    private Element cleanBody(Document dirty, URL base, WorkBudget budget) {
        budget.check();
        prepare(dirty.body(), base, budget);
        budget.check();
        Document clean = CLEANER.clean(dirty);
        budget.check();
        clean.outputSettings()
                .prettyPrint(false)
                .escapeMode(Entities.EscapeMode.base)
                .charset(StandardCharsets.UTF_8);
        return clean.body();
    }

    private void prepare(Element body, URL base, WorkBudget budget) {
        HtmlTrees.removeAll(body.select(REMOVED_WITH_CONTENT), budget);
        for (Element picture : ticking(body.select("picture"), budget)) {
            picture.select("source").remove();
            picture.unwrap();
        }
        for (Element img : ticking(body.select("img"), budget)) {
            prepareImage(img, base);
        }
        for (Element a : ticking(body.select("a[href]"), budget)) {
            String href = SafeUrls.absolute(a.attr("href"), base, SafeUrls.LINK_SCHEMES);
            if (href == null) a.removeAttr("href");
            else a.attr("href", TrackingParams.strip(href));
        }
        for (Element a : ticking(body.select("a[rel]"), budget)) {
            keepSafeRel(a);
        }
        for (Element el : ticking(body.select("[cite]"), budget)) {
            setOrRemove(el, "cite", SafeUrls.absolute(el.attr("cite"), base, SafeUrls.WEB_SCHEMES));
        }
        for (Element el : ticking(body.select("video, audio, source"), budget)) {
            setOrRemove(el, "src", SafeUrls.absolute(el.attr("src"), base, SafeUrls.WEB_SCHEMES));
            setOrRemove(el, "poster", SafeUrls.absolute(el.attr("poster"), base, SafeUrls.WEB_SCHEMES));
        }
        for (Element quote : ticking(body.select("blockquote[class]"), budget)) {
            if (quote.hasClass("twitter-tweet")) quote.attr("class", "twitter-tweet");
            else quote.removeAttr("class");
        }
        stripBidiControls(body, budget);
    }


    /** The elements, checking the deadline as they are handed out. */
    private static Iterable<Element> ticking(Elements elements, WorkBudget budget) {
        budget.check();
        return () -> new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < elements.size();
            }

            @Override
            public Element next() {
                budget.tick();
                return elements.get(i++);
            }
        };
    }

    /** Keeps the descriptive keywords of {@code rel} as written; drops the attribute when none is left. */
    static void keepSafeRel(Element a) {
        String rel = a.attr("rel");
        if (rel.isBlank()) return;
        String[] words = rel.trim().split("[\\s,]+");
        List<String> kept = new ArrayList<>();
        for (String w : words) {
            if (SAFE_REL.contains(w.toLowerCase(Locale.ROOT))) kept.add(w);
        }
        if (kept.size() == words.length) return;
        if (kept.isEmpty()) a.removeAttr("rel");
        else a.attr("rel", String.join(" ", kept));
    }

    /** True for the invisible controls that reorder text: U+202A–U+202E and U+2066–U+2069. */
    static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    static String withoutBidiControls(String s) {
        int i = 0;
        while (i < s.length() && !isBidiControl(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isBidiControl(c)) sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Removes bidi controls from text and attribute values, and turns raw data left outside the elements that
     * hold it into text (every such element went with its content before this walk, so a {@link DataNode} still
     * here is stray: see {@link #clean(Element, URI, WorkBudget)}). One walk for both.
     */
    private static void stripBidiControls(Element body, WorkBudget budget) {
        List<DataNode> stray = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            budget.tick();
            if (node instanceof TextNode t) {
                String text = t.getWholeText();
                String stripped = withoutBidiControls(text);
                if (!stripped.equals(text)) t.text(stripped);
            } else if (node instanceof Element e) {
                for (Attribute attr : e.attributes()) {
                    String stripped = withoutBidiControls(attr.getValue());
                    if (!stripped.equals(attr.getValue())) attr.setValue(stripped);
                }
            } else if (node instanceof DataNode d) {
                stray.add(d);
            }
        }, body);
        for (DataNode d : stray) d.replaceWith(new TextNode(withoutBidiControls(d.getWholeData())));
    }

    private void prepareImage(Element img, URL base) {
        String raw = img.attr("src");
        if (raw.isBlank() && img.hasAttr("srcset")) raw = Srcset.widest(img.attr("srcset"));
        String src = SafeUrls.isRasterDataImage(raw)
                ? SafeUrls.browserView(raw)
                : SafeUrls.absolute(raw, base, SafeUrls.WEB_SCHEMES);
        if (src == null || TrackingPixels.isPixel(img, src)) {
            img.remove();
            return;
        }
        img.attr("src", imageProxy ? ImageProxy.rewrite(src) : src);
    }

    private static void setOrRemove(Element el, String attr, String value) {
        if (!el.hasAttr(attr)) return;
        if (value == null) el.removeAttr(attr);
        else el.attr(attr, value);
    }
}
