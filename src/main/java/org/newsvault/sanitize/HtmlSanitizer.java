package org.newsvault.sanitize;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;

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
 * <p>Thread-safe: the {@link Cleaner} and its policy are built once and never changed.
 */
public final class HtmlSanitizer implements Sanitizer {
    private static final String REMOVED_WITH_CONTENT = String.join(",",
            "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes",
            "object", "embed", "applet", "param", "input", "button", "select", "option",
            "textarea", "datalist", "svg", "math", "link", "meta", "base", "title", "canvas", "map",
            "dialog", "portal", "xmp", "plaintext", "noembed");
    private static final Cleaner CLEANER = new Cleaner(NewsSafelist.build());

    private final boolean imageProxy;

    public HtmlSanitizer() {
        this(false);
    }

    public HtmlSanitizer(boolean imageProxy) {
        this.imageProxy = imageProxy;
    }

    @Override
    public String sanitize(String html, URI baseUrl) {
        if (html == null || html.isBlank()) return "";
        URL base = SafeUrls.base(baseUrl);
        Document dirty = Jsoup.parseBodyFragment(html, base == null ? "" : base.toExternalForm());
        prepare(dirty.body(), base);
        Document clean = CLEANER.clean(dirty);
        clean.outputSettings()
                .prettyPrint(false)
                .escapeMode(Entities.EscapeMode.base)
                .charset(StandardCharsets.UTF_8);
        return clean.body().html();
    }

    private void prepare(Element body, URL base) {
        body.select(REMOVED_WITH_CONTENT).remove();
        for (Element picture : body.select("picture")) {
            picture.select("source").remove();
            picture.unwrap();
        }
        for (Element img : body.select("img")) {
            prepareImage(img, base);
        }
        for (Element a : body.select("a[href]")) {
            String href = SafeUrls.absolute(a.attr("href"), base, SafeUrls.LINK_SCHEMES);
            if (href == null) a.removeAttr("href");
            else a.attr("href", TrackingParams.strip(href));
        }
        for (Element el : body.select("[cite]")) {
            setOrRemove(el, "cite", SafeUrls.absolute(el.attr("cite"), base, SafeUrls.WEB_SCHEMES));
        }
        for (Element el : body.select("video, audio, source")) {
            setOrRemove(el, "src", SafeUrls.absolute(el.attr("src"), base, SafeUrls.WEB_SCHEMES));
            setOrRemove(el, "poster", SafeUrls.absolute(el.attr("poster"), base, SafeUrls.WEB_SCHEMES));
        }
        for (Element quote : body.select("blockquote[class]")) {
            if (quote.hasClass("twitter-tweet")) quote.attr("class", "twitter-tweet");
            else quote.removeAttr("class");
        }
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
