package org.newsvault.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.newsvault.model.ContentHash;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;

/**
 * Measures how big {@code newsvault.mv.db} gets while articles are archived the way a poll archives them
 * (the real {@link ArticleRepository#claimAll} group commits from 8 threads, a few rows each, the previous
 * batch's "file written" marks riding along), against its size after {@code SHUTDOWN COMPACT}.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.newsvault.store.StorageGrowth DIR [ARTICLES] [BODY_CHARS] [MIN_GROWTH_AT_CLOSE] [COMPACT_EVERY_MS]
 * </pre>
 *
 * Prints the peak and final file size while writing, and the size once compacted. With {@code COMPACT_EVERY_MS}
 * above 0, a thread calls {@link Database#compactIfGrown()} that often while the rows are written, as the
 * daemon does.
 */
public final class StorageGrowth {
    private StorageGrowth() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int bodyChars = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
        Result r = run(dir, articles, bodyChars, 8, 4, args.length > 3 ? Long.parseLong(args[3]) : Database.MIN_GROWTH_BYTES,
            args.length > 4 ? Long.parseLong(args[4]) : 0);
        System.out.println(r);
    }

    public record Result(int articles, long peakBytes, long endBytes, long closedBytes, long compactedBytes, long millis,
                         int onlineCompactions) {
        double peakRatio() {
            return (double) peakBytes / compactedBytes;
        }

        @Override
        public String toString() {
            return String.format("%,d articles in %,d ms: peak %,d bytes, at end %,d, after close %,d, compacted %,d"
                    + " (peak %.1fx compacted), %d online compactions", articles, millis, peakBytes, endBytes, closedBytes,
                compactedBytes, peakRatio(), onlineCompactions);
        }
    }

    /** Archives {@code articles} rows into a fresh database under {@code dir} and reports the file sizes. */
    public static Result run(Path dir, int articles, int bodyChars, int threads, int perCommit, long minGrowthBytes)
            throws Exception {
        return run(dir, articles, bodyChars, threads, perCommit, minGrowthBytes, 0);
    }

    /** {@link #run}, with {@link Database#compactIfGrown()} called every {@code compactEveryMillis} (when above 0). */
    public static Result run(Path dir, int articles, int bodyChars, int threads, int perCommit, long minGrowthBytes,
            long compactEveryMillis) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(Database.NAME + ".mv.db");
        AtomicLong peak = new AtomicLong();
        long start = System.nanoTime();
        long end;
        AtomicInteger compactions = new AtomicInteger();
        try (Database db = Database.open(dir, minGrowthBytes)) {
            var compactor = java.util.concurrent.Executors.newScheduledThreadPool(2); // sampling goes on during a compaction
            Runnable sample = () -> peak.accumulateAndGet(size(file), Math::max);
            compactor.scheduleAtFixedRate(sample, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (compactEveryMillis > 0) {
                compactor.scheduleWithFixedDelay(() -> {
                    sample.run();
                    if (db.compactIfGrown().isPresent()) compactions.incrementAndGet();
                }, compactEveryMillis, compactEveryMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    List<ArticleRepository.WrittenFile> written = new ArrayList<>();
                    int i;
                    while ((i = next.getAndAdd(perCommit)) < articles) {
                        List<ArticleRow> rows = new ArrayList<>();
                        for (int k = i; k < Math.min(articles, i + perCommit); k++) rows.add(row(k, bodyChars));
                        List<ArticleRepository.Claim> claims = repo.claimAll(rows, Instant.now(), written);
                        written = new ArrayList<>();
                        for (int k = 0; k < claims.size(); k++) {
                            written.add(ArticleRepository.WrittenFile.of(claims.get(k).id(), rows.get(k)));
                        }
                        peak.accumulateAndGet(size(file), Math::max);
                    }
                    if (!written.isEmpty()) repo.markWritten(written);
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
            pool.shutdown();
            compactor.shutdown();
            compactor.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            end = size(file);
            peak.accumulateAndGet(end, Math::max);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long closed = size(file);
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve(Database.NAME),
                "newsvault", ""); var st = c.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        }
        return new Result(articles, peak.get(), end, closed, size(file), millis, compactions.get());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Text that compresses about as badly as real prose does under LZF: CJK characters drawn at random. */
    static ArticleRow row(int i, int bodyChars) {
        java.util.Random random = new java.util.Random(i);
        StringBuilder body = new StringBuilder("<div>\n<p>");
        while (body.length() < bodyChars) {
            body.append((char) (0x4e00 + random.nextInt(3000)));
            if (random.nextInt(60) == 0) body.append("。</p>\n<p>");
        }
        body.append("</p>\n</div>");
        String url = "https://growth.example/" + i;
        String hash = ContentHash.sha256Hex(body.toString());
        ArticleFile f = new ArticleFile(Variant.JEKYLL, "layout: post\ntitle: \"标题 " + i + "\"", "1718885824000", "标题 " + i,
            url, body.toString());
        return new ArticleRow(0, "o", null, url, url, "标题 " + i, "作者", Instant.ofEpochMilli(1718885824000L),
            Instant.now(), hash, f, "o/2024/2024-06-20-" + String.format("%010x", i) + ".md", false, null, "poll", "live");
    }
}
