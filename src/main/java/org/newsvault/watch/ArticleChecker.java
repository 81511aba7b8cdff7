package org.newsvault.watch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.newsvault.archive.OriginalStore;
import org.newsvault.config.WatchSettings;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.model.ArticleStatus;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.model.Urls;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.CheckUpdate;
import org.newsvault.store.NewRevision;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;
import org.newsvault.store.WatchState;
import org.newsvault.images.ImageLister;
import org.newsvault.images.LeadImage;
import org.newsvault.watch.ChangeDetector.Verdict;
import org.newsvault.watch.CheckResult.Outcome;
import org.newsvault.watch.StatusPolicy.Observation;

/**
 * One article, one re-check: fetch its page (through the shared, polite fetcher) → redirect away? →
 * read the page like a poll would → compare with the version the article corresponds to
 * ({@link ChangeDetector}) → record: a revision (rows, then files), or the check's outcome and any
 * status change ({@link StatusPolicy}). The reference version is extracted again from its kept original
 * on every check, so the comparison always uses today's extractor on both sides. Thread-safe.
 */
final class ArticleChecker {
    /** After a miss on an article gone from its feed, the confirming check comes this soon. */
    static final java.time.Duration UNLISTED_CONFIRM_AFTER = java.time.Duration.ofMinutes(15);

    /** What a check needs to know about the article's outlet. */
    record OutletView(String name, org.newsvault.extract.ExtractRules rules, String proxy, boolean imageProxy) {}

    private record Reference(PageVersion version, Long originalId, String sha256) {}

    /** Where a check reads and records: kept originals, re-check state, revisions and their files. */
    record Stores(OriginalStore originals, OriginalRepository originalRows, WatchRepository watchRows,
                  RevisionRepository revisions, RevisionFiles files) {}

    private final Fetcher fetcher;
    private final PageReader reader;
    private final OriginalStore originals;
    private final OriginalRepository originalRows;
    private final WatchRepository watchRows;
    private final RevisionRepository revisions;
    private final RevisionFiles files;
    /** Read per check, so a config reload's watch settings apply to the next check. */
    private final java.util.function.Supplier<WatchSettings> watch;
    private final Function<String, OutletView> outlets;
    private final Clock clock;
    private final ImageLister images;
    static final String IMAGES_CHANGED = "images changed";

    ArticleChecker(Fetcher fetcher, PageReader reader, Stores stores, WatchSettings watch,
                   Function<String, OutletView> outlets, Clock clock) {
        this(fetcher, reader, stores, () -> watch, outlets, clock);
    }

    /**
     * @param watch   the current watch settings (a reload may change them between checks)
     * @param outlets the current view of an outlet, looked up on every check for the same reason
     */
    ArticleChecker(Fetcher fetcher, PageReader reader, Stores stores, java.util.function.Supplier<WatchSettings> watch,
                   Function<String, OutletView> outlets, Clock clock) {
        this(fetcher, reader, stores, watch, outlets, clock, null);
    }

    /**
     * @param images lists a new version's images (recorded with its revision; new ones kept when the outlet keeps
     *               images), and makes a page whose text is the same but whose images are not an edit; null: neither
     */
    ArticleChecker(Fetcher fetcher, PageReader reader, Stores stores, java.util.function.Supplier<WatchSettings> watch,
                   Function<String, OutletView> outlets, Clock clock, ImageLister images) {
        this.images = images;
        this.fetcher = fetcher;
        this.reader = reader;
        this.originals = stores.originals();
        this.originalRows = stores.originalRows();
        this.watchRows = stores.watchRows();
        this.revisions = stores.revisions();
        this.files = stores.files();
        this.watch = watch;
        this.outlets = outlets;
        this.clock = clock;
    }

    CheckResult check(WatchState s) throws IOException {
        ArticleRow a = s.article();
        Instant now = clock.instant();
        WatchSettings watch = this.watch.get();
        Instant next = RecheckSchedule.next(a.fetchedAt(), now, watch).orElse(null);
        OutletView o = outlets.apply(a.outletId());
        URI uri = null;
        FetchResult r;
        try {
            uri = FetchRequest.uri(Urls.whatwg(a.file().url()));
            r = fetcher.fetch(FetchRequest.page(uri, o.proxy()), org.newsvault.fetch.Priority.RECHECK);
        } catch (FetchException | IllegalArgumentException x) {
            FetchException e = x instanceof FetchException fe ? fe
                : new FetchException(FetchException.Kind.BLOCKED, null, "not a valid URL: " + x.getMessage(), x);
            boolean gone = e.kind() == FetchException.Kind.NOT_FOUND || e.status() == 404 || e.status() == 410
                || e.status() == 451;
            Evidence ev = new Evidence(e.status() > 0 ? e.status() : null,
                String.valueOf(e.url() != null ? e.url() : uri != null ? uri : a.file().url()),
                e.getMessage());
            if (gone) return observe(s, Observation.MISSING, ev, now, next, null, null);
            // 5xx and 429 are outages whatever kind a fetcher gives them.
            boolean outage = e.kind().transientFailure() || e.status() >= 500 || e.status() == 429;
            return observe(s, Observation.NO_ANSWER, ev, now, next, null, outage ? Outcome.UNREACHABLE : Outcome.ERROR);
        }
        String finalUrl = r.finalUrl().toString();
        if (ChangeDetector.redirectedAway(uri, r.finalUrl())) {
            return observe(s, Observation.MISSING, new Evidence(r.status(), finalUrl,
                "redirected to a home or section page"), now, next, null, null);
        }
        Reference ref = reference(s, o);
        Evidence seen = new Evidence(r.status(), finalUrl, null);
        if (ref.sha256() != null && ref.sha256().equals(ContentHash.sha256Hex(r.body()))) {
            return observe(s, Observation.PRESENT, seen, now, next, ref.originalId(), null);
        }
        PageVersion page = reader.read(r.body(), r.contentType(), r.finalUrl(), o.rules(), o.imageProxy());
        Verdict v = ChangeDetector.compare(ref.version(), page, titles(a, ref.version()));
        if (v.kind() == ChangeDetector.Kind.SAME && images != null && imagesChanged(ref.version(), page, a)) {
            v = new Verdict(ChangeDetector.Kind.CHANGED, false, false, v.similarity(), IMAGES_CHANGED);
        }
        return switch (v.kind()) {
            case SAME -> observe(s, Observation.PRESENT, seen, now, next,
                ref.originalId() != null ? ref.originalId() : keep(r).id(), null);
            case GONE -> observe(s, Observation.MISSING, new Evidence(r.status(), finalUrl, v.reason()), now, next, null, null);
            case UNREADABLE -> observe(s, Observation.NO_ANSWER, new Evidence(r.status(), finalUrl, v.reason()), now, next,
                null, Outcome.ERROR);
            case CHANGED -> edit(s, r, page, v, o, now, next);
        };
    }

    private CheckResult edit(WatchState s, FetchResult r, PageVersion page, Verdict v, OutletView o, Instant now,
                             Instant next) throws IOException {
        ArticleRow a = s.article();
        Original orig = keep(r);
        String title = v.titleChanged() ? page.title() : a.title();
        ArticleFile file = ArticleFiles.create(a.file().variant(), title, a.file().url(), a.author(), o.name(),
            a.publishedAt(), a.fetchedAt(), page.cleanBody());
        String hash = page.contentHash() != null ? page.contentHash() : ContentHash.ofHtml(page.cleanBody());
        if (hash.equals(a.contentHash()) && file.plainTitle().equals(a.file().plainTitle())
            && !IMAGES_CHANGED.equals(v.reason())) { // the text hash does not see images
            // Differences only the reference showed (e.g. it predates an extractor change): the page is as archived.
            return observe(s, Observation.PRESENT, new Evidence(r.status(), r.finalUrl().toString(), null), now, next,
                orig.id(), null);
        }
        ArticleStatus before = ArticleStatus.fromDb(a.status());
        String what = IMAGES_CHANGED.equals(v.reason()) ? IMAGES_CHANGED
            : v.titleChanged() && v.textChanged() ? "title and text changed"
            : v.titleChanged() ? "title changed" : "text changed";
        String back = before == ArticleStatus.DELETED ? "; back after deletion"
            : before == ArticleStatus.UNREACHABLE ? "; reachable again" : "";
        StatusEvent ev = new StatusEvent(a.id(), now, ArticleStatus.EDITED.dbValue(), r.status(), r.finalUrl().toString(),
            "revision {n}: " + what + back);
        RevisionRepository.Recorded rec = revisions.recordEdit(new NewRevision(a.id(), r.fetchedAt(), file.plainTitle(), hash,
            orig.id(), file, n -> RevisionFiles.path(a.filePath(), n), orig.id(), next, ev,
            // a teaser kept for a failed page has its page now: the article is no longer waiting for it
            a.teaser() ? new NewRevision.Source(null, ArticleRow.OWN_SITE, ArticleRow.FULL) : null)
            .withImages(revisionImages(a, file, r)), now);
        files.write(rec);
        int n = rec.revisions().get(rec.revisions().size() - 1).revision().n();
        return new CheckResult(a.id(), a.file().url(), Outcome.EDITED, ArticleStatus.EDITED.dbValue(), n, true,
            "revision " + n + ": " + what + back);
    }

    /** The new version's images for its revision row, or null without a lister. */
    private NewRevision.Images revisionImages(ArticleRow a, ArticleFile file, FetchResult r) {
        if (images == null) return null;
        var listed = ImageLister.refs(file.body(), a.canonicalUrl(), LeadImage.of(r.body(), r.finalUrl()));
        return new NewRevision.Images(listed, images.keeps(a.outletId()), images.maxCount());
    }

    /**
     * Whether the page's body shows another set of images than the reference version (both extracted today): the
     * text may stay while a photo is swapped or taken down, which is as much an edit as a changed sentence.
     */
    private static boolean imagesChanged(PageVersion ref, PageVersion page, ArticleRow a) {
        // Against a feed's text the page's images differ by nature (feeds carry fewer): only page against page.
        if (ref == null || !ref.fromPage() || ref.cleanBody() == null || page.cleanBody() == null) return false;
        return !bodyImages(ref.cleanBody(), a).equals(bodyImages(page.cleanBody(), a));
    }

    private static java.util.Set<String> bodyImages(String body, ArticleRow a) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (var i : ImageLister.refs(body, a.canonicalUrl(), null)) out.add(i.url());
        return out;
    }

    private CheckResult observe(WatchState s, Observation seen, Evidence ev, Instant now, Instant next, Long referenceId,
                                Outcome failure) {
        if (seen == Observation.MISSING && s.unlistedAt() != null) {
            // Its entry was also taken out of its feed: cite that, and confirm soon rather than at the
            // article's age-based interval.
            ev = new Evidence(ev.httpStatus(), ev.finalUrl(), ev.detail() + "; gone from feed " + s.unlistedFrom()
                + " since " + s.unlistedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            Instant soon = now.plus(UNLISTED_CONFIRM_AFTER);
            if (next == null || next.isAfter(soon)) next = soon;
        }
        ArticleRow a = s.article();
        int confirmations = watch.get().deletionConfirmations();
        ArticleStatus status = ArticleStatus.fromDb(a.status());
        boolean hasRevisions = status == ArticleStatus.EDITED || (seen == Observation.PRESENT
            && (status == ArticleStatus.DELETED || status == ArticleStatus.UNREACHABLE) && revisions.latest(a.id()) > 0);
        StatusPolicy.Next nx = StatusPolicy.apply(new StatusPolicy.State(status, s.misses(), s.failures(), hasRevisions),
            seen, ev, confirmations, a.id(), now);
        watchRows.recordCheck(a.id(), new CheckUpdate(nx.status().dbValue(), nx.misses(), nx.failures(), referenceId, now,
            next, nx.event()));
        Outcome out = switch (seen) {
            case PRESENT -> Outcome.UNCHANGED;
            case MISSING -> nx.status() == ArticleStatus.DELETED ? Outcome.DELETED : Outcome.MISSING;
            case NO_ANSWER -> failure;
        };
        String detail = nx.event() != null ? nx.event().detail()
            : out == Outcome.MISSING ? ev.detail() + " (" + nx.misses() + " of " + confirmations
                + " checks needed to call it deleted)"
            : ev.detail();
        return new CheckResult(a.id(), a.file().url(), out, nx.status().dbValue(), 0, nx.event() != null, detail);
    }

    /**
     * The version the article row corresponds to: its reference page original (or, before the first
     * check, the page it was archived from) read again; else the archived body itself.
     */
    private Reference reference(WatchState s, OutletView o) throws IOException {
        ArticleRow a = s.article();
        Long id = s.watchOriginalId() != null ? s.watchOriginalId() : a.originalId();
        Optional<Original> orig = id == null ? Optional.empty() : originalRows.find(id);
        Optional<byte[]> page = orig.isPresent() ? originals.page(orig.get()) : Optional.empty();
        if (page.isPresent()) {
            Original og = orig.get();
            PageVersion v = reader.read(page.get(), og.contentType(), URI.create(og.url()), o.rules(), o.imageProxy());
            if (v.found()) return new Reference(v, og.id(), og.sha256());
        }
        return new Reference(PageReader.archived(a), null, null);
    }

    private Original keep(FetchResult r) throws IOException {
        return originals.save(r.finalUrl().toString(), r.status(), r.headers(), r.contentType(), r.body(), r.fetchedAt(),
            "page");
    }

    private static List<String> titles(ArticleRow a, PageVersion known) {
        List<String> t = new ArrayList<>();
        t.add(a.title());
        if (known.title() != null) t.add(known.title());
        return t;
    }
}
