package org.newsvault.poll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.newsvault.archive.OriginalStore;
import org.newsvault.article.ArticleReader;
import org.newsvault.article.ArticleReader.Article;
import org.newsvault.article.ArticleReader.FeedBody;
import org.newsvault.config.OutletConfig;
import org.newsvault.extract.Extractor;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.fetch.Priority;
import org.newsvault.images.LeadImage;
import org.newsvault.model.Entry;
import org.newsvault.model.Original;
import org.newsvault.model.Urls;
import org.newsvault.model.WorkBudget;
import org.newsvault.render.ArchivePaths;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.sanitize.Sanitizer;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRepository.Sighted;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Columns;
import org.newsvault.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feed item → one archived article (or a reason it is not). The order is fixed:
 * link check → known-URL check → body (feed content, or the page: fetch → keep original → extract) →
 * sanitize (always last) → hash → archive. Any failure is contained to this item.
 *
 * <p>A known URL costs one indexed read ({@link ArticleRepository#findSighted}) and nothing more, except
 * in three cases, each of which ends once it is resolved: the article's file is not written yet (an
 * earlier write failed: written now), the article's text came from a third-party feed and this feed is on
 * the article's own site (its text is read once and, if it differs beyond noise, becomes the current
 * version as a revision; the own-site sighting then records that it was read), or the article is a teaser
 * kept for a failed page (the page is tried again).
 */
public final class EntryProcessor {
    private static final Logger log = LoggerFactory.getLogger(EntryProcessor.class);

    /** The feed being polled: its row id and URL (whose site decides the trust of its texts). */
    public record FeedSource(long id, String url) {}

    private final Fetcher fetcher;
    private final ArticleReader reader;
    private final OriginalStore originals;
    private final ArticleRepository articles;
    private final ArticleArchiver archiver;
    private final Revisions revisions;
    private final Path archiveRoot;
    private final Clock clock;
    /** Told how each article page was extracted (rule health); null: not told. */
    private final RuleHealthMonitor health;

    public EntryProcessor(Fetcher fetcher, Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer,
                          OriginalStore originals, ArticleRepository articles, ArticleArchiver archiver,
                          Revisions revisions, Path archiveRoot, Clock clock) {
        this(fetcher, extractor, sanitizer, proxyingSanitizer, originals, articles, archiver, revisions, archiveRoot,
            clock, null);
    }

    public EntryProcessor(Fetcher fetcher, Extractor extractor, Sanitizer sanitizer, Sanitizer proxyingSanitizer,
                          OriginalStore originals, ArticleRepository articles, ArticleArchiver archiver,
                          Revisions revisions, Path archiveRoot, Clock clock, RuleHealthMonitor health) {
        this.health = health;
        this.fetcher = fetcher;
        this.reader = new ArticleReader(extractor, sanitizer, proxyingSanitizer);
        this.originals = originals;
        this.articles = articles;
        this.archiver = archiver;
        this.revisions = revisions;
        this.archiveRoot = archiveRoot;
        this.clock = clock;
    }

    /**
     * @param feedOriginalId the kept original of the feed body this entry was read from, or null
     */
    public EntryOutcome process(OutletConfig outlet, FeedSource feed, Entry entry, Long feedOriginalId) {
        return process(outlet, feed, entry, feedOriginalId, Pages.NONE);
    }

    /**
     * The same as {@link #process}, without holding a thread of {@code executor} while the item's page waits for its
     * host: what the item needs is decided first ({@link #plan}), its page (if any) is queued on the fetcher, and
     * the rest runs on {@code executor} when the page has arrived. The outcome is the one {@link #process} gives:
     * process itself runs, its page request answered by the page fetched ahead (any other request it makes, e.g.
     * because the archive changed meanwhile, is fetched then). Fails only with what process throws.
     */
    public CompletableFuture<EntryOutcome> processAsync(OutletConfig outlet, FeedSource feed, Entry entry,
                                                        Long feedOriginalId, Executor executor) {
        return CompletableFuture.supplyAsync(() -> plan(outlet, feed, entry), executor)
            .thenCompose(plan -> {
                // Nothing to wait for: the rest runs now, on this thread, with the body the plan parsed.
                if (plan.page() == null) return CompletableFuture.completedFuture(process(outlet, feed, entry,
                    feedOriginalId, new Pages(null, null, null, plan.feed())));
                FetchRequest request = FetchRequest.page(plan.page(), outlet.proxy());
                // The item waits for its page without its parsed body (kept small); it is parsed again only if the
                // page fails and the feed's teaser is archived instead.
                FeedBody waiting = plan.feed() == null ? null : plan.feed().withoutTree();
                return fetcher.submit(request, Priority.PAGE).handle((r, e) -> new Pages(request, r,
                    e == null ? null : e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e,
                    waiting))
                    .thenApplyAsync(pages -> process(outlet, feed, entry, feedOriginalId, pages), executor);
            });
    }

    /**
     * What {@link #processAsync} fetches ahead: the page the item will read (null: none), and the feed's body
     * parsed with its teaser check (null when not made).
     */
    private record Plan(URI page, FeedBody feed) {}

    /**
     * The page {@link #process} would fetch for this item, decided as it decides (link, known URL and why a known
     * one is read again, teaser, content selector), without changing anything.
     */
    private Plan plan(OutletConfig outlet, FeedSource feed, Entry entry) {
        ItemLink item = ItemLink.of(entry);
        if (item.failure() != null) return new Plan(null, null);
        String canonical = item.canonical();
        URI base = item.base();
        boolean forcePage = false;
        var known = articles.findSighted(canonical, feed.id());
        if (known.isPresent()) {
            Sighted s = known.get();
            boolean adopt = !s.byFeed() && Sites.sameSite(canonical, feed.url())
                && ArticleRow.THIRD_PARTY.equals(s.sourceTrust());
            forcePage = ArticleRow.TEASER.equals(s.bodyKind());
            if (!adopt && !forcePage) return new Plan(null, null);
        }
        if (forcePage || outlet.content() != null) return new Plan(base, null);
        // Parsed here once, within a budget of its own (the item's page, if any, gets a fresh one when it arrives).
        FeedBody body = reader.feedBody(entry.bestHtml(), base, WorkBudget.standard());
        return new Plan(body.teaser() ? base : null, body);
    }

    /** An item's link as the archive keys it (canonical form, base for relative URLs), or the item's failure line. */
    private record ItemLink(String canonical, URI base, String failure) {
        static ItemLink of(Entry entry) {
            String link = entry.link();
            String tooLong = "item " + shortLink(link) + ": link longer than " + Columns.URL + " characters";
            if (link != null && !Columns.fits(link, Columns.URL)) return new ItemLink(null, null, tooLong);
            try {
                String canonical = Urls.canonical(link);
                URI base = URI.create(Urls.whatwg(link));
                return Columns.fits(canonical, Columns.URL) ? new ItemLink(canonical, base, null)
                    : new ItemLink(null, null, tooLong);
            } catch (IllegalArgumentException | NullPointerException e) {
                return new ItemLink(null, null, "item '" + abbreviate(entry.title()) + "': bad link " + shortLink(link)
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
    }

    /**
     * The page answer fetched ahead for one request (null: none), and the item's feed body when already parsed and
     * checked. Any other request goes to the fetcher.
     */
    private record Pages(FetchRequest request, FetchResult result, Throwable failure, FeedBody feed) {
        static final Pages NONE = new Pages(null, null, null, null);

        FetchResult fetch(Fetcher fetcher, FetchRequest r) throws FetchException {
            if (request == null || !request.equals(r)) return fetcher.fetch(r, Priority.PAGE);
            if (failure instanceof FetchException fe) throw fe;
            if (failure instanceof RuntimeException re) throw re;
            if (failure instanceof Error err) throw err;
            if (failure != null) throw new IllegalStateException(failure);
            return result;
        }
    }

    private EntryOutcome process(OutletConfig outlet, FeedSource feed, Entry entry, Long feedOriginalId, Pages pages) {
        String link = entry.link();
        ItemLink item = ItemLink.of(entry);
        if (item.failure() != null) return EntryOutcome.failed(item.failure(), false, 0);
        String canonical = item.canonical();
        URI base = item.base();
        var known = articles.findSighted(canonical, feed.id());
        if (known.isPresent()) return known(outlet, feed, entry, canonical, base, known.get(), feedOriginalId, pages);

        Body b = read(outlet, feed, entry, canonical, base, feedOriginalId, false, pages);
        if (b.failure() != null) return b.failure();
        Built built = build(outlet, entry, b);
        if (built.failure() != null) return built.failure();
        Path path = ArchivePaths.articlePath(archiveRoot, outlet.id(), built.dated(), canonical, outlet.format());
        String relative = archiveRoot.relativize(path).toString().replace('\\', '/');
        ArticleRow row = new ArticleRow(0, outlet.id(), feed.id(), entry.guid(), canonical, built.file().plainTitle(),
            built.author(), built.published(), b.fetchedAt(), b.hash(), built.file(), relative, false,
            b.originalId(), "poll", "live", b.trust(), b.teaser() ? ArticleRow.TEASER : ArticleRow.FULL);
        try {
            EntryOutcome out = archiver.archive(row, clock.instant(), b.leadImage());
            if (out.kind() == EntryOutcome.Kind.KNOWN && ArticleRow.OWN_SITE.equals(b.trust())) {
                // Another feed archived this URL a moment ago (both were polled at once): if it was a third
                // party's text, this own-site text still replaces it, as it would at the next listing.
                var s = articles.findSighted(canonical, feed.id());
                if (s.isPresent() && !s.get().byFeed() && ArticleRow.THIRD_PARTY.equals(s.get().sourceTrust())) {
                    return supersede(outlet, feed, link, canonical, s.get(), b, built, true);
                }
            }
            return new EntryOutcome(out.kind(), out.articleId(), b.extractionFailed(), null, b.bytes());
        } catch (IOException e) {
            return EntryOutcome.notStored("item " + shortLink(link) + ": cannot write article file: " + e.getMessage(),
                b.bytes());
        } catch (StoreException e) {
            return EntryOutcome.notStored("item " + shortLink(link) + ": cannot store article: " + e.getMessage(),
                b.bytes());
        }
    }

    /** A URL already archived; see the class comment for the three cases that cost more than the lookup. */
    private EntryOutcome known(OutletConfig outlet, FeedSource feed, Entry entry, String canonical, URI base, Sighted s,
                               Long feedOriginalId, Pages pages) {
        String link = entry.link();
        if (!s.fileWritten()) {
            try {
                revisions.writePending(s.articleId());
                archiver.rewrite(s.articleId());
            } catch (IOException | RuntimeException e) {
                return EntryOutcome.notStored("item " + shortLink(link) + ": cannot write article file: "
                    + e.getMessage(), 0);
            }
        }
        boolean ownSiteFeed = Sites.sameSite(canonical, feed.url());
        boolean adopt = !s.byFeed() && ownSiteFeed && ArticleRow.THIRD_PARTY.equals(s.sourceTrust());
        boolean retryPage = ArticleRow.TEASER.equals(s.bodyKind());
        if (!adopt && !retryPage) return EntryOutcome.known(s.articleId());

        Body b = read(outlet, feed, entry, canonical, base, feedOriginalId, retryPage, pages);
        if (b.failure() != null) {
            if (b.failure().kind() == EntryOutcome.Kind.NOT_STORED) return b.failure();
            // A teaser whose page still fails stays as it is; an own-site text that could not be read is tried
            // again next time, unless the failure is not transient (then its sighting says it was not read).
            if (adopt && !b.failure().extractionFailed()) recordOwnSiteSighting(outlet, feed, canonical, s, null);
            return adopt && b.failure().extractionFailed() ? b.failure() : EntryOutcome.known(s.articleId());
        }
        if (b.teaser()) {
            if (adopt) recordOwnSiteSighting(outlet, feed, canonical, s, null);
            return new EntryOutcome(EntryOutcome.Kind.KNOWN, s.articleId(), b.extractionFailed(), null, b.bytes());
        }
        Built built = build(outlet, entry, b);
        if (built.failure() != null) return built.failure();
        return supersede(outlet, feed, link, canonical, s, b, built, adopt);
    }

    /** Offers the text read for a known article as its new current version; see {@link Revisions}. */
    private EntryOutcome supersede(OutletConfig outlet, FeedSource feed, String link, String canonical, Sighted s, Body b,
                                   Built built, boolean adopt) {
        String hash = b.hash();
        String why = adopt ? "text of its own site (" + (b.fromPage() ? "its page" : feed.url())
            + ") replaces a third-party feed's"
            : "the article page arrived (was its feed's teaser)";
        int n;
        try {
            n = revisions.supersede(s.articleId(), new Revisions.Candidate(feed.id(), b.trust(), built.file(), hash,
                b.originalId(), b.fromPage(), b.fetchedAt(), why));
        } catch (IOException e) {
            return EntryOutcome.notStored("item " + shortLink(link) + ": cannot write revision file: " + e.getMessage(),
                b.bytes());
        } catch (StoreException e) {
            return EntryOutcome.notStored("item " + shortLink(link) + ": cannot store revision: " + e.getMessage(),
                b.bytes());
        }
        if (adopt) recordOwnSiteSighting(outlet, feed, canonical, s, hash);
        if (n > 0) {
            log.info("outlet={} feed_url={} article {} {}: revision {}: {}", outlet.id(), feed.url(), s.articleId(),
                canonical, n, why);
        }
        return new EntryOutcome(n > 0 ? EntryOutcome.Kind.REVISED : EntryOutcome.Kind.KNOWN, s.articleId(),
            b.extractionFailed(), null, b.bytes());
    }

    private void recordOwnSiteSighting(OutletConfig outlet, FeedSource feed, String canonical, Sighted s, String hash) {
        articles.addSighting(s.articleId(), outlet.id(), feed.id(), canonical, "own-site", hash, true, clock.instant());
    }

    /**
     * The item's body, sanitized, and its content hash. {@code failure} is set when there is none; {@code teaser}
     * when the page failed and the feed's teaser was kept instead; {@code page} is what the page gave (its title,
     * author and date are used even when its body was not found), or null.
     */
    private record Body(String clean, String hash, Article page, Long originalId, Instant fetchedAt, URI base,
                        long bytes, boolean extractionFailed, boolean teaser, boolean fromPage, String trust,
                        EntryOutcome failure, String leadImage) {
        static Body failed(EntryOutcome why) {
            return new Body(null, null, null, null, null, null, why.bytes(), true, false, false, null, why, null);
        }
    }

    /**
     * Each HTML document of the item is parsed once ({@link ArticleReader}): the feed's body (for the teaser check,
     * and as the article when it is one) and the page, if one is read.
     */
    private Body read(OutletConfig outlet, FeedSource feed, Entry entry, String canonical, URI base, Long feedOriginalId,
                      boolean forcePage, Pages pages) {
        String link = entry.link();
        Instant fetchedAt = clock.instant();
        String feedHtml = entry.bestHtml();
        // One budget for everything this item's HTML costs from here (page extraction and sanitizing together);
        // a body parsed ahead while planning had one of its own.
        WorkBudget budget = WorkBudget.standard();
        FeedBody feedBody = pages.feed();
        boolean needPage = forcePage || outlet.content() != null;
        if (!needPage) {
            if (feedBody == null) feedBody = reader.feedBody(feedHtml, base, budget);
            needPage = feedBody.teaser();
        }
        Article page = null;
        Long originalId = feedOriginalId;
        long bytes = 0;
        boolean extractionFailed = false;
        boolean fromPage = false;
        String leadImage = null;
        if (needPage) {
            try {
                FetchResult r = pages.fetch(fetcher, FetchRequest.page(base, outlet.proxy()));
                bytes = r.body().length;
                fetchedAt = r.fetchedAt();
                Original original = originals.save(r.finalUrl().toString(), r.status(), r.headers(), r.contentType(),
                    r.body(), r.fetchedAt(), "page");
                originalId = original.id();
                base = r.finalUrl();
                page = reader.page(r.body(), r.contentType(), base, outlet.extractRules(), outlet.imageProxy(),
                    ArticleReader.Extras.NONE, budget);
                if (page.found()) fromPage = true;
                else extractionFailed = true;
                if (health != null) health.record(outlet.id(), base.toString(), page.extraction());
                // The page's og:image, kept with the article's images (a head parse: only for an outlet that keeps them).
                leadImage = outlet.images() ? LeadImage.of(r.body(), base) : null;
            } catch (FetchException e) {
                // A page the address policy refuses is not archived in any form (its teaser included): one line naming the
                // rule, and nothing to retry.
                if (e.kind() == FetchException.Kind.BLOCKED) {
                    return Body.failed(EntryOutcome.failed("item " + shortLink(link) + ": " + e.getMessage(), false, bytes));
                }
                // No feed body to fall back on, or a transient error: leave the item for the next poll.
                if (feedHtml == null || e.kind().transientFailure()) {
                    return Body.failed(EntryOutcome.failed("item " + shortLink(link) + ": " + e.getMessage(), true, bytes));
                }
                extractionFailed = true;
            } catch (IOException e) {
                return Body.failed(EntryOutcome.notStored("item " + shortLink(link) + ": cannot keep original: "
                    + e.getMessage(), bytes));
            }
        }
        String clean;
        String hash;
        boolean feedIsTeaser = false;
        if (fromPage) {
            clean = page.html();
            hash = page.contentHash();
        } else {
            if (feedHtml == null || feedHtml.isBlank()) {
                return Body.failed(EntryOutcome.failed("item " + shortLink(link) + ": no article body found", true, bytes));
            }
            // The feed's own body: the outlet's removals apply when it was the article from the start, not when it
            // stands in for a page that failed.
            if (feedBody == null) feedBody = reader.feedBody(feedHtml, base, budget);
            feedIsTeaser = feedBody.teaser();
            Article own = reader.feed(feedBody, base, needPage ? List.of() : outlet.remove(), outlet.imageProxy(), budget);
            clean = own.html();
            hash = own.contentHash();
        }
        // The article page speaks for its own site (unless a redirect took it elsewhere); a feed's text for
        // the feed's site.
        boolean own = fromPage ? Sites.sameSite(base.toString(), canonical) : Sites.sameSite(canonical, feed.url());
        boolean teaser = !fromPage && extractionFailed && feedIsTeaser;
        return new Body(clean, hash, page, originalId, fetchedAt, base, bytes, extractionFailed, teaser, fromPage,
            own ? ArticleRow.OWN_SITE : ArticleRow.THIRD_PARTY, null, leadImage);
    }

    private record Built(ArticleFile file, String author, Instant published, Instant dated, EntryOutcome failure) {}

    /** The article file for this body; titles are fitted to their column before rendering, as the row must match. */
    private Built build(OutletConfig outlet, Entry entry, Body b) {
        String link = entry.link();
        Article page = b.page();
        String title = Columns.cut(firstNonBlank(entry.title(), page == null ? null : page.title(), link), Columns.TITLE);
        String author = firstNonBlank(entry.author(), page == null ? null : page.author(), outlet.name());
        Instant published = entry.published() != null ? entry.published() : page == null ? null : page.published();
        ArticleFile file = ArticleFiles.create(outlet.format(), title, link, author, outlet.name(), published,
            b.fetchedAt(), b.clean());
        // Rendering may lengthen a title (escapes); cut the input until the rendered title fits too.
        while (!Columns.fits(file.title(), Columns.TITLE)) {
            int shorter = (int) ((long) title.length() * (Columns.TITLE - 1) / file.title().length());
            title = Columns.cut(title, Math.max(1, Math.min(shorter, title.length() - 1)));
            file = ArticleFiles.create(outlet.format(), title, link, author, outlet.name(), published, b.fetchedAt(),
                b.clean());
        }
        if (!Columns.fits(file.url(), Columns.URL)) {
            return new Built(null, null, null, null, EntryOutcome.failed("item " + shortLink(link) + ": link longer than "
                + Columns.URL + " characters", false, b.bytes()));
        }
        Instant dated = published != null && !published.isAfter(b.fetchedAt()) ? published : b.fetchedAt();
        return new Built(file, author, published, dated, null);
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

    /** A link as it appears in a message: whole up to 200 characters (a hostile one can be megabytes). */
    static String shortLink(String link) {
        if (link == null) return "(no link)";
        return link.length() > 200 ? link.substring(0, 200) + "…(" + link.length() + " characters)" : link;
    }
}
