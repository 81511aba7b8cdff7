package org.newsvault.poll;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.newsvault.config.OutletConfig;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.extract.Extractor;
import org.newsvault.extract.FullText;
import org.newsvault.fetch.Charsets;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Entry;
import org.newsvault.model.Original;
import org.newsvault.model.Urls;
import org.newsvault.render.ArchivePaths;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.sanitize.Sanitizer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;

/**
 * One feed item → one archived article (or a reason it is not). The order is fixed:
 * known-URL check → body (feed content, or the page: fetch → keep original → extract) → sanitize (always
 * last) → hash → archive. Any failure is contained to this item.
 */
public final class EntryProcessor {
    private final Fetcher fetcher;
    private final Extractor extractor;
    private final Sanitizer sanitizer;
    private final Sanitizer proxyingSanitizer;
    private final OriginalStore originals;
    private final ArticleRepository articles;
    private final ArticleArchiver archiver;
    private final Path archiveRoot;
    private final Clock clock;

    public EntryProcessor(Fetcher fetcher, Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer,
                          OriginalStore originals, ArticleRepository articles, ArticleArchiver archiver, Path archiveRoot,
                          Clock clock) {
        this.fetcher = fetcher;
        this.extractor = extractor;
        this.sanitizer = sanitizer;
        this.proxyingSanitizer = proxyingSanitizer;
        this.originals = originals;
        this.articles = articles;
        this.archiver = archiver;
        this.archiveRoot = archiveRoot;
        this.clock = clock;
    }

    public EntryOutcome process(OutletConfig outlet, long feedId, Entry entry, Original feedOriginal) {
        String link = entry.link();
        String canonical;
        try {
            canonical = Urls.canonical(link);
        } catch (IllegalArgumentException e) {
            return EntryOutcome.failed("item '" + abbreviate(entry.title()) + "': bad link " + link, false, 0);
        }
        var known = articles.findBySighting(canonical);
        if (known.isPresent()) return EntryOutcome.known(known.get());

        Instant fetchedAt = clock.instant();
        String feedHtml = entry.bestHtml();
        boolean needPage = outlet.content() != null || feedHtml == null || FullText.isTeaser(feedHtml);
        String body = feedHtml;
        Extracted page = null;
        Original original = feedOriginal;
        URI base = URI.create(Urls.whatwg(link));
        long bytes = 0;
        boolean extractionFailed = false;
        if (needPage) {
            try {
                FetchResult r = fetcher.fetch(FetchRequest.page(base, outlet.proxy()));
                bytes = r.body().length;
                fetchedAt = r.fetchedAt();
                original = originals.save(r.finalUrl().toString(), r.status(), r.headers(), r.contentType(), r.body(),
                    r.fetchedAt(), "page");
                base = r.finalUrl();
                page = extractor.extract(Charsets.decodeHtml(r.body(), r.contentType()), base, outlet.extractRules());
                if (page.found()) {
                    body = page.bodyHtml();
                } else {
                    extractionFailed = true;
                }
            } catch (FetchException e) {
                // No feed body to fall back on, or a transient error: leave the item for the next poll.
                if (feedHtml == null || e.kind().transientFailure()) {
                    return EntryOutcome.failed("item " + link + ": " + e.getMessage(), true, bytes);
                }
                extractionFailed = true;
            } catch (java.io.IOException e) {
                return EntryOutcome.failed("item " + link + ": cannot keep original: " + e.getMessage(), true, bytes);
            }
        } else if (!outlet.remove().isEmpty()) {
            Extracted cleaned = extractor.extract(feedHtml, base, new ExtractRules("body", outlet.remove()));
            if (cleaned.found()) body = cleaned.bodyHtml();
        }
        if (body == null || body.isBlank()) {
            return EntryOutcome.failed("item " + link + ": no article body found", true, bytes);
        }

        String clean = (outlet.imageProxy() ? proxyingSanitizer : sanitizer).sanitize(body, base);
        String title = firstNonBlank(entry.title(), page == null ? null : page.title(), link);
        String author = firstNonBlank(entry.author(), page == null ? null : page.author(), outlet.name());
        Instant published = entry.published() != null ? entry.published() : page == null ? null : page.published();
        ArticleFile file = ArticleFiles.create(outlet.format(), title, link, author, outlet.name(), published, fetchedAt, clean);
        Instant dated = published != null && !published.isAfter(fetchedAt) ? published : fetchedAt;
        Path path = ArchivePaths.articlePath(archiveRoot, outlet.id(), dated, canonical, outlet.format());
        String relative = archiveRoot.relativize(path).toString().replace('\\', '/');
        ArticleRow row = new ArticleRow(0, outlet.id(), feedId, entry.guid(), canonical, file.plainTitle(), author, published,
            fetchedAt, ContentHash.ofHtml(clean), file, relative, false, original == null ? null : original.id(),
            "poll", "live");
        try {
            EntryOutcome out = archiver.archive(row, clock.instant());
            return new EntryOutcome(out.kind(), out.articleId(), extractionFailed, null, bytes);
        } catch (java.io.IOException e) {
            return EntryOutcome.failed("item " + link + ": cannot write article file: " + e.getMessage(), false, bytes);
        }
    }

    /** Commits what {@link ArticleArchiver} has batched; called when a feed's items are done. */
    public void flush() {
        archiver.flush();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "";
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
