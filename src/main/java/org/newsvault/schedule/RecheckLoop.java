package org.newsvault.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.newsvault.Newsvault;
import org.newsvault.config.Settings;
import org.newsvault.metrics.Metrics;
import org.newsvault.watch.RecheckSummary;
import org.newsvault.watch.Rechecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks of archived articles ({@link Rechecker}) while the daemon runs: a bounded batch of due articles
 * every period, on a thread of its own, so a slow batch never delays a feed poll (the fetcher's per-host
 * limits are shared, so neither can overload a site). One pass at a time; a pass never starts while stopping.
 */
final class RecheckLoop {
    private static final Logger log = LoggerFactory.getLogger(RecheckLoop.class);
    /** Articles per pass: with passes a minute apart, up to 36,000 re-checks a day. */
    static final int BATCH = 25;

    private final Newsvault nv;
    private final Metrics metrics;
    private final BooleanSupplier stopping;
    /** The daemon's current settings: {@code watch.enabled} and the outlets' rules follow a reload. */
    private final Supplier<Settings> settings;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nv-recheck");
        t.setDaemon(true);
        return t;
    });
    private Rechecker rechecker;

    RecheckLoop(Newsvault nv, Supplier<Settings> settings, Metrics metrics, Duration every, BooleanSupplier stopping) {
        this.nv = nv;
        this.settings = settings;
        this.metrics = metrics;
        this.stopping = stopping;
        thread.scheduleWithFixedDelay(this::pass, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        if (stopping.getAsBoolean() || !settings.get().watch().enabled()) return;
        try {
            if (rechecker == null) rechecker = Rechecker.of(nv, settings);
            RecheckSummary s = rechecker.runDue(BATCH);
            metrics.record(s);
            if (s.checked() > 0) log.info("recheck: {}", s.line());
        } catch (RuntimeException e) {
            log.warn("recheck pass failed: {}", e.toString());
        }
    }

    /** Lets a running pass finish, waiting at most {@code bound} (never interrupts: H2 breaks on interrupts). */
    boolean stop(Duration bound) {
        thread.shutdown();
        try {
            return thread.awaitTermination(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
