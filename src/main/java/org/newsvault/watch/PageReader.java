package org.newsvault.watch;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.extract.Extractor;
import org.newsvault.fetch.Charsets;
import org.newsvault.model.ContentHash;
import org.newsvault.sanitize.Sanitizer;
import org.newsvault.store.ArticleRow;

/**
 * Page bytes → {@link PageVersion}, by the same steps the poll uses (decode → extract with the
 * outlet's rules → sanitize) plus the noise filter for the comparison text. The archived body is
 * sanitized exactly as a poll would (with the image proxy when the outlet uses one); the comparison
 * text never depends on the proxy. Thread-safe.
 */
final class PageReader {
    private final Extractor extractor;
    private final Sanitizer sanitizer;
    private final Sanitizer proxyingSanitizer;

    PageReader(Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer) {
        this.extractor = extractor;
        this.sanitizer = sanitizer;
        this.proxyingSanitizer = proxyingSanitizer;
    }

    PageVersion read(byte[] body, String contentType, URI pageUrl, ExtractRules rules, boolean imageProxy) {
        String html = Charsets.decodeHtml(body, contentType);
        Document doc = Jsoup.parse(html, pageUrl.toString());
        String pageText = ContentHash.normalizedText(doc.title() + " " + doc.body().text());
        Extracted ex = extractor.extract(html, pageUrl, rules);
        if (!ex.found()) return new PageVersion(ex.title(), null, "", ContentHash.sha256Hex(""), pageText, true);
        String clean = (imageProxy ? proxyingSanitizer : sanitizer).sanitize(ex.bodyHtml(), pageUrl);
        String text = NoiseFilter.text(sanitizer.sanitize(NoiseFilter.stripElements(ex.bodyHtml()), pageUrl));
        String title = ex.title() == null || ex.title().isBlank() ? null : ex.title().strip();
        return new PageVersion(title, clean, text, ContentHash.sha256Hex(text), pageText, true);
    }

    /** The archived version of an article whose text did not come from a page we can read again. */
    static PageVersion archived(ArticleRow a) {
        String body = a.file().bodyHtml();
        String text = NoiseFilter.text(NoiseFilter.stripElements(body));
        return new PageVersion(null, body, text, ContentHash.sha256Hex(text), NoiseFilter.title(a.title()), false);
    }
}
