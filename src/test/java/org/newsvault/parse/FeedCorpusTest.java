package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every feed of the shared corpora (feedparser, ROME, feed-rs, rss-parser, W3C feedvalidator) through
 * the parser, each within {@link #LIMIT_SECONDS}: nothing but {@link ParseException} may be thrown and
 * nothing may hang. JSON Feeds (feedparser {@code json/}, feed-rs {@code jsonfeed/}) are read like the
 * others. Where a suite states expected titles and links, agreement is counted and printed
 * (also to {@code target/corpus-feeds.txt}, disagreements to {@code target/corpus-feeds-details.txt}).
 */
@Tag("corpus")
class FeedCorpusTest {
    private static final long LIMIT_SECONDS = 5;
    private static final int DETAIL_LIMIT = 3000;

    private final RomeFeedParser parser = new RomeFeedParser();
    private final Map<String, Stats> stats = new TreeMap<>();
    private final List<String> details = new ArrayList<>();
    private ExecutorService executor = Executors.newSingleThreadExecutor();

    static final class Stats {
        int files, parsed, parseErrors, crashes, hangs, checks, notApplicable, agreed, wfChecks, wfAgreed;
        long maxMillis;
    }

    @Test
    void corpusFeedsNeverCrashOrHang() throws Exception {
        Path feeds = corpus();
        Assumptions.assumeTrue(feeds != null, "shared/corpora/feeds not found");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(feeds)) {
            files = walk.filter(Files::isRegularFile).filter(FeedCorpusTest::isInput).sorted().toList();
        }
        for (Path file : files) run(feeds, file);
        executor.shutdownNow();

        String table = table();
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-feeds.txt"), table, StandardCharsets.UTF_8);
        Files.write(Path.of("target", "corpus-feeds-details.txt"), details, StandardCharsets.UTF_8);

        Stats total = stats.values().stream().reduce(new Stats(), FeedCorpusTest::add);
        assertThat(total.files).isGreaterThan(1000);
        assertThat(details.stream().filter(d -> d.startsWith("CRASH") || d.startsWith("HANG")))
                .as("crashes and hangs").isEmpty();
        for (String json : List.of("feedparser/json", "feed-rs/jsonfeed")) {
            Stats s = stats.get(json);
            assertThat(s).as(json).isNotNull();
            assertThat(s.parsed).as(json + ": every JSON Feed read").isEqualTo(s.files);
            assertThat(s.checks).as(json + ": values stated").isPositive();
            assertThat(s.agreed).as(json + ": every stated value agrees").isEqualTo(s.checks);
        }
    }

    private void run(Path feeds, Path file) throws IOException {
        Path rel = feeds.relativize(file);
        String suite = suite(rel);
        Stats s = stats.computeIfAbsent(suite, k -> new Stats());
        s.files++;
        byte[] body = Files.readAllBytes(file);
        String contentType = null;
        URI url = URI.create("http://127.0.0.1:8097/tests/" + rel.toString().replace('\\', '/'));
        List<CorpusExpectations.Check> checks = List.of();
        boolean wellFormed = true;
        String top = rel.getName(0).toString();
        if (top.equals("feedparser")) {
            var fp = CorpusExpectations.feedparser(body, rel.toString().contains("illformed"));
            contentType = fp.contentType();
            if (fp.contentLocation() != null && Urls.resolve(url.toString(), fp.contentLocation()) != null) {
                url = URI.create(Urls.resolve(url.toString(), fp.contentLocation()));
            }
            wellFormed = fp.wellFormed();
            // sanitize/ cases expect sanitised HTML: the sanitize stage's business, not the parser's.
            if (!rel.toString().contains("sanitize")) checks = fp.checks();
        } else if (top.equals("rome")) {
            checks = CorpusExpectations.rome(body);
        } else if (top.equals("feed-rs")) {
            Path serde = sibling(file, ".serde.json");
            if (Files.exists(serde)) checks = CorpusExpectations.feedRs(serde);
        } else if (top.equals("rss-parser")) {
            Path out = file.getParent().resolveSibling("output").resolve(baseName(file) + ".json");
            if (Files.exists(out)) checks = CorpusExpectations.rssParser(out);
        }

        ParsedFeed feed = null;
        final String ct = contentType;
        final URI feedUrl = url;
        long start = System.nanoTime();
        Future<ParsedFeed> f = executor.submit(() -> parser.parse(body, ct, feedUrl));
        try {
            feed = f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            s.parsed++;
        } catch (TimeoutException e) {
            s.hangs++;
            details.add("HANG " + rel);
            f.cancel(true);
            executor.shutdownNow();
            executor = Executors.newSingleThreadExecutor();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ParseException pe) {
                s.parseErrors++;
                detail("PARSE-EXCEPTION " + rel + ": " + pe.getMessage());
            } else {
                s.crashes++;
                details.add("CRASH " + rel + ": " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            s.maxMillis = Math.max(s.maxMillis, (System.nanoTime() - start) / 1_000_000);
        }
        for (CorpusExpectations.Check check : checks) {
            CorpusExpectations.Outcome outcome = check.evaluate(feed, feedUrl.toString());
            if (outcome == CorpusExpectations.Outcome.NOT_APPLICABLE) {
                s.notApplicable++;
                continue;
            }
            s.checks++;
            boolean ok = outcome == CorpusExpectations.Outcome.AGREE;
            if (ok) s.agreed++;
            if (wellFormed) {
                s.wfChecks++;
                if (ok) s.wfAgreed++;
            }
            if (!ok) detail("DISAGREE " + rel + ": " + check + " but got '" + (feed == null ? "(no feed)" : check.actual(feed)) + "'");
        }
    }

    private void detail(String line) {
        if (details.size() < DETAIL_LIMIT) details.add(line);
    }

    private String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-22s %6s %6s %6s %6s %5s %7s %5s %7s %7s %9s %7s%n", "suite", "files", "parsed",
                "PE", "crash", "hang", "checks", "n/a", "agreed", "agree%", "wf-agree%", "max-ms"));
        Stats total = new Stats();
        for (Map.Entry<String, Stats> e : stats.entrySet()) {
            row(b, e.getKey(), e.getValue());
            add(total, e.getValue());
        }
        row(b, "TOTAL", total);
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Stats s) {
        b.append(String.format("%-22s %6d %6d %6d %6d %5d %7d %5d %7d %7s %9s %7d%n", name, s.files, s.parsed,
                s.parseErrors, s.crashes, s.hangs, s.checks, s.notApplicable, s.agreed, pct(s.agreed, s.checks),
                pct(s.wfAgreed, s.wfChecks), s.maxMillis));
    }

    private static String pct(int n, int d) {
        return d == 0 ? "-" : String.format("%.1f", 100.0 * n / d);
    }

    private static Stats add(Stats a, Stats b) {
        a.files += b.files;
        a.parsed += b.parsed;
        a.parseErrors += b.parseErrors;
        a.crashes += b.crashes;
        a.hangs += b.hangs;
        a.checks += b.checks;
        a.notApplicable += b.notApplicable;
        a.agreed += b.agreed;
        a.wfChecks += b.wfChecks;
        a.wfAgreed += b.wfAgreed;
        a.maxMillis = Math.max(a.maxMillis, b.maxMillis);
        return a;
    }

    private static String suite(Path rel) {
        String top = rel.getName(0).toString();
        if (top.equals("feed-rs") && rel.getName(1).toString().equals("jsonfeed")) return "feed-rs/jsonfeed";
        return top.equals("feedparser") && rel.getNameCount() > 2 ? top + "/" + rel.getName(1) : top;
    }

    /** Feed files only: no licences, no expected-output files. */
    static boolean isInput(Path p) {
        String name = p.getFileName().toString();
        if (!name.contains(".") || name.endsWith(".serde.json") || name.endsWith(".output")) return false;
        return !p.toString().contains("rss-parser/output/");
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(baseName(file) + suffix);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** {@code ../shared/corpora/feeds} from the repository root; worktrees sit one level deeper. */
    static Path corpus() {
        String prop = System.getProperty("newsvault.corpora");
        if (prop != null) return Path.of(prop, "feeds");
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpora").resolve("feeds");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }
}
