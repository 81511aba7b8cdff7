package org.newsvault.watch;

import java.net.URI;
import org.newsvault.article.ArticleReader;
import org.newsvault.article.ArticleReader.Article;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extractor;
import org.newsvault.model.ContentHash;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.Sanitizer;
import org.newsvault.store.ArticleRow;

/**
 * Page bytes → {@link PageVersion}, read as the poll reads them ({@link ArticleReader}: one parse; extract with the
 * outlet's rules; sanitize), plus the page's whole text and the noise filter's text for the comparison, taken from
 * the same tree. The archived body is sanitized exactly as a poll would (with the image proxy when the outlet uses
 * one); the comparison text never depends on the proxy. Thread-safe.
 */
final class PageReader {
    private static final ArticleReader.Extras COMPARED = new ArticleReader.Extras(true, NoiseFilter::stripElements);

    private final ArticleReader reader;

    PageReader(Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer) {
        this.reader = new ArticleReader(extractor, sanitizer, proxyingSanitizer);
    }

    /**
     * @throws org.newsvault.model.BudgetExceededException when the page is too complex (a budget per page read)
     */
    PageVersion read(byte[] body, String contentType, URI pageUrl, ExtractRules rules, boolean imageProxy) {
        Article a = reader.page(body, contentType, pageUrl, rules, imageProxy, COMPARED, WorkBudget.standard());
        if (!a.found()) return new PageVersion(a.title(), null, "", ContentHash.sha256Hex(""), a.pageText(), true);
        String text = NoiseFilter.withoutNoise(a.comparable());
        String title = a.title() == null || a.title().isBlank() ? null : a.title().strip();
        return new PageVersion(title, a.html(), text, ContentHash.sha256Hex(text), a.pageText(), true, a.contentHash());
    }

    /** The archived version of an article whose text did not come from a page we can read again. */
    static PageVersion archived(ArticleRow a) {
        String body = a.file().bodyHtml();
        String text = NoiseFilter.comparableText(body);
        return new PageVersion(null, body, text, ContentHash.sha256Hex(text), NoiseFilter.title(a.title()), false,
            a.contentHash());
    }
}
