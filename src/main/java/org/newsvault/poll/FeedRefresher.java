package org.newsvault.poll;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Entry;
import org.newsvault.model.FeedState;
import org.newsvault.model.Original;
import org.newsvault.parse.FeedParser;
import org.newsvault.parse.ParseException;
import org.newsvault.parse.ParsedFeed;
import org.newsvault.schedule.NextCheck;
import org.newsvault.archive.OriginalStore;
import org.newsvault.store.FeedRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: one feed, start to finish. fetch (conditional) → unchanged? → keep original → parse →
 * each entry through {@link EntryProcessor} → record the feed's new state. Stages never call each other;
 * only this class and EntryProcessor call stages. A failure of the feed is recorded on its row (error
 * streak, backoff) and returned as a FAILED report; it never throws. Thread-safe.
 */
public final class FeedRefresher {
    private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final EntryProcessor entries;
    private final OriginalStore originals;
    private final FeedRepository feeds;
    private final ExecutorService entryPool;
    private final UnlistedEntries unlisted;
    private final Clock clock;

    public FeedRefresher(Fetcher fetcher, FeedParser parser, EntryProcessor entries, OriginalStore originals,
                         FeedRepository feeds, ExecutorService entryPool, UnlistedEntries unlisted, Clock clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.entries = entries;
        this.originals = originals;
        this.feeds = feeds;
        this.entryPool = entryPool;
        this.unlisted = unlisted;
        this.clock = clock;
    }

    public FeedReport refresh(OutletConfig outlet, FeedConfig feed) {
        Instant start = clock.instant();
        FeedState state = feeds.ensure(outlet.id(), feed.url());
        FetchResult r;
        try {
            r = fetcher.fetch(new FetchRequest(URI.create(feed.url()), state.etag(), state.lastModified(), outlet.proxy(), true));
        } catch (FetchException e) {
            return failed(outlet, state, e.getMessage(), e.retryAfter(), Duration.between(start, clock.instant()));
        } catch (RuntimeException e) {
            return failed(outlet, state, "fetch: " + e, null, Duration.between(start, clock.instant()));
        }
        Duration fetchTime = r.elapsed();
        long bytes = r.body().length;
        String bodyHash = r.notModified() ? state.bodyHash() : ContentHash.sha256Hex(r.body());
        if (r.notModified() || bodyHash.equals(state.bodyHash())) {
            Instant now = clock.instant();
            feeds.recordUnchanged(state.feedId(), now, NextCheck.afterSuccess(now, outlet.interval()));
            return report(outlet, feed, FeedReport.Result.UNCHANGED, 0, 0, 0, true, 0, List.of(), null, fetchTime, bytes);
        }
        ParsedFeed parsed;
        Original feedOriginal;
        try {
            parsed = parser.parse(r.body(), r.contentType(), r.finalUrl());
            feedOriginal = originals.save(r.finalUrl().toString(), r.status(), r.headers(), r.contentType(), r.body(),
                r.fetchedAt(), "feed");
        } catch (ParseException e) {
            return failed(outlet, state, "parse: " + e.getMessage(), null, fetchTime);
        } catch (java.io.IOException e) {
            return failed(outlet, state, "cannot keep original: " + e.getMessage(), null, fetchTime);
        }

        List<Future<EntryOutcome>> futures = new ArrayList<>();
        for (Entry e : parsed.entries()) {
            futures.add(entryPool.submit(() -> processSafely(outlet, state.feedId(), e, feedOriginal)));
        }
        int archived = 0, duplicates = 0, known = 0, extractionFailed = 0;
        boolean retryItems = false;
        List<String> itemErrors = new ArrayList<>();
        boolean readLeniently = false;
        for (String s : parsed.skipped()) {
            // "feed: ..." notes how the feed was read (e.g. leniently); the items themselves were fine.
            if (s.startsWith("feed: ")) {
                log.warn("outlet={} feed_url={} {}", outlet.id(), feed.url(), s);
                readLeniently = true;
            } else {
                itemErrors.add(s);
            }
        }
        for (Future<EntryOutcome> f : futures) {
            EntryOutcome o = await(f);
            bytes += o.bytes();
            if (o.extractionFailed()) extractionFailed++;
            switch (o.kind()) {
                case ARCHIVED -> archived++;
                case DUPLICATE -> duplicates++;
                case KNOWN -> known++;
                case FAILED -> {
                    itemErrors.add(o.detail());
                    retryItems |= o.extractionFailed();
                }
            }
        }
        entries.flush();
        // A feed read leniently may have lost entries to its damage: no evidence against any of them.
        if (!readLeniently) {
            try {
                unlisted.update(state, parsed.entries(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("outlet={} feed_url={} cannot compare with the last listing: {}", outlet.id(), feed.url(),
                    oneLine(e));
            }
        }
        for (String err : itemErrors) log.warn("outlet={} feed_url={} {}", outlet.id(), feed.url(), err);
        Instant now = clock.instant();
        // Items that failed for a retryable reason must be seen again next time: forget the validators.
        feeds.recordSuccess(state.feedId(), retryItems ? null : r.etag(), retryItems ? null : r.lastModified(),
            retryItems ? null : bodyHash, archived, now, NextCheck.afterSuccess(now, outlet.interval()));
        return report(outlet, feed, archived > 0 ? FeedReport.Result.NEW : FeedReport.Result.UNCHANGED, archived,
            duplicates, known, false, extractionFailed, itemErrors, null, fetchTime, bytes);
    }

    private EntryOutcome processSafely(OutletConfig outlet, long feedId, Entry e, Original feedOriginal) {
        try {
            return entries.process(outlet, feedId, e, feedOriginal);
        } catch (RuntimeException ex) {
            log.debug("item {} failed", e.link(), ex);
            return EntryOutcome.failed("item " + e.link() + ": " + oneLine(ex), false, 0);
        }
    }

    private static EntryOutcome await(Future<EntryOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return EntryOutcome.failed("interrupted", true, 0);
        } catch (ExecutionException e) {
            return EntryOutcome.failed(oneLine(e.getCause()), false, 0);
        }
    }

    private FeedReport failed(OutletConfig outlet, FeedState state, String error, Duration retryAfter, Duration fetchTime) {
        Instant now = clock.instant();
        feeds.recordFailure(state.feedId(), error, now,
            NextCheck.afterFailure(now, outlet.interval(), state.errorCount() + 1, retryAfter));
        return new FeedReport(outlet.id(), state.url(), FeedReport.Result.FAILED, 0, 0, 0, false, 0, List.of(), error,
            fetchTime, 0);
    }

    private static FeedReport report(OutletConfig outlet, FeedConfig feed, FeedReport.Result result, int archived,
                                     int duplicates, int known, boolean notModified, int extractionFailed,
                                     List<String> itemErrors, String error, Duration fetchTime, long bytes) {
        return new FeedReport(outlet.id(), feed.url(), result, archived, duplicates, known, notModified, extractionFailed,
            itemErrors, error, fetchTime, bytes);
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
