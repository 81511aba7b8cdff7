package org.newsvault.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsvault.bench.Corpus;
import org.newsvault.bench.ReadingBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsvault bench reading}: the reading room's performance targets on a large archive. */
@Command(name = "reading", description = {"Measure the reading room on an archive of K articles with real bodies:",
    "search index build (articles/s, size per 1,000), searches and article pages (p50/p95) against the targets.",
    "Exit status: 0 every target met, 1 one missed."})
public final class BenchReadingCommand implements Callable<Integer> {
    @Option(names = "--archive-size", paramLabel = "K", description = "articles in the archive (default: ${DEFAULT-VALUE})")
    long size = 100_000;

    @Option(names = "--requests", paramLabel = "N", description = "searches and article pages measured (default: ${DEFAULT-VALUE})")
    int requests = 500;

    @Option(names = "--corpus", paramLabel = "DIR", description = "outlet corpora (default: ${DEFAULT-VALUE}; a bundled sample when absent)")
    Path corpus = Corpus.DEFAULT_DIR;

    @Option(names = "--work", paramLabel = "DIR", description = "where the data directory goes, kept afterwards and reused by a run of the same --archive-size (default: a new temp directory, deleted)")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (size < 1 || requests < 1) throw new IllegalArgumentException("--archive-size and --requests: 1 or more");
        Path w = work != null ? Files.createDirectories(work) : Files.createTempDirectory("newsvault-bench-reading");
        var r = ReadingBench.run(w, Corpus.load(corpus), size, requests, System.out);
        ReadingBench.print(r, System.out);
        if (work == null) deleteTree(w);
        return r.met() ? 0 : 1;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var w = Files.walk(root)) {
            for (Path p : (Iterable<Path>) w.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
