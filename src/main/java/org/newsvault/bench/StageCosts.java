package org.newsvault.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.newsvault.Newsvault;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.fetch.Charsets;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.model.Urls;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.ArticleWriter;
import org.newsvault.render.Variant;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;

/**
 * Where an article's time goes: each stage of the page pipeline timed on one thread over the same
 * pages, using the real stage classes and the open store. Not a substitute for a profiler, but it names
 * the hot stage with a number, and anyone can run it.
 */
final class StageCosts {
    /** Articles per feed in the bench: what the per-feed costs (directory force, marks) are shared by. */
    private static final int FEED = 50;

    private StageCosts() {}

    static List<BenchResult.StageCost> measure(Newsvault nv, List<ParseCeiling.SamplePage> pages, Path scratch)
        throws IOException {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (String s : List.of("decode + jsoup parse (bare)", "extract (ArticleExtractor)", "sanitize (HtmlSanitizer)",
            "content hash (ContentHash.ofHtml)", "render (ArticleFiles + ArticleWriter)", "gzip original (in memory)",
            "keep original (OriginalStore.save)", "write article file (temp, rename, forced per feed)",
            "store row (dedupe + insert, grouped commit; marks per feed)")) {
            nanos.put(s, 0L);
        }
        var extractor = new ArticleExtractor();
        var sanitizer = new HtmlSanitizer(false);
        Files.createDirectories(scratch);
        int n = 0;
        List<ArticleRepository.WrittenFile> marks = new ArrayList<>();
        for (ParseCeiling.SamplePage p : pages) {
            long t = System.nanoTime();
            String html = Charsets.decodeHtml(p.body(), "text/html; charset=utf-8");
            Jsoup.parse(html, p.url().toString());
            t = lap(nanos, "decode + jsoup parse (bare)", t);
            Extracted e = extractor.extract(html, p.url(), ExtractRules.GENERIC);
            t = lap(nanos, "extract (ArticleExtractor)", t);
            String clean = sanitizer.sanitize(e.found() ? e.bodyHtml() : "<p>-</p>", p.url());
            t = lap(nanos, "sanitize (HtmlSanitizer)", t);
            String hash = ContentHash.ofHtml(clean);
            t = lap(nanos, "content hash (ContentHash.ofHtml)", t);
            Instant now = Instant.now();
            ArticleFile file = ArticleFiles.create(Variant.JEKYLL, "标题 " + n, p.url().toString(), "基准", "基准新闻网",
                now, now, clean);
            ArticleWriter.render(file);
            t = lap(nanos, "render (ArticleFiles + ArticleWriter)", t);
            gzip(p.body());
            t = lap(nanos, "gzip original (in memory)", t);
            Original o = nv.originals.save(p.url().toString(), 200, List.of(), "text/html; charset=utf-8", p.body(), now, "page");
            t = lap(nanos, "keep original (OriginalStore.save)", t);
            // As ArticleArchiver does it: the file is forced at once, its directory and the marks once per feed.
            Path written = ArticleWriter.writeUnforced(scratch.resolve("stage-" + n + ".md"), file);
            ArticleWriter.force(written);
            if ((n + 1) % FEED == 0) ArticleWriter.forceDirectory(written.getParent());
            t = lap(nanos, "write article file (temp, rename, forced per feed)", t);
            String canonical = Urls.canonical(p.url().resolve("stage-" + n + ".html").toString());
            var claim = nv.articles.claim(new ArticleRow(0, "archive", null, null, canonical, file.title(), "基准", now,
                now, hash, file, "archive/stage/" + n + ".md", false, o.id(), "poll", "live"), now);
            if (claim.error() != null) throw claim.error();
            marks.add(new ArticleRepository.WrittenFile(claim.id(), hash, file.title()));
            if ((n + 1) % FEED == 0) {
                nv.articles.markWritten(marks);
                marks.clear();
            }
            lap(nanos, "store row (dedupe + insert, grouped commit; marks per feed)", t);
            n++;
        }
        List<BenchResult.StageCost> out = new ArrayList<>();
        for (var e : nanos.entrySet()) out.add(new BenchResult.StageCost(e.getKey(), n == 0 ? 0 : e.getValue() / 1e6 / n));
        return out;
    }

    private static long lap(Map<String, Long> nanos, String stage, long since) {
        long now = System.nanoTime();
        nanos.merge(stage, now - since, Long::sum);
        return now;
    }

    private static void gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream gz = org.newsvault.archive.OriginalStore.compressing(out)) {
            gz.write(body);
        }
    }
}
