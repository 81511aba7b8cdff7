package org.newsvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.newsvault.Newsvault;
import org.newsvault.config.OutletConfig;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;

/**
 * The benchmark: a synthetic outlet on loopback, the real pipeline ({@link Newsvault#open} and
 * {@link PollRun#pollAll}) on throwaway data directories, and the numbers behind the README's performance
 * claims. Phases, in order: warm-up (not reported); full pipeline on teaser feeds; feed-only on full-text
 * feeds; repeat poll of everything (all unchanged); the bare-parse ceiling on the same pages; the
 * feed-only poll again on a fresh directory that already holds {@code archiveSize} rows; the per-stage
 * breakdown.
 */
public final class Benchmark {
    static final String NS = "m";
    private final BenchOptions opt;
    private final Consumer<String> progress;

    public Benchmark(BenchOptions opt, Consumer<String> progress) {
        this.opt = opt;
        this.progress = progress;
    }

    public BenchResult run() throws IOException {
        Corpus corpus = Corpus.load(opt.corpus());
        Path work = opt.workDir() != null ? Files.createDirectories(opt.workDir()) : Files.createTempDirectory("newsvault-bench");
        progress.accept("corpus: " + corpus.origin() + "; data under " + work);
        try (OutletServer server = OutletServer.start(corpus, opt.feeds(), opt.items(), 0, 0)) {
            return measure(server, work, corpus.origin());
        } finally {
            if (!opt.keep()) deleteTree(work);
        }
    }

    private BenchResult measure(OutletServer server, Path work, String corpusOrigin) throws IOException {
        double load = ResourceMeter.loadAverage();
        String base = server.baseUrl();
        SyntheticOutlet outlet = server.outlet();
        warmUp(server, work.resolve("warmup"));

        Path d1 = work.resolve("pipeline");
        List<OutletConfig> teaser = BenchConfig.outlets(base, NS, SyntheticOutlet.Kind.TEASER, opt.feeds(), d1);
        BenchResult.Phase pipeline, feedOnly;
        BenchResult.Repeat repeatTeaser, repeatFull;
        var sampler = new ResourceMeter.HeapSampler();
        try (Newsvault nv = Newsvault.open(BenchConfig.settings(d1, teaser))) {
            pipeline = poll("full pipeline (teaser feeds; page fetch, extract, sanitize, hash, store, write)", nv, teaser, server);
            repeatTeaser = repeat(nv, teaser, server);
        }
        // Feed-only gets a fresh directory, so it is the empty-archive baseline for the large-archive run.
        Path d2 = work.resolve("feed-only");
        List<OutletConfig> full = BenchConfig.outlets(base, NS, SyntheticOutlet.Kind.FULL, opt.feeds(), d2);
        try (Newsvault nv = Newsvault.open(BenchConfig.settings(d2, full))) {
            feedOnly = poll("feed-only (full-text feeds; no page fetch), empty archive", nv, full, server);
            repeatFull = repeat(nv, full, server);
        }
        BenchResult.Repeat repeat = repeatTeaser.plus(repeatFull);
        BenchResult.Memory memory = sampler.memory(false);
        sampler.close();

        progress.accept("ceiling: parsing the same " + pipeline.items() + " pages with jsoup only");
        BenchResult.Phase ceiling = ParseCeiling.run(
            ParseCeiling.pages(outlet, base, NS, SyntheticOutlet.Kind.TEASER, (int) Math.max(1, pipeline.items())),
            Math.max(1, pipeline.items()), Newsvault.ENTRY_THREADS);
        progress.accept(line(ceiling));

        Path d3 = work.resolve("large");
        List<OutletConfig> full3 = BenchConfig.outlets(base, NS, SyntheticOutlet.Kind.FULL, opt.feeds(), d3);
        BenchResult.Prefill prefill;
        BenchResult.Phase large;
        List<BenchResult.StageCost> stages = List.of();
        try (Newsvault nv = Newsvault.open(BenchConfig.settings(d3, full3))) {
            progress.accept("prefilling " + opt.archiveSize() + " archived articles");
            long t0 = System.nanoTime();
            ArchivePrefill.fill(nv.db, BenchConfig.ARCHIVE_OUTLET, opt.archiveSize());
            prefill = new BenchResult.Prefill(opt.archiveSize(), (System.nanoTime() - t0) / 1e9);
            progress.accept(String.format("prefilled in %.1f s", prefill.seconds()));
            large = poll("feed-only with " + opt.archiveSize() + " articles already archived", nv, full3, server);
            if (opt.stageSample() > 0) {
                progress.accept("per-stage costs on " + opt.stageSample() + " pages, one thread");
                stages = StageCosts.measure(nv, ParseCeiling.pages(outlet, base, "s", SyntheticOutlet.Kind.TEASER,
                    opt.stageSample()), d3.resolve("scratch"));
            }
        }
        double toCeiling = ceiling.perSecond() == 0 ? 0 : pipeline.perSecond() / ceiling.perSecond();
        double largeToEmpty = feedOnly.perSecond() == 0 ? 0 : large.perSecond() / feedOnly.perSecond();
        var setup = new BenchResult.Setup(opt.feeds(), opt.items(), opt.archiveSize(), Runtime.getRuntime().availableProcessors(),
            Newsvault.ENTRY_THREADS, ResourceMeter.maxHeapBytes(), System.getProperty("java.vm.name") + " "
            + System.getProperty("java.version"), corpusOrigin, load);
        return new BenchResult(setup, pipeline, ceiling, toCeiling, feedOnly, repeat, prefill, large, largeToEmpty, memory,
            stages, null, Targets.of(setup, toCeiling, feedOnly, repeat, largeToEmpty, null));
    }

    /** Polls a few feeds of both kinds once so the measured phases run on compiled code. */
    private void warmUp(OutletServer server, Path dir) {
        int feeds = Math.min(2, opt.feeds());
        List<OutletConfig> outlets = BenchConfig.concat(
            BenchConfig.outlets(server.baseUrl(), "w", SyntheticOutlet.Kind.TEASER, feeds, dir),
            BenchConfig.outlets(server.baseUrl(), "w", SyntheticOutlet.Kind.FULL, feeds, dir));
        progress.accept("warm-up: " + feeds * 2 + " feeds x " + opt.items() + " items");
        try (Newsvault nv = Newsvault.open(BenchConfig.settings(dir, outlets))) {
            PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {});
        }
        ParseCeiling.run(ParseCeiling.pages(server.outlet(), server.baseUrl(), "w", SyntheticOutlet.Kind.TEASER, 64), 128,
            Newsvault.ENTRY_THREADS);
    }

    private BenchResult.Phase poll(String name, Newsvault nv, List<OutletConfig> outlets, OutletServer server) {
        progress.accept(name + " ...");
        OutletServer.Stats s0 = server.stats();
        long srv0 = server.cpuNanos(), cpu0 = ResourceMeter.processCpuNanos(), t0 = System.nanoTime();
        List<FeedReport> reports = PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {});
        double wall = (System.nanoTime() - t0) / 1e9;
        double srv = (server.cpuNanos() - srv0) / 1e9;
        double cpu = (ResourceMeter.processCpuNanos() - cpu0) / 1e9 - srv;
        OutletServer.Stats d = server.stats().minus(s0);
        long archived = reports.stream().mapToLong(FeedReport::archived).sum();
        int failures = 0;
        for (FeedReport r : reports) {
            failures += (r.result() == FeedReport.Result.FAILED ? 1 : 0) + r.itemErrors().size();
            if (r.result() == FeedReport.Result.FAILED) progress.accept("  feed failed: " + r.line());
            r.itemErrors().stream().limit(3).forEach(e -> progress.accept("  item failed: " + e));
        }
        var phase = new BenchResult.Phase(name, archived, wall, cpu, srv, archived / wall, d.pageRequests(), d.bytes(), failures);
        progress.accept(line(phase));
        return phase;
    }

    private BenchResult.Repeat repeat(Newsvault nv, List<OutletConfig> outlets, OutletServer server) {
        progress.accept("repeat poll of the same feeds, unchanged ...");
        OutletServer.Stats s0 = server.stats();
        long srv0 = server.cpuNanos(), cpu0 = ResourceMeter.processCpuNanos(), t0 = System.nanoTime();
        List<FeedReport> reports = PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {});
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ResourceMeter.processCpuNanos() - cpu0 - (server.cpuNanos() - srv0)) / 1e9;
        OutletServer.Stats d = server.stats().minus(s0);
        int hits = (int) reports.stream().filter(FeedReport::notModified).count();
        long archived = reports.stream().mapToLong(FeedReport::archived).sum();
        var r = new BenchResult.Repeat(reports.size(), hits, d.notModified(), d.pageRequests(), archived, wall, cpu);
        progress.accept(String.format("  %d/%d feeds not modified (%d answered 304), %d page requests, %.2f s, cpu %.2f s",
            hits, reports.size(), d.notModified(), d.pageRequests(), wall, cpu));
        return r;
    }

    static String line(BenchResult.Phase p) {
        return String.format("  %d items in %.2f s = %.0f/s (cpu %.2f s, %.2f ms/item%s)", p.items(), p.wallSeconds(),
            p.perSecond(), p.cpuSeconds(), p.cpuMillisPerItem(), p.failures() > 0 ? ", " + p.failures() + " FAILURES" : "");
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the report for
        }
    }
}
