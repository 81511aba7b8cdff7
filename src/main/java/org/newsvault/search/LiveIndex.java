package org.newsvault.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsvault.store.Database;
import org.newsvault.store.IndexFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of a long-running process that has the archive (the daemon, {@code serve} alone): the
 * writer under {@code data/index}, and an {@link IndexFollower} catching up every {@link #EVERY} on a thread
 * of its own. A missing, unreadable or outdated index starts empty and fills from the database while searches
 * already answer from what it has. A failure is logged once (and again when it changes), never thrown into
 * archiving; when another process holds the index (a {@code reindex}), there is no search until it ends.
 */
public final class LiveIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);
    static final Duration EVERY = Duration.ofSeconds(2);

    private final SearchIndex index;
    private final IndexFollower follower;
    private final ScheduledExecutorService thread;
    private volatile String lastProblem;
    private volatile boolean caughtUpOnce;
    private volatile boolean closing;

    private LiveIndex(SearchIndex index, IndexFollower follower) {
        this.index = index;
        this.follower = follower;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nv-index");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1); // behind the poll
            return t;
        });
    }

    /** Opens the index and starts following; empty when it cannot be opened (the reason logged). */
    public static Optional<LiveIndex> start(Database db, Path indexRoot, Clock clock) {
        SearchIndex index;
        try {
            index = SearchIndex.open(indexRoot, SearchIndex.Options.daemon());
        } catch (SearchException e) {
            log.warn("search unavailable: {}", e.getMessage());
            return Optional.empty();
        }
        try {
            IndexFeed feed = new IndexFeed(db);
            boolean empty = index.mark().isEmpty(); // new, or found missing/unreadable/outdated and started empty
            LiveIndex live = new LiveIndex(index, new IndexFollower(index, feed, clock));
            if (empty) live.thread.execute(() -> live.build(feed));
            live.thread.scheduleWithFixedDelay(live::catchUp, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(live);
        } catch (RuntimeException e) {
            index.close();
            log.warn("search unavailable: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A first build on every core (the follower alone adds one article at a time); it follows from there. */
    private void build(IndexFeed feed) {
        long start = System.nanoTime();
        try {
            long n = IndexFollower.rebuild(index, feed, Reindexer.Progress.NONE);
            follower.resync();
            if (n > 0) {
                log.info("search index built from the database: {} articles in {} s", n,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            }
        } catch (RuntimeException e) {
            log.warn("search index: building it failed ({}); it fills article by article instead", e.getMessage());
        }
    }

    private void catchUp() {
        try {
            long n = follower.catchUp(() -> closing);
            if (!caughtUpOnce) {
                caughtUpOnce = true;
                if (n > 0) log.info("search index: {} articles added from the database", n);
            }
            if (lastProblem != null) log.info("search index: following the archive again");
            lastProblem = null;
        } catch (RuntimeException e) {
            String p = e.getMessage();
            if (!Objects.equals(p, lastProblem)) log.warn("search index: {}; retried every {} s", p, EVERY.toSeconds());
            lastProblem = p;
        }
    }

    /** Searches what the index has (a few seconds behind the archive). */
    public SearchIndex index() {
        return index;
    }

    /** Why the index is not following right now, if it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(lastProblem);
    }

    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("search index: a batch still running at close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            index.close();
        } catch (RuntimeException e) {
            log.warn("search index: {}", e.getMessage());
        }
    }
}
