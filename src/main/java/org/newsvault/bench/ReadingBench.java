package org.newsvault.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.newsvault.Newsvault;
import org.newsvault.metrics.HttpEndpoints;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.search.IndexFollower;
import org.newsvault.search.LiveIndex;
import org.newsvault.search.SearchIndex;
import org.newsvault.search.SearchQuery;
import org.newsvault.store.IndexFeed;
import org.newsvault.web.ReadingRoom;

/**
 * {@code newsvault bench reading}: the reading room's targets on an archive of {@code size} articles with real
 * Chinese bodies (the outlet corpus, numbered): building the search index from the database (articles/s, index
 * size per 1,000 articles), searches with snippets (p50/p95 over words taken from the corpus titles, some typed in
 * Traditional), and article and home pages over HTTP on loopback (p50/p95). One process, one run: the ratios
 * to the targets are what to compare between machines.
 */
public final class ReadingBench {
    /** The targets. */
    static final double INDEX_PER_SECOND = 2_000, SEARCH_P95_MS = 100, ARTICLE_P95_MS = 50;
    /** Documents of the in-memory comparison with bare Lucene (enough to flush and merge a few segments). */
    static final long FLOOR_DOCUMENTS = 20_000;

    public record Result(long articles, double prefillSeconds, double indexPerSecond, double indexMbPer1000,
                         double[] searchMs, double[] articleMs, double[] homeMs, IndexFloor.Rates floor) {
        /** Every target met. */
        public boolean met() {
            return indexPerSecond >= INDEX_PER_SECOND && percentiles(searchMs)[1] <= SEARCH_P95_MS
                && percentiles(articleMs)[1] <= ARTICLE_P95_MS;
        }
    }

    private ReadingBench() {}

    public static Result run(Path work, Corpus corpus, long size, int requests, PrintStream out) throws Exception {
        Path dir = Files.createDirectories(work.resolve("reading"));
        var settings = BenchConfig.settings(dir, List.of());
        try (Newsvault nv = Newsvault.open(settings)) {
            long t0 = System.nanoTime();
            long kept = ArchivePrefill.count(nv.db, BenchConfig.ARCHIVE_OUTLET);
            double prefill = 0;
            if (kept == size) {
                // A --work directory of an earlier run: the prefill of a million articles takes longer than the rest.
                out.printf(Locale.ROOT, "reading: %,d articles kept from an earlier run in %s%n", size, dir);
            } else if (kept == 0) {
                ArchivePrefill.fill(nv.db, BenchConfig.ARCHIVE_OUTLET, size, corpus);
                prefill = seconds(t0);
                out.printf(Locale.ROOT, "reading: %,d articles prefilled in %.1f s%n", size, prefill);
            } else {
                throw new IllegalArgumentException(dir + " holds an archive of " + kept + " articles, not " + size
                    + ": give an empty --work directory or --archive-size " + kept);
            }

            Path root = settings.searchIndex();
            double perSecond;
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(Clock.systemUTC()))) {
                long t1 = System.nanoTime();
                long n = IndexFollower.rebuild(index, new IndexFeed(nv.db), x -> { });
                perSecond = n / seconds(t1);
                out.printf(Locale.ROOT, "reading: index built, %,d articles at %,.0f articles/s%n", n, perSecond);
            }
            double mbPer1000 = bytes(root) / 1e6 / (size / 1000.0);
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(Clock.systemUTC()))) {
                List<String> queries = queries(corpus, requests, new Random(42));
                for (int i = 0; i < Math.min(50, queries.size()); i++) index.search(SearchQuery.of(queries.get(i))); // warm-up
                double[] search = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long t = System.nanoTime();
                    index.search(SearchQuery.of(queries.get(i)));
                    search[i] = millis(t);
                }
                double[][] pages = pages(nv, settings, index, size, requests);
                IndexFloor.Rates floor = IndexFloor.measure(dir, corpus, (int) Math.min(size, FLOOR_DOCUMENTS));
                return new Result(size, prefill, perSecond, mbPer1000, search, pages[0], pages[1], floor);
            }
        }
    }

    /** Article pages at random ids and the home page, over HTTP on loopback, after a warm-up. */
    private static double[][] pages(Newsvault nv, org.newsvault.config.Settings settings, SearchIndex index, long size,
                                    int requests) throws IOException, InterruptedException {
        var status = (java.util.function.Supplier<StatusSnapshot>) () ->
            StatusSnapshot.of(settings, nv.feeds.all(), Instant.now(), false, f -> Optional.empty());
        try (HttpEndpoints http = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0), ReadingRoom.site(nv, status,
            inner -> HttpEndpoints.handler(null, null, () -> "{}", inner), "127.0.0.1:0", index::search))) {
            String base = "http://127.0.0.1:" + http.address().getPort();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Random r = new Random(7);
            for (int i = 0; i < 50; i++) get(client, base + "/article/" + (1 + r.nextInt((int) Math.min(size, Integer.MAX_VALUE))));
            double[] article = new double[requests];
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                get(client, base + "/article/" + (1 + r.nextInt((int) Math.min(size, Integer.MAX_VALUE))));
                article[i] = millis(t);
            }
            int homes = Math.max(20, requests / 5);
            double[] home = new double[homes];
            for (int i = 0; i < homes; i++) {
                long t = System.nanoTime();
                get(client, base + "/");
                home[i] = millis(t);
            }
            return new double[][] {article, home};
        }
    }

    private static void get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException(url + ": HTTP " + r.statusCode());
    }

    /** Two to four characters of CJK from random corpus titles; every fifth in Traditional where the title allows. */
    static List<String> queries(Corpus corpus, int n, Random r) {
        String[][] traditional = {{"习近平", "習近平"}, {"香港", "香港"}, {"国安法", "國安法"}, {"台湾", "臺灣"}, {"经济", "經濟"},
            {"选举", "選舉"}, {"中国", "中國"}, {"美国", "美國"}, {"记者", "記者"}, {"新闻", "新聞"}};
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            if (out.size() % 5 == 4) {
                out.add(traditional[r.nextInt(traditional.length)][1]);
                continue;
            }
            String t = corpus.story(r.nextInt(corpus.size())).title();
            int[] cjk = t.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).toArray();
            if (cjk.length < 4) continue;
            int len = 2 + r.nextInt(3);
            int from = r.nextInt(cjk.length - len + 1);
            out.add(new String(cjk, from, len));
        }
        return out;
    }

    public static void print(Result r, PrintStream out) {
        double[] s = percentiles(r.searchMs()), a = percentiles(r.articleMs()), h = percentiles(r.homeMs());
        out.printf(Locale.ROOT, "reading room, %,d articles (real bodies), one run:%n", r.articles());
        out.printf(Locale.ROOT, "  index build      %,8.0f articles/s   target >= %,.0f   %s (%.2fx)%n", r.indexPerSecond(),
            INDEX_PER_SECOND, r.indexPerSecond() >= INDEX_PER_SECOND ? "met" : "MISSED", r.indexPerSecond() / INDEX_PER_SECOND);
        IndexFloor.Rates f = r.floor();
        out.printf(Locale.ROOT, "    in memory, %,d documents side by side: ours %,.0f/s, bare Lucene CJK bigrams %,.0f/s (ours %.2fx of bare)%n",
            f.documents(), f.oursPerSecond(), f.barePerSecond(), f.oursPerSecond() / f.barePerSecond());
        out.printf(Locale.ROOT, "  index size       %8.1f MB per 1,000 articles%n", r.indexMbPer1000());
        out.printf(Locale.ROOT, "  search           p50 %6.1f ms  p95 %6.1f ms   target p95 <= %.0f ms   %s%n", s[0], s[1],
            SEARCH_P95_MS, s[1] <= SEARCH_P95_MS ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  article page     p50 %6.1f ms  p95 %6.1f ms   target p95 <= %.0f ms   %s%n", a[0], a[1],
            ARTICLE_P95_MS, a[1] <= ARTICLE_P95_MS ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  home page        p50 %6.1f ms  p95 %6.1f ms%n", h[0], h[1]);
    }

    public static double[] percentiles(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new double[] {at(sorted, 0.50), at(sorted, 0.95)};
    }

    private static double at(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
