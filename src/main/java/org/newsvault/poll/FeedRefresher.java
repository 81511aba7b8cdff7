package org.newsvault.poll;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.fetch.Priority;
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
 * streak, backoff) and returned as a FAILED report; it never throws. An item that could not be made
 * permanent (a file or database write failed) is a failure of the feed too: its validators and body hash
 * are not advanced, so the next poll processes the items again. A failure of one item alone (bad link,
 * no body, anything it throws) is one line and the poll goes on. Thread-safe.
 */
public final class FeedRefresher {
    private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final EntryProcessor entries;
    private final OriginalStore originals;
    private final FeedRepository feeds;
    private final ExecutorService entryPool;
    private final Executor executor;
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
        // A stage handed to a pool that is shutting down still runs (in the thread completing it), so that no
        // poll is left without an answer.
        this.executor = task -> {
            try {
                entryPool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
        this.unlisted = unlisted;
        this.clock = clock;
    }

    /** Never throws: anything that goes wrong is the feed's failure, one line. Waits in this thread. */
    public FeedReport refresh(OutletConfig outlet, FeedConfig feed) {
        CompletableFuture<FeedReport> f = refreshAsync(outlet, feed);
        try {
            return f.get();
        } catch (InterruptedException e) {
            // the poll goes on without us (its rows are committed before its files, as always); report it stopped
            Thread.currentThread().interrupt();
            return new FeedReport(outlet.id(), feed.url(), FeedReport.Result.FAILED, 0, 0, 0, false, 0, List.of(),
                "interrupted", Duration.ZERO, 0);
        } catch (ExecutionException e) {
            return internalFailure(outlet, feed, clock.instant(), e.getCause()); // not reached: handled below
        }
    }

    /**
     * The feed's poll without holding a thread while its requests wait for their hosts: the feed document is queued
     * at {@link Priority#FEED}, each item's page at {@link Priority#PAGE}, and the work in between (parse, extract,
     * sanitize, store) runs on the entry pool. Never fails: anything that goes wrong is the feed's failure, one line.
     */
    public CompletableFuture<FeedReport> refreshAsync(OutletConfig outlet, FeedConfig feed) {
        Instant start = clock.instant();
        CompletableFuture<FeedReport> report;
        try {
            report = fetchFeed(outlet, feed, start);
        } catch (RuntimeException e) {
            report = CompletableFuture.failedFuture(e);
        }
        return report.handle((r, e) -> e == null ? r : internalFailure(outlet, feed, start, unwrap(e)));
    }

    private FeedReport internalFailure(OutletConfig outlet, FeedConfig feed, Instant start, Throwable e) {
        log.debug("feed {} failed", feed.url(), e);
        String why = internalError(e);
        try {
            return failed(outlet, feeds.ensure(outlet.id(), feed.url()), why, null,
                Duration.between(start, clock.instant()));
        } catch (RuntimeException again) {
            // the store itself is failing: report the feed, nothing can be recorded
            return new FeedReport(outlet.id(), feed.url(), FeedReport.Result.FAILED, 0, 0, 0, false, 0, List.of(),
                why, Duration.between(start, clock.instant()), 0);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private CompletableFuture<FeedReport> fetchFeed(OutletConfig outlet, FeedConfig feed, Instant start) {
        FeedState state = feeds.ensure(outlet.id(), feed.url());
        CompletableFuture<FetchResult> fetched;
        try {
            fetched = fetcher.submit(new FetchRequest(URI.create(feed.url()), state.etag(), state.lastModified(),
                outlet.proxy(), true), Priority.FEED);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                failed(outlet, state, "fetch: " + e, null, Duration.between(start, clock.instant())));
        }
        return fetched.handleAsync((r, e) -> {
            Throwable t = e == null ? null : unwrap(e);
            if (t instanceof org.newsvault.fetch.FetcherStoppedException fe) {
                // stopping: the feed was not polled, so nothing is recorded against it (no backoff, no error)
                return CompletableFuture.completedFuture(new FeedReport(outlet.id(), state.url(),
                    FeedReport.Result.FAILED, 0, 0, 0, false, 0, List.of(), fe.getMessage(),
                    Duration.between(start, clock.instant()), 0));
            }
            if (t instanceof FetchException fe) {
                return CompletableFuture.completedFuture(failed(outlet, state, fe.getMessage(), fe.retryAfter(),
                    Duration.between(start, clock.instant())));
            }
            if (t != null) {
                return CompletableFuture.completedFuture(failed(outlet, state, "fetch: " + t, null,
                    Duration.between(start, clock.instant())));
            }
            return afterFetch(outlet, feed, state, r);
        }, executor).thenCompose(f -> f);
    }

    private CompletableFuture<FeedReport> afterFetch(OutletConfig outlet, FeedConfig feed, FeedState state,
                                                     FetchResult r) {
        Duration fetchTime = r.elapsed();
        long bytes = r.body().length;
        String bodyHash = r.notModified() ? state.bodyHash() : ContentHash.sha256Hex(r.body());
        if (r.notModified() || bodyHash.equals(state.bodyHash())) {
            Instant now = clock.instant();
            feeds.recordUnchanged(state.feedId(), now, NextCheck.afterSuccess(now, outlet.interval()));
            return CompletableFuture.completedFuture(report(outlet, feed, FeedReport.Result.UNCHANGED, 0, 0, 0, true, 0,
                List.of(), null, fetchTime, bytes));
        }
        ParsedFeed parsed;
        Long feedOriginalId;
        try {
            parsed = parser.parse(r.body(), r.contentType(), r.finalUrl());
            feedOriginalId = keepOriginal(state, r, parsed);
        } catch (ParseException e) {
            return CompletableFuture.completedFuture(failed(outlet, state, "parse: " + e.getMessage(), null, fetchTime));
        } catch (java.io.IOException e) {
            return CompletableFuture.completedFuture(failed(outlet, state, "cannot keep original: " + e.getMessage(),
                null, fetchTime));
        }

        EntryProcessor.FeedSource source = new EntryProcessor.FeedSource(state.feedId(), state.url());
        List<CompletableFuture<EntryOutcome>> futures = new ArrayList<>();
        for (Entry e : parsed.entries()) {
            CompletableFuture<EntryOutcome> f;
            try {
                f = entries.processAsync(outlet, source, e, feedOriginalId, executor);
            } catch (RuntimeException ex) {
                f = CompletableFuture.failedFuture(ex);
            }
            futures.add(f.handle((o, ex) -> ex == null ? o : itemFailure(e, unwrap(ex))));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .thenApplyAsync(v -> tally(outlet, feed, state, r, parsed, bodyHash, fetchTime, bytes,
                futures.stream().map(CompletableFuture::join).toList()), executor);
    }

    /** Counts the items' outcomes and records the feed's new state. */
    private FeedReport tally(OutletConfig outlet, FeedConfig feed, FeedState state, FetchResult r, ParsedFeed parsed,
                             String bodyHash, Duration fetchTime, long feedBytes, List<EntryOutcome> outcomes) {
        long bytes = feedBytes;
        int archived = 0, duplicates = 0, known = 0, revised = 0, extractionFailed = 0;
        boolean retryItems = false;
        List<String> itemErrors = new ArrayList<>();
        List<String> notStored = new ArrayList<>();
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
        for (EntryOutcome o : outcomes) {
            bytes += o.bytes();
            if (o.extractionFailed()) extractionFailed++;
            switch (o.kind()) {
                case ARCHIVED -> archived++;
                case DUPLICATE -> duplicates++;
                case KNOWN -> known++;
                case REVISED -> {
                    known++;
                    revised++;
                }
                case FAILED -> {
                    itemErrors.add(o.detail());
                    retryItems |= o.extractionFailed();
                }
                case NOT_STORED -> {
                    itemErrors.add(o.detail());
                    notStored.add(o.detail());
                }
            }
        }
        try {
            entries.flush();
        } catch (RuntimeException e) {
            // the marks are redone by the next sighting or recovery; the articles' rows are committed
            log.warn("outlet={} feed_url={} cannot mark written files: {}", outlet.id(), feed.url(), oneLine(e));
        }
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
        if (!notStored.isEmpty()) {
            // Items that could not be made permanent fail the feed: its validators and body hash stay as they
            // were, so the next poll (after the failure backoff) fetches and processes the items again.
            String why = notStored.size() + " of " + parsed.entries().size() + " items not archived: "
                + notStored.get(0).replaceFirst("^item \\S+: ", "");
            feeds.recordFailure(state.feedId(), why, now,
                NextCheck.afterFailure(now, outlet.interval(), state.errorCount() + 1, null));
            return new FeedReport(outlet.id(), feed.url(), FeedReport.Result.FAILED, archived, duplicates, known, false,
                extractionFailed, itemErrors, why, fetchTime, bytes, revised);
        }
        // Items that failed for a retryable reason must be seen again next time: forget the validators.
        feeds.recordSuccess(state.feedId(), retryItems ? null : r.etag(), retryItems ? null : r.lastModified(),
            retryItems ? null : bodyHash, archived, now, NextCheck.afterSuccess(now, outlet.interval()));
        return new FeedReport(outlet.id(), feed.url(), archived > 0 ? FeedReport.Result.NEW : FeedReport.Result.UNCHANGED,
            archived, duplicates, known, false, extractionFailed, itemErrors, null, fetchTime, bytes, revised);
    }

    /**
     * Keeps the feed body as an original only when its entries changed since the body last kept
     * ({@link FeedListing#fingerprint}); otherwise the articles of this body cite that original, which holds
     * the same entries. A feed that rotates a comment on every request thus keeps one original, not one per poll.
     *
     * @return the id of the original that holds these entries
     */
    private Long keepOriginal(FeedState state, FetchResult r, ParsedFeed parsed) throws java.io.IOException {
        String fingerprint = FeedListing.fingerprint(parsed.entries());
        var kept = feeds.keptListing(state.feedId());
        if (kept.isPresent() && kept.get().entriesHash().equals(fingerprint)) return kept.get().originalId();
        Original o = originals.save(r.finalUrl().toString(), r.status(), r.headers(), r.contentType(), r.body(),
            r.fetchedAt(), "feed");
        feeds.recordKeptListing(state.feedId(), new FeedRepository.KeptListing(fingerprint, o.id()));
        return o.id();
    }

    /** Nothing one item does may end the poll: one line, next item. */
    private EntryOutcome itemFailure(Entry e, Throwable ex) {
        if (ex instanceof org.newsvault.model.BudgetExceededException) {
            return EntryOutcome.failed("item " + EntryProcessor.shortLink(e.link()) + ": " + ex.getMessage(), false, 0);
        }
        // a sanitizer budget, a parser bug, nesting deep enough to exhaust a worker's stack, ...
        log.debug("item {} failed", e.link(), ex);
        return EntryOutcome.failed("item " + EntryProcessor.shortLink(e.link()) + ": " + internalError(ex), false, 0);
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

    /** What a failure nobody classified says: its type and the first line of its message. */
    static String internalError(Throwable t) {
        return "internal error: " + t.getClass().getSimpleName() + ": " + oneLine(t);
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
