package org.newsvault.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.newsvault.Newsvault;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;

/**
 * How close a poll with per-host politeness comes to what that politeness allows. {@code hosts} synthetic
 * outlets, each on its own loopback address (127.0.0.1, 127.0.0.2, …: the per-host limit keys on the host,
 * and the address policy lets them through because each is a configured feed's host), each with one teaser
 * feed of {@code pages} items whose pages must be fetched. First the same work with politeness off (what the
 * pipeline itself costs), then with the given per-host limit and gap. The hosts are independent, so the
 * polite poll needs at least {@code pages × gap} plus the unpolite time; the ratio to that bound is the
 * price of how newsvault schedules its requests, not of the politeness.
 *
 * <p>A poll that is far off the bound would run for a very long time (hundreds of hosts took more than
 * 400 s where 13 s were allowed), so it is stopped after {@code limitFactor × bound} and reported as not
 * finished, with the pages it fetched by then.
 */
final class PolitePhase {
    /** Pollers slower than this many times the bound are stopped. */
    static final double LIMIT_FACTOR = 30;
    /** Threads the outlets share: the hosts' limits, not the outlet, must be what bounds the polite poll. */
    private static final int OUTLET_THREADS = 16;

    private final Corpus corpus;
    private final int hosts;
    private final int pages;
    private final int perHost;
    private final Duration gap;
    private final Double limitSeconds;
    private final Consumer<String> progress;

    /** @param limitSeconds fixed time limit for the polite poll; null for {@link #LIMIT_FACTOR} × bound */
    PolitePhase(Corpus corpus, int hosts, int pages, int perHost, Duration gap, Double limitSeconds,
                Consumer<String> progress) {
        if (hosts < 1 || hosts > 250 * 256) throw new IllegalArgumentException("--polite-hosts must be 1 to 64000");
        if (pages < 1) throw new IllegalArgumentException("--polite-pages must be at least 1");
        this.corpus = corpus;
        this.hosts = hosts;
        this.pages = pages;
        this.perHost = perHost;
        this.gap = gap;
        this.limitSeconds = limitSeconds;
        this.progress = progress;
    }

    /** Host {@code h} (from 0) is 127.0.x.y with y from 1 to 250: never a network or broadcast-looking address. */
    static InetAddress address(int h) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (h / 250), (byte) (h % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }

    BenchResult.Polite run(Path work) {
        var outlet = new SyntheticOutlet(corpus, 1, pages);
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(OUTLET_THREADS, r -> {
            Thread t = new Thread(r, "bench-polite-outlet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<OutletServer> servers = new ArrayList<>();
        try {
            for (int h = 0; h < hosts; h++) servers.add(OutletServer.startOn(outlet, address(h), workers));
            List<String> bases = servers.stream().map(OutletServer::baseUrl).toList();
            progress.accept(String.format("polite phase: %d hosts (%s … %s) x %d teaser pages", hosts,
                address(0).getHostAddress(), address(hosts - 1).getHostAddress(), pages));

            long total = (long) hosts * pages;
            // Generous: only a pipeline slower than 5 pages/s would hit it.
            double unpoliteLimit = 60 + total / 5.0;
            Run off = poll("  politeness off", work.resolve("unpolite"), BenchConfig.hostOutlets(bases, "u", work),
                BenchConfig.http(), servers, unpoliteLimit);
            if (off.phase == null) {
                throw new IllegalStateException(String.format("polite phase: even with politeness off the poll did not"
                    + " finish within %.0f s", unpoliteLimit));
            }
            double bound = pages * gap.toNanos() / 1e9 + off.phase.wallSeconds();
            double limit = limitSeconds != null ? limitSeconds : LIMIT_FACTOR * bound;
            progress.accept(String.format("  polite bound %.1f s (%d x %d ms + %.1f s); stopping after %s s", bound,
                pages, gap.toMillis(), off.phase.wallSeconds(), Targets.secs(limit)));
            Run on = poll(String.format("  per-host %d, gap %d ms", perHost, gap.toMillis()), work.resolve("polite"),
                BenchConfig.hostOutlets(bases, "p", work), BenchConfig.polite(perHost, gap), servers, limit);
            boolean finished = on.phase != null;
            double ratio = (finished ? on.phase.wallSeconds() : limit) / bound;
            if (!finished) {
                progress.accept(String.format("  did not finish within %s s: %,d of %,d pages fetched", Targets.secs(limit),
                    on.pagesFetched, total));
            } else {
                progress.accept(String.format("  %.2f x the polite bound", ratio));
            }
            return new BenchResult.Polite(hosts, pages, perHost, gap.toNanos() / 1e9, off.phase, on.phase, bound, ratio,
                finished, limit, on.pagesFetched);
        } finally {
            servers.forEach(OutletServer::close);
            workers.shutdownNow();
        }
    }

    /** A timed poll, or {@code phase == null} if it did not finish within {@code limit} seconds. */
    private record Run(BenchResult.Phase phase, long pagesFetched) {}

    private Run poll(String name, Path dir, List<OutletConfig> outlets, HttpSettings http, List<OutletServer> servers,
                     double limit) {
        progress.accept(name + " ...");
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-polite-poll");
            t.setDaemon(true);
            return t;
        });
        OutletServer.Stats s0 = stats(servers);
        long cpu0 = ResourceMeter.processCpuNanos();
        try (Newsvault nv = Newsvault.open(BenchConfig.settings(dir, outlets, http))) {
            long t0 = System.nanoTime();
            Future<List<FeedReport>> f = runner.submit(() -> PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {}));
            List<FeedReport> reports;
            try {
                reports = f.get((long) (limit * 1e9), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                f.cancel(true); // interrupts pollAll; closing nv then stops its workers
                return new Run(null, stats(servers).minus(s0).pageRequests());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("polite phase poll failed: " + e.getCause(), e.getCause());
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            // The outlets' threads are not tracked here; on loopback they are a small share of the CPU.
            double cpu = (ResourceMeter.processCpuNanos() - cpu0) / 1e9;
            OutletServer.Stats d = stats(servers).minus(s0);
            var phase = Benchmark.tally(name.strip(), reports, wall, cpu, 0, d, progress);
            progress.accept(Benchmark.line(phase));
            return new Run(phase, d.pageRequests());
        } finally {
            runner.shutdownNow();
        }
    }

    private static OutletServer.Stats stats(List<OutletServer> servers) {
        OutletServer.Stats sum = new OutletServer.Stats(0, 0, 0, 0, 0);
        for (OutletServer s : servers) sum = sum.plus(s.stats());
        return sum;
    }
}
