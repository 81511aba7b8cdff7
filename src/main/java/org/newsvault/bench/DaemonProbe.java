package org.newsvault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.newsvault.Newsvault;
import org.newsvault.config.OutletConfig;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;

/**
 * {@code bench --daemon-feeds N}: the memory of a newsvault with N configured feeds. The synthetic outlet
 * runs in a child JVM ({@code bench serve}) so this process holds nothing but newsvault; all N feeds are
 * polled once (one full-text item each) and again (all unchanged), and the process's peak RSS is reported.
 * Run it with the heap limit you would give the daemon, e.g. {@code java -Xmx128m -jar newsvault.jar bench
 * --daemon-feeds 10000}.
 */
public final class DaemonProbe {
    private static final Duration SERVER_START = Duration.ofSeconds(60);

    private DaemonProbe() {}

    /** @param childOutlet serve from a child JVM (true for real measurements; tests use an in-process outlet) */
    public static BenchResult run(int feeds, Path corpus, Path workDir, boolean keep, boolean childOutlet,
                                  Consumer<String> progress) throws IOException, InterruptedException {
        double load = ResourceMeter.loadAverage();
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("newsvault-daemon");
        Process child = null;
        OutletServer inProcess = null;
        try {
            String base;
            if (childOutlet) {
                child = startChild(feeds, corpus, work);
                base = "http://127.0.0.1:" + Files.readString(work.resolve("port")).trim();
            } else {
                inProcess = OutletServer.start(Corpus.load(corpus), feeds, 1, 0, 0);
                base = inProcess.baseUrl();
            }
            progress.accept("daemon probe: " + feeds + " feeds at " + base);
            List<OutletConfig> outlets = BenchConfig.outlets(base, "d", SyntheticOutlet.Kind.FULL, feeds, work);
            var sampler = new ResourceMeter.HeapSampler();
            long archived;
            int hits;
            double first, second;
            BenchResult.Memory memory;
            try (Newsvault nv = Newsvault.open(BenchConfig.settings(work, outlets))) {
                long t0 = System.nanoTime();
                List<FeedReport> r1 = PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {});
                first = (System.nanoTime() - t0) / 1e9;
                archived = r1.stream().mapToLong(FeedReport::archived).sum();
                progress.accept(String.format("  first poll: %,d archived in %.1f s, RSS now %s", archived, first,
                    Targets.mb(ResourceMeter.rssBytes())));
                t0 = System.nanoTime();
                List<FeedReport> r2 = PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {});
                second = (System.nanoTime() - t0) / 1e9;
                hits = (int) r2.stream().filter(FeedReport::notModified).count();
                memory = sampler.memory(true);
            }
            var daemon = new BenchResult.Daemon(feeds, archived, first, hits, second, memory);
            sampler.close();
            var setup = new BenchResult.Setup(0, 1, 0, Runtime.getRuntime().availableProcessors(), Newsvault.ENTRY_THREADS,
                ResourceMeter.maxHeapBytes(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                childOutlet ? "served by a child process" : "served in process", load);
            return new BenchResult(setup, null, null, 0, null, null, null, null, 0, List.of(), null, List.of(), null,
                daemon, Targets.of(setup, 0, null, null, 0, daemon, null));
        } finally {
            if (inProcess != null) inProcess.close();
            if (child != null) {
                child.destroy();
                child.waitFor();
            }
            if (!keep) Benchmark.deleteTree(work);
        }
    }

    /** {@code bench serve} in a new JVM on this one's class path; returns once it listens. */
    private static Process startChild(int feeds, Path corpus, Path work) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path portFile = work.resolve("port");
        Path log = work.resolve("outlet.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "org.newsvault.cli.Main", "bench", "serve", "--feeds", String.valueOf(feeds), "--items", "1",
            "--port-file", portFile.toString()));
        if (corpus != null) cmd.addAll(List.of("--corpus", corpus.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                throw new IllegalStateException("bench outlet did not start: " + out.lines().reduce((a, b) -> b).orElse("no output"));
            }
            Thread.sleep(50);
        }
        return p;
    }
}
