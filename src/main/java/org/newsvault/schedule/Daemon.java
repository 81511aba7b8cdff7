package org.newsvault.schedule;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigException;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.fetch.HttpFetcher;
import org.newsvault.metrics.Health;
import org.newsvault.metrics.HttpEndpoints;
import org.newsvault.metrics.ListenAddress;
import org.newsvault.metrics.Metrics;
import org.newsvault.metrics.StoreMetrics;
import org.newsvault.model.FeedState;
import org.newsvault.poll.FeedReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code newsvault run}: every enabled feed polled on its own schedule until {@link #stop}.
 *
 * <p>Schedule: each feed's first poll is right at start (spread over up to a tenth of its interval, at most
 * {@link Options#startSpread}, so feeds do not all fire together); a feed already in backoff keeps it, so
 * restarts do not hammer a failing server. After that the feed is polled at its {@code next_check_at}, which
 * the poll itself records ({@link NextCheck}: interval ±10%, or exponential backoff honouring Retry-After).
 *
 * <p>Archived articles are re-checked for edits and deletions in the background ({@link RecheckLoop}).
 *
 * <p>The database file is compacted while running ({@link org.newsvault.store.Database#compactIfGrown()}):
 * checked every {@link Options#compactEvery} and after a feed poll that archived {@value #COMPACT_AFTER_ARCHIVED}
 * or more items, on a thread of its own; it compacts only once the file has grown to 3x its compacted size.
 *
 * <p>Config changes apply without a restart: the files are checked every {@link Options#watchEvery}, and
 * {@link #reload} can be called (SIGHUP). A config that does not load, or has no outlet (the same
 * {@link ConfigLoader#loadForPolling} validation as at start), is logged as one line and the running one kept. Everything reads the current config: the polls, the
 * re-checks ({@code watch:} settings, {@code watch.enabled} included, and each outlet's name, rules and proxy)
 * and the status. Changes to data, archive, http and listen need a restart.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final Duration MIN_GAP = Duration.ofMillis(500);
    /** A feed poll archiving this many items asks for a compaction check at once (it is only a stat). */
    static final int COMPACT_AFTER_ARCHIVED = 100;

    /**
     * @param watchEvery  how often the config files are checked (and the status file written)
     * @param stopTimeout the most {@link #stop} takes; polls still running then are abandoned
     * @param startSpread the longest delay of a feed's first poll after start
     * @param recheckEvery the pause between two passes re-checking archived articles ({@code watch:})
     * @param compactEvery how often the database file's growth is checked (a stat; it compacts only when grown)
     * @param cluster      other nodes share the database: feeds polled by their owner under a lease ({@link Nodes});
     *                     a database that only this process can open (embedded H2) never has other nodes
     */
    public record Options(Duration watchEvery, Duration stopTimeout, Duration startSpread, Duration recheckEvery,
                          Duration compactEvery, boolean cluster) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(3), Duration.ofSeconds(9), Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofMinutes(1), false);

        public Options(Duration watchEvery, Duration stopTimeout, Duration startSpread, Duration recheckEvery,
                       Duration compactEvery) {
            this(watchEvery, stopTimeout, startSpread, recheckEvery, compactEvery, DEFAULTS.cluster());
        }

        /** The same, coordinated with other nodes or not. */
        public Options withCluster(boolean on) {
            return new Options(watchEvery, stopTimeout, startSpread, recheckEvery, compactEvery, on);
        }

        public Options(Duration watchEvery, Duration stopTimeout, Duration startSpread) {
            this(watchEvery, stopTimeout, startSpread, DEFAULTS.recheckEvery());
        }

        public Options(Duration watchEvery, Duration stopTimeout, Duration startSpread, Duration recheckEvery) {
            this(watchEvery, stopTimeout, startSpread, recheckEvery, DEFAULTS.compactEvery());
        }
    }

    private final Newsvault nv;
    private final Options options;
    private final AtomicReference<Settings> current;
    private final Metrics metrics = new Metrics();
    private final FeedScheduler scheduler;
    private final ConfigWatcher watcher;
    private final ScheduledExecutorService background;
    /** Compactions take seconds: not on {@link #background}, which reloads the config. */
    private final ScheduledExecutorService compactor;
    /** Heartbeats and lease renewals: on a thread of their own, so a slow reload or compaction never delays them. */
    private final ScheduledExecutorService beats;
    private final Nodes nodes;
    private final AtomicBoolean compactionAsked = new AtomicBoolean();
    private final AtomicBoolean statusDirty = new AtomicBoolean(true);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private HttpEndpoints http;
    private RecheckLoop rechecks;
    private org.newsvault.images.ImageWorker images;
    /** The search index following the archive; null when it could not be opened (logged). */
    private volatile org.newsvault.search.LiveIndex search;
    private final Site site;

    /**
     * What the listener serves besides the endpoints (the reading room, given by the CLI: schedule does not depend on
     * the web side). It gets the endpoints' handler factory and returns the root handler around them.
     */
    public interface Site {
        Site NONE = (nv, status, search, endpoints) -> endpoints.apply(null);

        /** @param search the daemon's search index's query, or null when it has none open */
        org.eclipse.jetty.server.Handler root(Newsvault nv, java.util.function.Supplier<StatusSnapshot> status,
                                              java.util.function.Function<org.newsvault.search.SearchQuery, org.newsvault.search.SearchResult> search,
                                              java.util.function.Function<org.eclipse.jetty.server.Handler, org.eclipse.jetty.server.Handler> endpoints);
    }

    private Daemon(Newsvault nv, Settings settings, Options options, Site site) {
        this.nv = nv;
        this.site = site;
        this.options = options;
        this.current = new AtomicReference<>(settings);
        this.scheduler = new FeedScheduler(Newsvault.DAEMON_POLLS, this::poll);
        this.watcher = new ConfigWatcher(settings.configFile());
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nv-daemon");
            t.setDaemon(true);
            return t;
        });
        this.compactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nv-compact");
            t.setDaemon(true);
            return t;
        });
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nv-node");
            t.setDaemon(true);
            return t;
        });
        this.nodes = new Nodes(settings.node(), org.newsvault.store.NodeRepository.Self.current(version()),
            new org.newsvault.store.NodeRepository(nv.db), new org.newsvault.store.Leases(nv.db,
            org.newsvault.store.Leases.Kind.FEED), new org.newsvault.model.NodePolicy(nv.clock), options.cluster());
        StoreMetrics.register(metrics, nv.db, nv.feeds, current::get, nv.clock);
        org.newsvault.metrics.FetchMetrics.register(metrics, nv.fetcher::hostLoads);
        org.newsvault.metrics.RuleHealthMetrics.register(metrics, nv.extractionOutcomes, nv.ruleHealth, current::get,
            nv.clock);
        org.newsvault.metrics.NodeMetrics.register(metrics, () -> nodes.status(current.get()).stream()
            .map(n -> new org.newsvault.metrics.NodeMetrics.Sample(n.name(), n.alive(), n.heartbeatAge(), n.feedsOwned(), n.polls()))
            .toList());
    }

    /**
     * Opens the data directory (refused when another newsvault holds it) and starts polling.
     *
     * @throws IllegalStateException when the data directory is in use or the listener cannot bind
     */
    public static Daemon start(Settings settings, Options options) {
        return start(settings, options, Site.NONE);
    }

    /** With {@code site} served on the {@code listen} address beside the endpoints. */
    public static Daemon start(Settings settings, Options options, Site site) {
        InetSocketAddress listen = settings.listen() == null ? null : ListenAddress.parse(settings.listen());
        // Several nodes on one archive: our temp files carry our name, so no other node's recovery deletes them.
        if (options.cluster()) org.newsvault.model.TempNames.tagWith(settings.node());
        Newsvault nv = Newsvault.openDaemon(settings, java.time.Clock.systemUTC());
        Daemon d;
        try {
            d = new Daemon(nv, settings, options, site);
        } catch (RuntimeException e) {
            nv.close();
            throw e;
        }
        try {
            d.begin(listen);
            return d;
        } catch (RuntimeException e) {
            d.stop();
            throw e;
        }
    }

    public static Daemon start(Settings settings) {
        return start(settings, Options.DEFAULTS);
    }

    private void begin(InetSocketAddress listen) {
        nodes.register(); // refused (one line) when a live node runs under this name
        if (nodes.coordinated()) {
            // Recoveries from now on (the re-checker's of revision files) leave the live nodes' work alone.
            org.newsvault.model.TempNames.Leftovers.use(nodes.leftovers());
            // Per-host spacing for the cluster: every request's start reserved in the shared database.
            var paces = new org.newsvault.store.HostPaceRepository(nv.db);
            nv.fetcher.pace((host, gap) -> {
                Instant now = nv.clock.instant();
                return Duration.between(now, paces.reserve(host, now, gap));
            });
        }
        nodes.onChange(this::nodesChanged);
        long beat = org.newsvault.model.NodePolicy.HEARTBEAT_EVERY.toMillis();
        beats.scheduleWithFixedDelay(nodes::beat, beat, beat, TimeUnit.MILLISECONDS);
        long renew = org.newsvault.model.NodePolicy.RENEW_EVERY.toMillis();
        beats.scheduleWithFixedDelay(nodes::renew, renew, renew, TimeUnit.MILLISECONDS);
        scheduler.start();
        var changes = scheduler.reconcile(wanted(current.get()), this::firstPoll);
        log.info("newsvault running: {} feeds of {} outlets scheduled, data in {}", changes.added(),
            current.get().outlets().size(), current.get().data().toAbsolutePath().normalize());
        search = org.newsvault.search.LiveIndex.start(nv.db, current.get().searchIndex(), nv.clock).orElse(null);
        if (listen != null) {
            var live = search;
            http = HttpEndpoints.start(listen, site.root(nv, this::status, live == null ? null : q -> live.index().search(q),
                inner -> HttpEndpoints.handler(this::health, metrics, () -> status().toJson(), inner)));
        }
        // Last: a command that finds the endpoint finds a daemon that has recovered and runs.
        nv.db.share(current.get().data());
        rechecks = new RecheckLoop(nv, current::get, metrics, options.recheckEvery(), stopping::get);
        // The images of new articles, fetched in the background at the fetcher's lowest priority (never a poll's wait).
        images = new org.newsvault.images.ImageWorker(nv.imageFetcher, metrics::record).start();
        nv.onImagesListed(images::wake);
        long every = options.watchEvery().toMillis();
        background.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        long compactEvery = options.compactEvery().toMillis();
        compactor.scheduleWithFixedDelay(this::compactIfGrown, compactEvery, compactEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs on {@link #compactor} only, so never beside another compaction, and only after {@link Newsvault#open}
     * has run the schema migration and recovery.
     */
    private void compactIfGrown() {
        compactionAsked.set(false);
        if (stopping.get()) return;
        try {
            nv.db.compactIfGrown();
        } catch (RuntimeException e) {
            log.warn("database compaction: {}", e.toString());
        }
    }

    private void askForCompaction() {
        if (stopping.get() || !compactionAsked.compareAndSet(false, true)) return;
        try {
            compactor.execute(this::compactIfGrown);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Re-reads the config; returns false (and keeps the running config) when it does not load. */
    public synchronized boolean reload() {
        if (stopping.get()) return false;
        Settings old = current.get();
        Settings next;
        try {
            next = ConfigLoader.loadForPolling(old.configFile());
        } catch (ConfigException e) {
            log.error("config not reloaded, still running the previous one: {}", e.getMessage());
            return false;
        }
        if (!next.data().equals(old.data()) || !next.archive().equals(old.archive()) || !next.http().equals(old.http())
            || !Objects.equals(next.listen(), old.listen()) || !next.web().equals(old.web())) {
            log.warn("changes to data, archive, http, listen or web take effect after a restart");
        }
        next.outlets().forEach(o -> nv.outlets.upsert(o.id(), o.name()));
        nv.fetcher.allowHosts(HttpFetcher.feedHosts(next.outlets())); // the address policy follows the feeds
        current.set(next);
        nv.reload(next);
        watcher.markApplied();
        var c = scheduler.reconcile(wanted(next), this::firstPoll);
        statusDirty.set(true);
        if (c.any()) {
            log.info("config reloaded: {} feeds added, {} removed, {} rescheduled", c.added(), c.removed(), c.rescheduled());
        } else {
            log.info("config reloaded: no feed changes");
        }
        return true;
    }

    private void tick() {
        try {
            if (stopping.get()) return;
            if (watcher.settled()) reload();
            // Self-healing: a feed whose trigger was lost (an Error inside a poll) is scheduled again.
            scheduler.reconcile(wanted(current.get()), this::firstPoll);
            if (statusDirty.getAndSet(false)) writeStatus();
        } catch (RuntimeException e) {
            log.warn("daemon housekeeping: {}", e.toString());
        }
    }

    /** One feed's poll, run by its Quartz job: returns when to poll it next, or null when it is gone. */
    private Instant poll(FeedKey key) {
        if (stopping.get()) return null;
        Optional<OutletConfig> outlet = current.get().outlet(key.outletId());
        Optional<FeedConfig> feed = outlet.flatMap(o -> o.feeds().stream()
            .filter(f -> f.enabled() && f.url().equals(key.url())).findFirst());
        if (feed.isEmpty()) return null;
        FeedState state = nv.feeds.ensure(key.outletId(), key.url());
        Nodes.Turn turn = nodes.turn(key, state, () -> nv.feeds.find(state.feedId()).orElse(state));
        if (!turn.now()) {
            log.debug("outlet={} feed_url={} not polled here now: {}", key.outletId(), key.url(), turn.why());
            return turn.at();
        }
        FeedReport r;
        try {
            r = nv.refresher.refresh(outlet.get(), feed.get());
        } finally {
            nodes.polled(state.feedId());
        }
        log.info("{}", r.line());
        metrics.record(r);
        statusDirty.set(true);
        if (r.archived() >= COMPACT_AFTER_ARCHIVED) askForCompaction();
        Instant next = nv.feeds.ensure(key.outletId(), key.url()).nextCheckAt();
        Instant floor = Instant.now().plus(MIN_GAP);
        if (next == null) next = NextCheck.afterSuccess(Instant.now(), outlet.get().interval());
        return next.isBefore(floor) ? floor : next;
    }

    /**
     * The live nodes changed: the feeds that are ours now are looked at soon (spread like a start), so a dead node's
     * feeds are polled when due, not when their trigger here next fires.
     */
    private void nodesChanged() {
        if (stopping.get()) return;
        Instant now = Instant.now();
        for (var e : scheduler.scheduled().entrySet()) {
            if (!nodes.owns(e.getKey())) continue;
            long spread = Math.min(e.getValue().toMillis() / 10, options.startSpread().toMillis());
            Instant soon = now.plusMillis(spread <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spread));
            Optional<Instant> next = scheduler.nextPoll(e.getKey());
            if (next.isPresent() && next.get().isAfter(soon)) scheduler.moveTo(e.getKey(), soon);
        }
    }

    /** The version a node records in its row (the jar's, when built as one). */
    static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v.length() > 40 ? v.substring(0, 40) : v;
    }

    /** This daemon as a node: its name, the live nodes, whether it shares the work with others. */
    public Nodes nodes() {
        return nodes;
    }

    private Instant firstPoll(FeedKey key, Duration interval) {
        long spread = Math.min(interval.toMillis() / 10, options.startSpread().toMillis());
        Instant soon = Instant.now().plusMillis(spread <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spread));
        FeedState s = nv.feeds.ensure(key.outletId(), key.url());
        return s.errorCount() > 0 && s.nextCheckAt() != null && s.nextCheckAt().isAfter(soon) ? s.nextCheckAt() : soon;
    }

    private static Map<FeedKey, Duration> wanted(Settings s) {
        Map<FeedKey, Duration> out = new LinkedHashMap<>();
        for (OutletConfig o : s.outlets()) {
            for (FeedConfig f : o.feeds()) if (f.enabled()) out.put(new FeedKey(o.id(), f.url()), o.interval());
        }
        return out;
    }

    /** Scheduler running, database writable in the file opened, archive directory writable; else why not. */
    public Health health() {
        boolean running = !stopping.get() && scheduler.running();
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (!running) reasons.add(stopping.get() ? "stopping" : "scheduler stopped");
        Optional<String> db = stopping.get() ? Optional.of("stopping") : nv.db.problem();
        db.filter(p -> !p.equals("stopping")).ifPresent(reasons::add);
        Health.unwritableDirectory(current.get().archive(), "archive directory").ifPresent(reasons::add);
        return new Health(running, db.isEmpty(), reasons);
    }

    /** Every configured feed, with the next poll as actually scheduled. */
    public StatusSnapshot status() {
        return StatusSnapshot.of(current.get(), nv.feeds.all(), Instant.now(), true,
            f -> scheduler.nextPoll(new FeedKey(f.outlet(), f.url())), nodes.polledBy(), nodes.status(current.get()));
    }

    private void writeStatus() {
        try {
            status().write(nodes.coordinated() ? statusFile(current.get().data(), nodes.name()) : statusFile(current.get().data()));
        } catch (IOException | RuntimeException e) {
            log.debug("status file: {}", e.toString());
        }
    }

    public static Path statusFile(Path dataDir) {
        return dataDir.resolve(StatusSnapshot.FILE);
    }

    /** A node's status file when several share the data directory: {@code status-<node>.json}. */
    public static Path statusFile(Path dataDir, String node) {
        return dataDir.resolve("status-" + node + ".json");
    }

    public Settings settings() {
        return current.get();
    }

    public Metrics metrics() {
        return metrics;
    }

    public Newsvault newsvault() {
        return nv;
    }

    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(HttpEndpoints::address);
    }

    public Optional<Instant> nextPoll(String outletId, String url) {
        return scheduler.nextPoll(new FeedKey(outletId, url));
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Blocks until {@link #stop} has finished (from another thread, a signal handler or a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops within {@link Options#stopTimeout}: no new polls, running ones finish (each item is committed
     * before its file is renamed into place, so an abandoned poll leaves nothing half-written and its items are
     * fetched again next time), the store is checkpointed and closed and the data directory unlocked.
     * Idempotent; concurrent callers wait for the first.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long start = System.nanoTime();
        Duration budget = options.stopTimeout();
        try {
            nv.db.unshare(current.get().data()); // commands started from now open the archive alone, once we are gone
            if (http != null) http.close();
            // Requests still waiting for their host's turn fail now, so that no poll or re-check waits out a host's
            // gaps (fifty pages at 250 ms is 12.5 s) while stopping; their items count as failed for a retryable
            // reason and are fetched again next time. Requests in flight go on.
            nv.fetcher.stopQueued();
            background.shutdown();
            beats.shutdown();
            nodes.stop(); // the others take our feeds at their next beat
            compactor.shutdown(); // a compaction running now is waited for by the store's close
            int running = scheduler.executing();
            if (running > 0) log.info("stopping: waiting for {} running polls", running);
            // Most of the budget for running polls; the rest for checkpointing and closing the store.
            Duration forClose = budget.dividedBy(4).compareTo(Duration.ofSeconds(2)) < 0 ? budget.dividedBy(4) : Duration.ofSeconds(2);
            Duration forPolls = budget.minus(forClose);
            boolean finished = waitForPolls(start, forPolls.dividedBy(2));
            if (!finished) {
                // A server that is slow to answer: cancel the requests still in flight, and their polls end too.
                log.info("stopping: cancelling requests still in flight");
                nv.fetcher.close();
                finished = waitForPolls(start, forPolls);
            }
            Duration left = budget.minusNanos(System.nanoTime() - start);
            if (!finished) {
                log.warn("stopping: polls or re-checks still running, abandoned; what they had not finished is done"
                    + " again next time");
            }
            closeWithin(left, !finished);
        } finally {
            stopped.countDown();
            log.info("newsvault stopped in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    /** Waits for running polls and the re-check pass until {@code until} after {@code start}. */
    private boolean waitForPolls(long start, Duration until) {
        boolean finished = scheduler.shutdown(until.minusNanos(System.nanoTime() - start));
        if (rechecks != null) finished &= rechecks.stop(until.minusNanos(System.nanoTime() - start));
        // Rows the image worker had not reached are given back; those in flight keep their lease and are due again
        // when it ends (a stop that gives up on one loses nothing).
        if (images != null) finished &= images.stop(until.minusNanos(System.nanoTime() - start));
        return finished;
    }

    private void closeWithin(Duration left, boolean abandoned) {
        if (search != null) search.close(); // commits what it has; the next start follows on from its mark
        if (!abandoned) {
            nv.close();
            return;
        }
        // Abandoned polls still hold entry-pool threads, and Newsvault.close() waits for those: bound it.
        Thread t = new Thread(nv::close, "nv-close");
        t.setDaemon(true);
        t.start();
        try {
            t.join(Math.max(1, left.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The live search index, when there is one (the reading room's search). */
    public java.util.Optional<org.newsvault.search.LiveIndex> search() {
        return java.util.Optional.ofNullable(search);
    }

    @Override
    public void close() {
        stop();
    }
}
