package org.newsvault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.newsvault.archive.OriginalStore;
import org.newsvault.config.Settings;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.fetch.HttpFetcher;
import org.newsvault.images.ImageFetcher;
import org.newsvault.images.ImageLister;
import org.newsvault.parse.RomeFeedParser;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.poll.EntryProcessor;
import org.newsvault.poll.FeedRefresher;
import org.newsvault.poll.UnlistedEntries;
import org.newsvault.poll.Recovery;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArchiveAccess;
import org.newsvault.store.DataLock;
import org.newsvault.store.Database;
import org.newsvault.store.FeedRepository;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.OutletRepository;

/**
 * The wiring: every long-lived object of a running newsvault, built once from {@link Settings}. Opening
 * reaches the archive ({@link ArchiveAccess}): alone, it takes the data-directory lock, migrates the database
 * and runs {@link Recovery}; while a daemon runs, it works through the daemon's database instead and leaves
 * recovery to the daemon (the half-done work it would find is the daemon's, in flight). It syncs the configured
 * outlets either way; closing releases all of it. Commands (poll, run, import, export, ...) open one of these
 * and use its parts.
 */
public final class Newsvault implements AutoCloseable {
    /**
     * Threads starting feed polls (a poll holds one only to begin: its requests wait in the fetcher's frontier, its
     * items run on the entry threads).
     */
    public static final int FEED_THREADS = 8;
    /**
     * Feeds the daemon polls at once. Each holds a scheduler thread until it is done, but no fetch or entry thread
     * while its requests wait for their hosts, so this can be well above the cores.
     */
    public static final int DAEMON_POLLS = 32;
    /** Threads processing items (extract, sanitize, write); none waits for a page, the frontier queues those. */
    public static final int ENTRY_THREADS = 8;

    /** The settings opened with; long-lived services read {@link #current()}, which a reload replaces. */
    public final Settings settings;
    private final java.util.concurrent.atomic.AtomicReference<Settings> current;
    public final Clock clock;
    public final Database db;
    public final OutletRepository outlets;
    public final FeedRepository feeds;
    public final ArticleRepository articles;
    public final OriginalRepository originalRows;
    public final OriginalStore originals;
    public final HttpFetcher fetcher;
    public final ArticleArchiver archiver;
    /** Each article's images and their state; {@link #imageFetcher} fetches those due. */
    public final ImageRepository images;
    public final ImageFetcher imageFetcher;
    private volatile Runnable imagesListed = () -> {};
    public final FeedRefresher refresher;
    /** How each outlet's recent pages were extracted, and the verdicts on them (rule health). */
    public final org.newsvault.store.ExtractionOutcomes extractionOutcomes;
    public final org.newsvault.poll.RuleHealthMonitor ruleHealth;
    public final ExecutorService feedPool;
    private final ExecutorService entryPool;
    private final ArchiveAccess access;

    private Newsvault(Settings settings, Clock clock, String command, ArchiveAccess.Need need) {
        this.settings = settings;
        this.current = new java.util.concurrent.atomic.AtomicReference<>(settings);
        this.clock = clock;
        this.access = ArchiveAccess.open(settings.database(), settings.data(), settings.node(), command, need);
        this.db = access.db();
        this.outlets = new OutletRepository(db);
        this.feeds = new FeedRepository(db);
        this.articles = new ArticleRepository(db);
        this.originalRows = new OriginalRepository(db);
        this.originals = new OriginalStore(settings.data(), originalRows);
        this.fetcher = new HttpFetcher(settings.http());
        fetcher.allowHosts(HttpFetcher.feedHosts(settings.outlets())); // a local mirror's feed and pages
        Path archive = settings.archive();
        this.images = new ImageRepository(db);
        ImageLister lister = new ImageLister(current::get);
        this.archiver = new ArticleArchiver(articles, archive, lister, () -> imagesListed.run());
        this.imageFetcher = new ImageFetcher(images, originals, fetcher, current::get, clock);
        this.entryPool = Executors.newFixedThreadPool(ENTRY_THREADS, daemonThreads("nv-entry"));
        this.feedPool = Executors.newFixedThreadPool(FEED_THREADS, daemonThreads("nv-feed"));
        var sourceRevisions = new org.newsvault.watch.SourceRevisions(articles,
            new org.newsvault.store.RevisionRepository(db), archive, archiver, () -> current.get().watch(), clock, lister);
        this.extractionOutcomes = new org.newsvault.store.ExtractionOutcomes(db);
        this.ruleHealth = new org.newsvault.poll.RuleHealthMonitor(extractionOutcomes, () -> current.get().extraction(),
            clock);
        EntryProcessor processor = new EntryProcessor(fetcher, new ArticleExtractor(), new HtmlSanitizer(false),
            new HtmlSanitizer(true), originals, articles, archiver, sourceRevisions, archive, clock, ruleHealth);
        this.refresher = new FeedRefresher(fetcher, new RomeFeedParser(), processor, originals, feeds, entryPool,
            new UnlistedEntries(feeds, articles, new org.newsvault.store.WatchRepository(db)), clock);
        try {
            settings.outlets().forEach(o -> outlets.upsert(o.id(), o.name()));
            if (access.alone()) {
                if (db.shared()) scopeRecoveryToThisNode(settings.node(), clock);
                Recovery.run(settings.data(), archive, articles, archiver);
                org.newsvault.watch.RevisionRecovery.run(archive, new org.newsvault.store.RevisionRepository(db));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * On a shared archive, recovery may finish or delete only this node's and dead nodes' leftovers (a live node's
     * temp file is a write in progress), and our temp files carry our name so the others can tell.
     */
    private void scopeRecoveryToThisNode(String node, Clock clock) {
        org.newsvault.model.TempNames.tagWith(node);
        var policy = new org.newsvault.model.NodePolicy(clock);
        org.newsvault.model.TempNames.Leftovers.use(org.newsvault.model.TempNames.Leftovers.ofNode(node,
            new org.newsvault.store.NodeRepository(db).alive(policy.deadBefore()), policy));
    }

    /** Alone, or through the running daemon (the commands that read or add to the archive). */
    public static Newsvault open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static Newsvault open(Settings settings, Clock clock) {
        return new Newsvault(settings, clock, DataLock.processCommand(), ArchiveAccess.Need.ALONE_OR_DAEMON);
    }

    /** Alone only: the daemon itself, and {@code poll} (a second poller would double the requests to each host). */
    public static Newsvault openAlone(Settings settings, Clock clock) {
        return new Newsvault(settings, clock, DataLock.processCommand(), ArchiveAccess.Need.ALONE);
    }

    /** For {@code newsvault run}: alone, named as the daemon in the lock file (the others then work through it). */
    public static Newsvault openDaemon(Settings settings, Clock clock) {
        return new Newsvault(settings, clock, ArchiveAccess.DAEMON, ArchiveAccess.Need.ALONE);
    }

    /** The settings now: those opened with, or the last {@link #reload}ed. */
    public Settings current() {
        return current.get();
    }

    /** A reloaded config (the daemon's): every service reading {@link #current()} uses it from now on. */
    public void reload(Settings next) {
        current.set(next);
    }

    /** Called whenever a new article listed images (the daemon's image worker wakes up). */
    public void onImagesListed(Runnable r) {
        imagesListed = r == null ? () -> {} : r;
    }

    /** True when this process opened the archive itself; false when it works through the running daemon. */
    public boolean alone() {
        return access.alone();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        feedPool.shutdown();
        entryPool.shutdown();
        try {
            feedPool.awaitTermination(4, TimeUnit.SECONDS);
            entryPool.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feedPool.shutdownNow();
        entryPool.shutdownNow();
        fetcher.close();
        try {
            archiver.flush();
        } catch (RuntimeException e) {
            // the marks are redone by recovery at the next start
        }
        access.close();
    }
}
