package org.newsvault.search;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Opt-in benchmark, not a test: runs only with {@code -Dbench.search=true} (or through {@link #main}).
 * Indexes the Chinese feed items of {@code ../shared/corpora/outlets} (BBC, DW, VOA), repeated to
 * {@code -Dbench.search.docs} documents (default 10,000), then reports indexing docs/s (live adds and a
 * {@link Reindexer} rebuild), the index size per 1,000 articles, and search latency (p50/p95/max) over
 * Traditional, Simplified, phrase, Latin and filtered queries.
 */
class SearchSpeedBench {
    private static final List<SearchQuery> QUERIES = List.of(
            SearchQuery.of("习近平"), SearchQuery.of("習近平"), SearchQuery.of("香港國安法"),
            SearchQuery.of("\"香港国安法\""), SearchQuery.of("美国 中国"), SearchQuery.of("疫情"),
            SearchQuery.of("新冠 疫苗"), SearchQuery.of("IMF"), SearchQuery.of("特朗普 -拜登"), SearchQuery.of("台灣 選舉"),
            SearchQuery.of("中国").withOrder(SearchQuery.Order.NEWEST),
            SearchQuery.of("香港").withOutlets(Set.of("dw-chinese")),
            SearchQuery.of("美国").withPublished(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")),
            SearchQuery.of("中国").withPage(100, 20),
            SearchQuery.of("").withOrder(SearchQuery.Order.NEWEST));

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("bench.search"), "opt-in: -Dbench.search=true");
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        List<SearchDocument> items = corpus(Path.of("..", "shared", "corpora", "outlets"));
        int target = Integer.getInteger("bench.search.docs", 10_000);
        List<SearchDocument> docs = new ArrayList<>(target);
        for (int i = 0; i < target; i++) {
            SearchDocument d = items.get(i % items.size());
            // Copies get their own id and day, so they are distinct articles to the index and the sort.
            docs.add(new SearchDocument(i + 1, d.outlet(), d.title(), d.author(), d.body(), d.urls(),
                    d.published().plus(Duration.ofDays(i / items.size())), d.status(), d.kind()));
        }
        long chars = docs.stream().mapToLong(d -> d.body().length()).sum();
        System.out.printf(Locale.ROOT, "corpus: %d feed items, %d documents, %.0f body chars/doc%n", items.size(),
                docs.size(), (double) chars / docs.size());
        Path root = Files.createTempDirectory("search-bench");
        try {
            // Warm-up (JIT), so that neither measured phase pays for it.
            Reindexer.rebuild(root.resolve("warm"), docs.subList(0, Math.min(docs.size(), 3_000)), Reindexer.Progress.NONE);
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            try (SearchIndex index = SearchIndex.open(root.resolve("live"), SearchIndex.Options.manual(Clock.systemUTC()))) {
                docs.forEach(index::add);
            }
            double liveSec = (System.nanoTime() - t0) / 1e9;
            double liveCpu = (cpuNanos() - c0) / 1e9;
            t0 = System.nanoTime();
            c0 = cpuNanos();
            Reindexer.rebuild(root.resolve("rebuilt"), docs, Reindexer.Progress.NONE);
            double rebuildSec = (System.nanoTime() - t0) / 1e9;
            double rebuildCpu = (cpuNanos() - c0) / 1e9;
            long bytes = size(root.resolve("rebuilt"));
            // Wall time on a shared machine depends on the neighbours; process CPU time (all threads:
            // merges, GC, JIT) says what one core would sustain alone.
            System.out.printf(Locale.ROOT, "indexing: live adds %.0f docs/s wall, %.0f docs per CPU-second (commit every 1,000"
                    + " and at close); rebuild %.0f docs/s wall, %.0f docs per CPU-second%n",
                    docs.size() / liveSec, docs.size() / liveCpu, docs.size() / rebuildSec, docs.size() / rebuildCpu);
            System.out.printf(Locale.ROOT, "index size: %.1f MB, %.2f MB per 1,000 articles%n", bytes / 1e6,
                    bytes / 1e6 / (docs.size() / 1000.0));
            try (SearchIndex index = SearchIndex.open(root.resolve("rebuilt"), SearchIndex.Options.manual(Clock.systemUTC()))) {
                for (SearchQuery q : QUERIES) index.search(q); // warm up
                int rounds = Integer.getInteger("bench.search.rounds", 20);
                List<Double> all = new ArrayList<>();
                for (SearchQuery q : QUERIES) {
                    double[] ms = new double[rounds];
                    SearchResult r = null;
                    for (int i = 0; i < rounds; i++) {
                        long s = THREADS.getCurrentThreadCpuTime();
                        r = index.search(q);
                        ms[i] = (THREADS.getCurrentThreadCpuTime() - s) / 1e6;
                        all.add(ms[i]);
                    }
                    Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "  %-40s hits %6d%s  p50 %6.2f ms  max %6.2f ms%n", label(q), r.total(),
                            r.totalExact() ? " " : "+", ms[ms.length / 2], ms[ms.length - 1]);
                }
                all.sort(null);
                System.out.printf(Locale.ROOT, "search CPU time (%d queries x %d, with snippets): p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
                        QUERIES.size(), rounds, all.get(all.size() / 2), all.get((int) (all.size() * 0.95)),
                        all.get(all.size() - 1));
            }
        } finally {
            IndexLayout.deleteTree(root);
        }
    }

    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : System.nanoTime();
    }

    private static String label(SearchQuery q) {
        String s = q.text().isEmpty() ? "(all)" : q.text();
        if (!q.outlets().isEmpty()) s += " outlet=" + q.outlets();
        if (q.from() != null) s += " 2020";
        if (q.order() == SearchQuery.Order.NEWEST) s += " newest";
        if (q.offset() > 0) s += " offset=" + q.offset();
        return s;
    }

    private static long size(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The Jekyll-variant article files: front matter, then the body HTML (as plain text here). */
    static List<SearchDocument> corpus(Path outlets) throws IOException {
        List<SearchDocument> out = new ArrayList<>();
        for (String outlet : List.of("bbc-zhongwen", "dw-chinese", "voa-chinese")) {
            Path dir = outlets.resolve(outlet).resolve("feed-items-nodebe4");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(f -> f.toString().endsWith(".md")).sorted().toList();
            }
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int end = text.indexOf("\n---", 4);
                if (!text.startsWith("---") || end < 0) continue;
                String front = text.substring(4, end);
                String body = Jsoup.parse(text.substring(end + 4)).text();
                out.add(new SearchDocument(out.size() + 1, outlet, value(front, "title"), value(front, "author"), body,
                        List.of(value(front, "from")), date(value(front, "date")), "live", "full"));
            }
        }
        return out;
    }

    private static String value(String front, String key) {
        for (String line : front.split("\n")) {
            if (line.startsWith(key + ":")) {
                String v = line.substring(key.length() + 1).strip();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return "";
    }

    private static Instant date(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.parse("2020-01-01T00:00:00Z");
        }
    }
}
