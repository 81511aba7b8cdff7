package org.newsvault.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;

/**
 * The ceiling for the full pipeline: decoding and parsing the very pages the pipeline archived with
 * nothing else (no fetch, no extraction, no store), on as many threads as the pipeline's entry pool.
 * Any real pipeline parses each page at least once, so it cannot beat this.
 */
final class ParseCeiling {
    /** A generated article page as the outlet serves it. */
    record SamplePage(URI url, byte[] body) {}

    /** Pages cycled through: enough variety, bounded memory (at most ~30 MB). */
    static final int MAX_DISTINCT = 256;

    private ParseCeiling() {}

    /** The first {@code count} pages of the given feeds, round-robin over feeds, at most {@link #MAX_DISTINCT}. */
    static List<SamplePage> pages(SyntheticOutlet outlet, String base, String ns, SyntheticOutlet.Kind kind, int count) {
        List<SamplePage> out = new ArrayList<>();
        int n = Math.min(count, MAX_DISTINCT);
        for (int k = 0; k < n; k++) {
            var t = new SyntheticOutlet.Target(ns, kind, k % outlet.feeds, (k / outlet.feeds) % outlet.items);
            out.add(new SamplePage(URI.create(base + SyntheticOutlet.pagePath(ns, kind, t.feed(), t.item())),
                outlet.page(base, t).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Parses {@code count} pages (cycling through {@code pages}) on {@code threads} threads. */
    static BenchResult.Phase run(List<SamplePage> pages, long count, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-ceiling");
            t.setDaemon(true);
            return t;
        });
        try {
            long cpu0 = ResourceMeter.processCpuNanos();
            long t0 = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    long nodes = 0;
                    for (long i = worker; i < count; i += threads) {
                        SamplePage p = pages.get((int) (i % pages.size()));
                        nodes += Jsoup.parse(new String(p.body(), StandardCharsets.UTF_8), p.url().toString()).getAllElements().size();
                    }
                    return nodes;
                }));
            }
            long bytes = 0;
            for (Future<Long> f : parts) f.get();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (ResourceMeter.processCpuNanos() - cpu0) / 1e9;
            for (long i = 0; i < count; i++) bytes += pages.get((int) (i % pages.size())).body().length;
            return new BenchResult.Phase("bare jsoup parse (ceiling)", count, 0, wall, cpu, 0, count / wall, 0, bytes, 0);
        } catch (Exception e) {
            throw new IllegalStateException("ceiling parse failed: " + e, e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
