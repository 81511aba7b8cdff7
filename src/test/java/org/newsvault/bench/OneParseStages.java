package org.newsvault.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.newsvault.article.ArticleReader;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.extract.FullText;
import org.newsvault.fetch.Charsets;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.HtmlSanitizer;

/**
 * Benchmark harness (test sources, run by hand): the CPU time of one article's HTML work, read on one tree
 * ({@link ArticleReader}) against the markup path it replaced (extract, serialize, sanitize parsing again, hash
 * parsing again; for a feed body: teaser check, sanitize, hash, three parses), on the bench outlet's pages and
 * full-text bodies, one thread, in alternating rounds so both sides see the same machine. Thread CPU time, not
 * wall time: on a shared machine it is what moves least.
 *
 * <pre>
 * mvn -q -o test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.newsvault.bench.OneParseStages [ROUNDS] [PAGES]
 * </pre>
 */
public final class OneParseStages {
    private static final String BASE = "http://127.0.0.1:1";
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private OneParseStages() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Corpus corpus = Files.isDirectory(Corpus.DEFAULT_DIR) ? Corpus.load(Corpus.DEFAULT_DIR) : Corpus.bundled();
        SyntheticOutlet outlet = new SyntheticOutlet(corpus, 1, Math.min(n, corpus.size()));
        List<URI> urls = new ArrayList<>();
        List<byte[]> pages = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < outlet.items; i++) {
            var t = new SyntheticOutlet.Target("b", SyntheticOutlet.Kind.TEASER, 0, i);
            urls.add(URI.create(BASE + SyntheticOutlet.pagePath("b", t.kind(), 0, i)));
            pages.add(outlet.page(BASE, t).getBytes(StandardCharsets.UTF_8));
            bodies.add(outlet.body(new SyntheticOutlet.Target("b", SyntheticOutlet.Kind.FULL, 0, i)));
        }
        ArticleExtractor extractor = new ArticleExtractor();
        HtmlSanitizer sanitizer = new HtmlSanitizer(false);
        ArticleReader reader = new ArticleReader(extractor, sanitizer, new HtmlSanitizer(true));
        String type = "text/html; charset=utf-8";

        List<String> names = List.of("bare parse (decode + Jsoup.parse)", "page by markup (4 parses: extract, sanitize, hash)",
            "page on one tree (ArticleReader.page)", "feed body by markup (3 parses: teaser, sanitize, hash)",
            "feed body on one tree (ArticleReader.feedBody + feed)");
        List<Consumer<Integer>> work = List.of(
            i -> Jsoup.parse(Charsets.decodeHtml(pages.get(i), type), urls.get(i).toString()),
            i -> {
                WorkBudget b = WorkBudget.standard();
                Extracted e = extractor.extract(Charsets.decodeHtml(pages.get(i), type), urls.get(i), ExtractRules.GENERIC, b);
                ContentHash.ofHtml(sanitizer.sanitize(e.found() ? e.bodyHtml() : "<p>-</p>", urls.get(i), b));
            },
            i -> reader.page(pages.get(i), type, urls.get(i), ExtractRules.GENERIC, false, ArticleReader.Extras.NONE,
                WorkBudget.standard()),
            i -> {
                WorkBudget b = WorkBudget.standard();
                FullText.isTeaser(Jsoup.parseBodyFragment(bodies.get(i)).body()); // the teaser check as it was
                ContentHash.ofHtml(sanitizer.sanitize(bodies.get(i), urls.get(i), b));
            },
            i -> {
                WorkBudget b = WorkBudget.standard();
                reader.feed(reader.feedBody(bodies.get(i), urls.get(i), b), urls.get(i), List.of(), false, b);
            });
        double[][] ms = new double[names.size()][rounds];
        for (int warm = 0; warm < 3; warm++) for (Consumer<Integer> w : work) run(w, pages.size());
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < work.size(); k++) ms[k][r] = run(work.get(k), pages.size()) / 1e6 / pages.size();
        }
        long p0 = HtmlTrees.parses();
        work.get(2).accept(0);
        long pagesParses = HtmlTrees.parses() - p0;
        p0 = HtmlTrees.parses();
        work.get(4).accept(0);
        long feedParses = HtmlTrees.parses() - p0;
        System.out.printf(Locale.ROOT, "%d pages (%d KB avg), %d rounds, median CPU ms per article, one thread%n",
            pages.size(), pages.stream().mapToInt(p -> p.length).sum() / pages.size() / 1024, rounds);
        for (int k = 0; k < names.size(); k++) {
            System.out.printf(Locale.ROOT, "  %-56s %7.3f%n", names.get(k), median(ms[k]));
        }
        System.out.printf(Locale.ROOT, "parses per article on one tree: page %d, feed body %d%n", pagesParses, feedParses);
    }

    private static long run(Consumer<Integer> w, int n) {
        long t = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) w.accept(i);
        return CPU.getCurrentThreadCpuTime() - t;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

}
