package org.newsvault.extract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Opt-in benchmark of the generic extractor, not a test: runs only with {@code -Dbench.extract=true}
 * (or through {@link #main}). Extracts every page of {@code ../shared/corpora/extraction} (and of the
 * folder in {@code -Dbench.extract.pages}, e.g. pages saved from {@code bench serve}) and prints
 * ms/article. With {@code -Dbench.extract.base=JAR} it loads that jar's extractor in its own class
 * loader and runs both side by side, interleaved round by round (the same machine moment), and counts
 * the pages whose output differs; the differing outputs go to {@code target/extract-diff/}.
 */
class ExtractSpeedBench {
    record Page(String name, String html, URI url) {}

    /** Title, author, published and body of one extraction, whichever class loader made it. */
    record Output(String title, String author, String published, String body) {}

    interface Run {
        Output extract(Page p) throws Exception;
    }

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("bench.extract"), "opt-in: -Dbench.extract=true");
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        List<Page> corpus = corpusPages(Path.of("..", "shared", "corpora", "extraction"));
        String extra = System.getProperty("bench.extract.pages", "");
        List<Page> bench = extra.isEmpty() ? List.of() : pagesIn(Path.of(extra), "https://bench.example.cn/a/");
        int rounds = Integer.getInteger("bench.extract.rounds", 5);
        String baseJar = System.getProperty("bench.extract.base", "");
        ArticleExtractor current = new ArticleExtractor();
        Run mine = p -> {
            Extracted e = current.extract(p.html(), p.url(), ExtractRules.GENERIC);
            return new Output(e.title(), e.author(), Objects.toString(e.published(), null), e.bodyHtml());
        };
        Run base = baseJar.isEmpty() ? null : base(Path.of(baseJar));
        System.out.printf(Locale.ROOT, "pages: corpus %d, bench %d; rounds %d%n", corpus.size(), bench.size(), rounds);
        if (base != null) compare(corpus, bench, base, mine);
        if (Boolean.getBoolean("bench.extract.verifyText")) verifyTextIndex(corpus, bench);
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (var set : List.of(corpus, bench)) {
                if (set.isEmpty()) continue;
                String label = set == corpus ? "corpus" : "bench";
                // The bare parse, for scale: what every extraction pays before its own work.
                line.append(String.format(Locale.ROOT, "  %s parse %.3f", label,
                        msPerPage(set, p -> { Jsoup.parse(p.html(), p.url().toString()); return null; })));
                if (base != null) line.append(String.format(Locale.ROOT, "  %s base %.3f", label, msPerPage(set, base)));
                line.append(String.format(Locale.ROOT, "  %s new %.3f", label, msPerPage(set, mine)));
            }
            System.out.println(line.append("  (CPU ms/article)"));
        }
    }

    private static void compare(List<Page> corpus, List<Page> bench, Run base, Run mine) throws Exception {
        Path out = Path.of("target", "extract-diff");
        int changed = 0;
        int failed = 0;
        List<Page> all = new ArrayList<>(corpus);
        all.addAll(bench);
        for (Page p : all) {
            Output a = safely(base, p);
            Output b = safely(mine, p);
            if (a == null || b == null) {
                // A wall-clock work budget can run out on a loaded machine; then try once more.
                a = a == null ? safely(base, p) : a;
                b = b == null ? safely(mine, p) : b;
                if (a == null || b == null) {
                    failed++;
                    System.out.println("not compared (work budget ran out): " + p.name());
                    continue;
                }
            }
            if (a.equals(b)) continue;
            changed++;
            System.out.println("changed: " + p.name() + (Objects.equals(a.body(), b.body()) ? " (metadata)" : " (body)"));
            Files.createDirectories(out);
            String file = p.name().replaceAll("[^A-Za-z0-9._-]", "_");
            Files.writeString(out.resolve(file + ".base.html"), String.valueOf(a), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(file + ".new.html"), String.valueOf(b), StandardCharsets.UTF_8);
        }
        System.out.printf(Locale.ROOT, "outputs changed: %d of %d pages (%d not compared)%n", changed, all.size(), failed);
    }

    private static Output safely(Run run, Page p) {
        try {
            return run.extract(p);
        } catch (Exception e) {
            return null;
        }
    }

    /** {@link TextStats.TextIndex} against {@link Element#text()} on every element of every page. */
    private static void verifyTextIndex(List<Page> corpus, List<Page> bench) {
        long elements = 0;
        long wrong = 0;
        List<Page> all = new ArrayList<>(corpus);
        all.addAll(bench);
        for (Page p : all) {
            Document doc = Jsoup.parse(p.html(), p.url().toString());
            TextStats.TextIndex index = new TextStats.TextIndex(doc);
            for (Element e : doc.getAllElements()) {
                elements++;
                if (!index.text(e).equals(e.text())) {
                    if (wrong++ < 5) System.out.println("text index differs: " + p.name() + " " + e.cssSelector());
                }
            }
        }
        System.out.printf(Locale.ROOT, "text index: %d of %d elements differ%n", wrong, elements);
    }

    /** This thread's CPU time per page: on a shared, loaded machine wall time mostly measures the others. */
    private static double msPerPage(List<Page> pages, Run run) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t = threads.getCurrentThreadCpuTime();
        for (Page p : pages) safely(run, p);
        return (threads.getCurrentThreadCpuTime() - t) / 1e6 / pages.size();
    }

    /** The extractor of another build, in a class loader of its own (its jsoup, its classes). */
    private static Run base(Path jar) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> rulesClass = loader.loadClass("org.newsvault.extract.ExtractRules");
        Object generic = rulesClass.getField("GENERIC").get(null);
        Class<?> extractorClass = loader.loadClass("org.newsvault.extract.ArticleExtractor");
        Object extractor = extractorClass.getConstructor().newInstance();
        Method extract = extractorClass.getMethod("extract", String.class, URI.class, rulesClass);
        Class<?> result = loader.loadClass("org.newsvault.extract.Extracted");
        Method title = result.getMethod("title");
        Method author = result.getMethod("author");
        Method published = result.getMethod("published");
        Method body = result.getMethod("bodyHtml");
        return p -> {
            Object e = extract.invoke(extractor, p.html(), p.url(), generic);
            return new Output((String) title.invoke(e), (String) author.invoke(e),
                    Objects.toString(published.invoke(e), null), (String) body.invoke(e));
        };
    }

    private static List<Page> corpusPages(Path root) throws IOException {
        List<Page> pages = new ArrayList<>();
        Path readability = root.resolve("readability");
        if (Files.isDirectory(readability)) {
            try (Stream<Path> cases = Files.list(readability)) {
                for (Path c : cases.sorted().toList()) {
                    Path source = c.resolve("source.html");
                    if (Files.exists(source)) {
                        pages.add(new Page("readability/" + c.getFileName(), Files.readString(source),
                                URI.create("http://fakehost/test/page.html")));
                    }
                }
            }
        }
        Path newspaper = root.resolve("newspaper4k").resolve("html");
        if (Files.isDirectory(newspaper)) pages.addAll(pagesIn(newspaper, "https://example.com/"));
        Path gne = root.resolve("gne-chinese");
        if (Files.isDirectory(gne)) pages.addAll(pagesIn(gne, "https://news.example.cn/"));
        return pages;
    }

    private static List<Page> pagesIn(Path dir, String base) throws IOException {
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                String rel = dir.relativize(f).toString();
                pages.add(new Page(dir.getFileName() + "/" + rel, Files.readString(f, StandardCharsets.UTF_8),
                        URI.create(base + rel)));
            }
        }
        return pages;
    }
}
