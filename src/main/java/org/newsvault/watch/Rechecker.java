package org.newsvault.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.newsvault.Newsvault;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.WatchRepository;
import org.newsvault.store.WatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks archived articles: the due ones on their decaying schedule ({@link RecheckSchedule}), or
 * all of them on request. Each pass is a bounded batch checked by a few threads through the shared
 * fetcher, so re-checks obey the same per-host limits as polling and never hold it up for long.
 * A failure is contained to its article, which is rescheduled like any other. Only articles newsvault
 * archived itself ({@code source = poll}) are on the schedule; imported ones are checked by
 * {@link #runAll} only.
 *
 * <p>Entry points: {@link #runDue(int)} for the daemon's job; {@link #runAllDue} and {@link #runAll}
 * for {@code newsvault recheck}. Thread-safe, but passes are meant to run one at a time.
 */
public final class Rechecker {
    private static final Logger log = LoggerFactory.getLogger(Rechecker.class);
    /** Articles checked at once; the fetcher's per-host limit applies on top. */
    static final int THREADS = 4;
    private static final int PAGE = 200;

    private final ArticleChecker checker;
    private final WatchRepository watchRows;
    private final Supplier<WatchSettings> watch;
    private final Clock clock;
    /** Re-checks under way, leased in the database: two processes (nodes, or a daemon and a command) never check one article at once. */
    private final org.newsvault.store.Leases leases;
    /** Who holds this process's leases: node name and pid, unique among the processes alive. */
    private final String holder;
    private final org.newsvault.model.NodePolicy policy;

    Rechecker(ArticleChecker checker, WatchRepository watchRows, Supplier<WatchSettings> watch, Clock clock) {
        this(checker, watchRows, watch, clock, null, null);
    }

    Rechecker(ArticleChecker checker, WatchRepository watchRows, Supplier<WatchSettings> watch, Clock clock,
              org.newsvault.store.Leases leases, String holder) {
        this.checker = checker;
        this.watchRows = watchRows;
        this.watch = watch;
        this.clock = clock;
        this.leases = leases;
        this.holder = holder;
        this.policy = new org.newsvault.model.NodePolicy(clock);
    }

    /** The lease holder of a process: its node name and pid. */
    public static String holder(String node) {
        return node + "/" + ProcessHandle.current().pid();
    }

    /** Builds the re-checker of a running newsvault, first finishing revision files a crash left unwritten. */
    public static Rechecker of(Newsvault nv) {
        return of(nv, () -> nv.settings);
    }

    /**
     * The re-checker of a running daemon: {@code settings} is read on every pass and check (watch settings)
     * and every article (its outlet's rules, proxy and name), so a config reload applies to the next check.
     * The data and archive directories are those {@code nv} was opened with; they need a restart.
     */
    public static Rechecker of(Newsvault nv, Supplier<Settings> settings) {
        RevisionRepository revisions = new RevisionRepository(nv.db);
        WatchRepository watchRows = new WatchRepository(nv.db);
        RevisionRecovery.run(nv.settings.archive(), revisions);
        PageReader reader = new PageReader(new ArticleExtractor(), new HtmlSanitizer(false), new HtmlSanitizer(true));
        RevisionFiles files = new RevisionFiles(nv.settings.archive(), revisions, nv.archiver);
        ArticleChecker checker = new ArticleChecker(nv.fetcher, reader,
            new ArticleChecker.Stores(nv.originals, nv.originalRows, watchRows, revisions, files),
            () -> settings.get().watch(), outletViews(nv, settings), nv.clock,
            new org.newsvault.images.ImageLister(settings));
        return new Rechecker(checker, watchRows, () -> settings.get().watch(), nv.clock,
            new org.newsvault.store.Leases(nv.db, org.newsvault.store.Leases.Kind.RECHECK), holder(settings.get().node()));
    }

    private static java.util.function.Function<String, ArticleChecker.OutletView> outletViews(Newsvault nv,
                                                                                           Supplier<Settings> settings) {
        // Only for outlets no longer configured (their articles are still re-checked): names as last stored.
        Map<String, String> names = nv.outlets.all();
        return id -> {
            OutletConfig o = settings.get().outlet(id).orElse(null);
            if (o != null) return new ArticleChecker.OutletView(o.name(), o.extractRules(), o.proxy(), o.imageProxy());
            return new ArticleChecker.OutletView(names.getOrDefault(id, id), ExtractRules.GENERIC, null, false);
        };
    }

    /** The daemon's pass: at most {@code limit} due articles; nothing when watching is disabled. */
    public RecheckSummary runDue(int limit) {
        if (!watch.get().enabled()) return RecheckSummary.EMPTY;
        return runDue(null, limit, r -> {});
    }

    /** At most {@code limit} due articles of one outlet (or all outlets when null). */
    public RecheckSummary runDue(String outletId, int limit, Consumer<CheckResult> onArticle) {
        return run(watchRows.due(clock.instant(), outletId, limit), false, onArticle);
    }

    /** Every article due now, in batches, until none is due. */
    public RecheckSummary runAllDue(String outletId, Consumer<CheckResult> onArticle) {
        return runAllDue(outletId, onArticle, () -> false);
    }

    /**
     * As {@link #runAllDue(String, Consumer)}, stopping once {@code stop} says so (checked before each article): the
     * checks under way finish and are recorded, the articles not started stay due for the next pass.
     */
    public RecheckSummary runAllDue(String outletId, Consumer<CheckResult> onArticle, BooleanSupplier stop) {
        RecheckSummary total = RecheckSummary.EMPTY;
        Set<Long> seen = new HashSet<>();
        while (!stop.getAsBoolean()) {
            List<Long> ids = watchRows.due(clock.instant(), outletId, PAGE);
            // An article that could not be rescheduled would come back at once: stop rather than loop.
            if (ids.isEmpty() || !seen.addAll(ids)) return total;
            total = total.plus(run(ids, false, onArticle, stop));
        }
        return total;
    }

    /** Every article (of one outlet, or all when null), whatever its schedule. */
    public RecheckSummary runAll(String outletId, Consumer<CheckResult> onArticle) {
        return runAll(outletId, onArticle, () -> false);
    }

    /** As {@link #runAll(String, Consumer)}, stopping as {@link #runAllDue(String, Consumer, BooleanSupplier)} does. */
    public RecheckSummary runAll(String outletId, Consumer<CheckResult> onArticle, BooleanSupplier stop) {
        RecheckSummary total = RecheckSummary.EMPTY;
        long after = 0;
        while (!stop.getAsBoolean()) {
            List<Long> ids = watchRows.after(after, outletId, PAGE);
            if (ids.isEmpty()) return total;
            total = total.plus(run(ids, true, onArticle, stop));
            after = ids.get(ids.size() - 1);
        }
        return total;
    }

    /** How many articles a pass would look at: {@code all} of them (of one outlet, or all when null), or those due now. */
    public long count(String outletId, boolean all) {
        return watchRows.count(all ? null : clock.instant(), outletId);
    }

    private RecheckSummary run(List<Long> ids, boolean any, Consumer<CheckResult> onArticle) {
        return run(ids, any, onArticle, () -> false);
    }

    private RecheckSummary run(List<Long> ids, boolean any, Consumer<CheckResult> onArticle, BooleanSupplier stop) {
        if (ids.isEmpty()) return RecheckSummary.EMPTY;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, ids.size()), r -> {
            Thread t = new Thread(r, "nv-recheck");
            t.setDaemon(true);
            return t;
        });
        // The pass's leases outlive a slow check: renewed while it runs.
        java.util.concurrent.ScheduledExecutorService renewer = leases == null ? null
            : Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nv-recheck-lease");
                t.setDaemon(true);
                return t;
            });
        if (renewer != null) {
            long every = org.newsvault.model.NodePolicy.RENEW_EVERY.toMillis();
            renewer.scheduleWithFixedDelay(() -> {
                try {
                    leases.renew(holder, policy.leaseUntil());
                } catch (RuntimeException e) {
                    log.debug("re-check leases not renewed: {}", e.toString());
                }
            }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            // Each task asks before it starts, so a stop leaves the articles not yet begun untouched (still due).
            for (long id : ids) futures.add(pool.submit(() -> stop.getAsBoolean() ? null : checkSafely(id, any)));
            List<CheckResult> results = new ArrayList<>();
            for (Future<CheckResult> f : futures) {
                CheckResult r = await(f);
                if (r == null) continue;
                results.add(r);
                onArticle.accept(r);
            }
            return RecheckSummary.of(results);
        } finally {
            pool.shutdownNow();
            if (renewer != null) renewer.shutdownNow();
        }
    }

    /** @return the result, or null when the article is not to be checked (gone, or not on the schedule) */
    private CheckResult checkSafely(long id, boolean any) {
        if (leases != null && !leases.take(id, holder, clock.instant(), policy.leaseUntil())) return null; // another's now
        try {
            return checkLeased(id, any);
        } finally {
            if (leases != null) release(id);
        }
    }

    private void release(long id) {
        try {
            leases.release(id, holder, holder, clock.instant());
        } catch (RuntimeException e) {
            log.debug("article {}: re-check lease not released (it expires): {}", id, e.toString());
        }
    }

    private CheckResult checkLeased(long id, boolean any) {
        WatchState s = null;
        try {
            s = watchRows.state(id).orElse(null);
            if (s == null) return null;
            // Listed as due, but checked by another process between the listing and our lease: not due any more.
            if (!any && leases != null && (s.nextRecheckAt() == null || s.nextRecheckAt().isAfter(clock.instant()))) {
                return null;
            }
            if (!any && !"poll".equals(s.article().source())) {
                watchRows.reschedule(id, null);
                return null;
            }
            return checker.check(s);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            String url = s == null ? "" : s.article().file().url();
            log.warn("article {} url={}: re-check failed: {}", id, url, why);
            log.debug("re-check failure", e);
            if (s != null) {
                try {
                    watchRows.reschedule(id, RecheckSchedule.next(s.article().fetchedAt(), clock.instant(), watch.get()).orElse(null));
                } catch (RuntimeException again) {
                    log.warn("article {}: cannot reschedule: {}", id, again.getMessage());
                }
            }
            return new CheckResult(id, url, CheckResult.Outcome.ERROR, s == null ? null : s.article().status(), 0, false,
                why);
        }
    }

    private static CheckResult await(Future<CheckResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        } catch (ExecutionException e) {
            return null; // checkSafely catches everything it can
        }
    }
}
