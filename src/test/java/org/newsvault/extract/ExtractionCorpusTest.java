package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newsvault.sanitize.HtmlSanitizer;

/**
 * Opt-in measurement on the shared extraction corpora: every page goes through extract + sanitize;
 * the visible text is scored against the expected text (see {@link TextOverlap}). Prints a table,
 * writes {@code target/corpus-extraction.txt}, and fails only on crashes.
 */
@Tag("corpus")
class ExtractionCorpusTest {
    private static final Path ROOT = corpora().resolve("extraction");
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    record Page(String suite, String name, Path html, String expected, URI url) {}

    record Row(Page page, TextOverlap score, int extractedLength, String error) {}

    @Test
    void measuresExtractionOnCorpora() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "corpus folder absent: " + ROOT.toAbsolutePath());
        List<Page> pages = new ArrayList<>();
        pages.addAll(readability());
        pages.addAll(newspaper());
        pages.addAll(gne());
        String only = System.getProperty("corpus.only", "");
        List<Row> rows = new ArrayList<>();
        for (Page page : pages) {
            if (!only.isEmpty() && !(page.suite() + "/" + page.name()).contains(only)) continue;
            rows.add(run(page));
        }
        String report = report(rows);
        System.out.println(report);
        Path out = Path.of("target", "corpus-extraction.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        assertThat(rows.stream().filter(r -> r.error() != null).map(r -> r.page().name() + ": " + r.error()))
                .isEmpty();
    }

    private Row run(Page page) {
        try {
            String html = Files.readString(page.html(), StandardCharsets.UTF_8);
            Extracted e = extractor.extract(html, page.url(), ExtractRules.GENERIC);
            String clean = e.found() ? sanitizer.sanitize(e.bodyHtml(), page.url()) : "";
            String text = Jsoup.parseBodyFragment(clean).text();
            if (Boolean.getBoolean("corpus.dump")) dump(page, e, clean);
            TextOverlap score = page.expected() == null ? null : TextOverlap.of(text, page.expected());
            return new Row(page, score, TextStats.weightedLength(text), null);
        } catch (Exception | StackOverflowError ex) {
            return new Row(page, null, 0, ex.toString());
        }
    }

    /** With -Dcorpus.dump=true, keeps what was extracted under target/corpus-dump/ for reading. */
    private static void dump(Page page, Extracted e, String clean) throws IOException {
        Path out = Path.of("target", "corpus-dump", page.suite().replace(' ', '_'), page.name().replace('/', '_') + ".html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "<!-- title: " + e.title() + " | author: " + e.author() + " | published: "
                + e.published() + " -->\n" + clean, StandardCharsets.UTF_8);
    }

    private static List<Page> readability() throws IOException {
        Path dir = ROOT.resolve("readability");
        if (!Files.isDirectory(dir)) return List.of();
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> cases = Files.list(dir)) {
            for (Path c : cases.sorted().toList()) {
                Path source = c.resolve("source.html");
                Path expected = c.resolve("expected.html");
                if (!Files.exists(source) || !Files.exists(expected)) continue;
                String text = Jsoup.parse(Files.readString(expected, StandardCharsets.UTF_8)).text();
                pages.add(new Page("readability", c.getFileName().toString(), source, text,
                        URI.create("http://fakehost/test/page.html")));
            }
        }
        return pages;
    }

    private static List<Page> newspaper() throws IOException {
        Path dir = ROOT.resolve("newspaper4k");
        if (!Files.isDirectory(dir.resolve("html"))) return List.of();
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("html"))) {
            for (Path html : files.sorted().toList()) {
                String name = html.getFileName().toString().replaceFirst("\\.html?$", "");
                Path txt = dir.resolve("txt").resolve(name + ".txt");
                String expected = Files.exists(txt) ? Files.readString(txt, StandardCharsets.UTF_8) : null;
                pages.add(new Page(expected == null ? "newspaper4k (no expected)" : "newspaper4k", name, html,
                        expected, URI.create("https://example.com/" + name + ".html")));
            }
        }
        return pages;
    }

    /** The pages with a hand-made label (src/test/resources/extract/gne-chinese, see its README) are scored. */
    private static List<Page> gne() throws IOException {
        Path dir = ROOT.resolve("gne-chinese");
        if (!Files.isDirectory(dir)) return List.of();
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String name = dir.relativize(p).toString();
                Path label = GNE_LABELS.resolve(name.replaceFirst("\\.html$", "").replace('/', '-') + ".txt");
                String expected = Files.exists(label) ? Files.readString(label, StandardCharsets.UTF_8) : null;
                pages.add(new Page(expected == null ? "gne-chinese (no label)" : "gne-chinese labelled", name, p,
                        expected, URI.create("https://news.example.cn/" + name)));
            }
        }
        return pages;
    }

    static final Path GNE_LABELS = Path.of("src", "test", "resources", "extract", "gne-chinese");

    private static String report(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %5s %7s %7s %7s %7s %6s %6s%n",
                "suite", "pages", "P", "R", "F1", "F1>=.9", "empty", "crash"));
        for (String suite : rows.stream().map(r -> r.page().suite()).distinct().toList()) {
            List<Row> in = rows.stream().filter(r -> r.page().suite().equals(suite)).toList();
            List<TextOverlap> scored = in.stream().map(Row::score).filter(s -> s != null).toList();
            long empty = in.stream().filter(r -> r.error() == null && r.extractedLength() == 0).count();
            long crashes = in.stream().filter(r -> r.error() != null).count();
            sb.append(String.format(Locale.ROOT, "%-28s %5d %7s %7s %7s %7s %6d %6d%n", suite, in.size(),
                    avg(scored, TextOverlap::precision), avg(scored, TextOverlap::recall), avg(scored, TextOverlap::f1),
                    scored.isEmpty() ? "-" : String.valueOf(scored.stream().filter(s -> s.f1() >= 0.9).count()),
                    empty, crashes));
        }
        // Where to look first: the pages that pull each suite's mean down.
        sb.append(String.format(Locale.ROOT, "%nworst first, 15 per suite (suite/name  P  R  F1)%n"));
        for (String suite : rows.stream().map(r -> r.page().suite()).distinct().toList()) {
            rows.stream().filter(r -> r.page().suite().equals(suite) && r.score() != null)
                    .sorted(java.util.Comparator.comparingDouble(r -> r.score().f1())).limit(15)
                    .forEach(r -> sb.append(String.format(Locale.ROOT, "%-50s %.3f %.3f %.3f%n",
                            suite + "/" + r.page().name(), r.score().precision(), r.score().recall(), r.score().f1())));
        }
        sb.append(String.format(Locale.ROOT, "%nper page (suite/name  P  R  F1  weighted-length)%n"));
        for (Row r : rows) {
            TextOverlap s = r.score();
            sb.append(String.format(Locale.ROOT, "%-50s %s %s%n", r.page().suite() + "/" + r.page().name(),
                    s == null ? "-" : String.format(Locale.ROOT, "%.3f %.3f %.3f%s", s.precision(), s.recall(), s.f1(),
                            s.cjk() ? " cjk" : ""),
                    r.error() != null ? "CRASH " + r.error() : String.valueOf(r.extractedLength())));
        }
        return sb.toString();
    }

    private static String avg(List<TextOverlap> scores, java.util.function.ToDoubleFunction<TextOverlap> f) {
        return scores.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", scores.stream().mapToDouble(f).average().orElse(0));
    }

    /**
     * {@code ../shared/corpora} from the repository root; {@code -Dnewsvault.corpora=DIR} overrides it,
     * and a git worktree one level deeper ({@code wt/<name>}) finds it at {@code ../../shared/corpora}.
     */
    static Path corpora() {
        String override = System.getProperty("newsvault.corpora");
        if (override != null && !override.isBlank()) return Path.of(override);
        Path standard = Path.of("..", "shared", "corpora");
        Path worktree = Path.of("..", "..", "shared", "corpora");
        return !Files.isDirectory(standard) && Files.isDirectory(worktree) ? worktree : standard;
    }
}
