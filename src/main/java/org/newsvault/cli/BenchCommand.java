package org.newsvault.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsvault.bench.BenchOptions;
import org.newsvault.bench.BenchReport;
import org.newsvault.bench.BenchResult;
import org.newsvault.bench.Benchmark;
import org.newsvault.bench.Corpus;
import org.newsvault.bench.DaemonProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsvault bench}: measures newsvault on this machine against a synthetic outlet on loopback and
 * prints the numbers behind the README's performance section. Needs no configuration and touches no
 * user data (everything happens in a temp directory).
 */
@Command(name = "bench", subcommands = {BenchServeCommand.class, BenchReadingCommand.class},
    description = {"Measure throughput, repeat-poll cost, large-archive cost, politeness overhead and memory on this machine.",
        "Runs the real pipeline against a local synthetic outlet, in a temp directory; about a minute",
        "with the defaults on 2 cores. Exit status: 0 all targets met, 3 some missed, 1 error."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--feeds", paramLabel = "N", description = "feeds of each kind, teaser and full-text (default: ${DEFAULT-VALUE})")
    int feeds = BenchOptions.DEFAULT_FEEDS;

    @Option(names = "--items", paramLabel = "M", description = "items per feed (default: ${DEFAULT-VALUE})")
    int items = BenchOptions.DEFAULT_ITEMS;

    @Option(names = "--archive-size", paramLabel = "K", description = "articles already archived in the large-archive run (default: ${DEFAULT-VALUE})")
    long archiveSize = BenchOptions.DEFAULT_ARCHIVE;

    @Option(names = "--daemon-feeds", paramLabel = "N", description = "instead: memory with N configured feeds, polled twice (run with the -Xmx you would give the daemon)")
    Integer daemonFeeds;

    @Option(names = "--stage-sample", paramLabel = "P", description = "pages for the per-stage cost breakdown, 0 to skip (default: ${DEFAULT-VALUE})")
    int stageSample = 100;

    @Option(names = "--polite-hosts", paramLabel = "N", description = "hosts of the polite phase, each its own loopback address, 0 to skip (default: ${DEFAULT-VALUE})")
    int politeHosts = BenchOptions.DEFAULT_POLITE_HOSTS;

    @Option(names = "--polite-pages", paramLabel = "M", description = "teaser pages per host in the polite phase (default: ${DEFAULT-VALUE})")
    int politePages = BenchOptions.DEFAULT_POLITE_PAGES;

    @Option(names = "--polite-limit", paramLabel = "SECONDS", description = "stop the polite poll after this long (default: 30 x its bound)")
    Double politeLimit;

    @Option(names = "--polite-only", description = "run only the polite phase")
    boolean politeOnly;

    @Option(names = "--corpus", paramLabel = "DIR", description = "outlet corpora with real article bodies (default: ${DEFAULT-VALUE}; a bundled sample when absent)")
    Path corpus = Corpus.DEFAULT_DIR;

    @Option(names = "--work", paramLabel = "DIR", description = "where the throwaway data directories go (default: a new temp directory)")
    Path work;

    @Option(names = "--keep", description = "keep the data directories afterwards")
    boolean keep;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        BenchResult r;
        if (daemonFeeds != null) {
            if (daemonFeeds < 1) throw new IllegalArgumentException("--daemon-feeds must be at least 1");
            r = DaemonProbe.run(daemonFeeds, corpus, work, keep, true, BenchCommand::progress);
        } else {
            r = new Benchmark(new BenchOptions(feeds, items, archiveSize, corpus, work, keep, stageSample,
                politeHosts, politePages, null, politeLimit, politeOnly),
                BenchCommand::progress).run();
        }
        BenchReport.print(r, System.out);
        if (json != null) BenchReport.writeJson(r, json);
        return r.targets().stream().allMatch(BenchResult.Target::met) ? 0 : 3;
    }

    /** Progress on stderr with the wall-clock time, so a profile (JFR) can be cut into phases. */
    private static void progress(String msg) {
        System.err.println(java.time.LocalTime.now().withNano(java.time.LocalTime.now().getNano() / 1_000_000 * 1_000_000)
            + " bench: " + msg);
    }
}
