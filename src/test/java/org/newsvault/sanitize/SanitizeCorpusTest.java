package org.newsvault.sanitize;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: every HTML field of feedparser's {@code wellformed/sanitize/} cases goes through the
 * sanitizer; nothing executable may survive. Also counts how often the visible text agrees with
 * feedparser's own expected output (informational: the two sanitizers differ on what text to keep).
 */
@Tag("corpus")
class SanitizeCorpusTest {
    private static final Pattern EXPECT = Pattern.compile("Expect:.*==\\s*u?'((?:[^'\\\\]|\\\\.)*)'\\s*$", Pattern.MULTILINE);
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @Test
    void nothingExecutableSurvives() throws IOException {
        Path dir = corpora().resolve("feeds/feedparser/wellformed/sanitize");
        assumeTrue(Files.isDirectory(dir), "corpus folder absent: " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int fields = 0;
        int unsafeInputs = 0;
        int comparable = 0;
        int textAgrees = 0;
        List<String> failures = new ArrayList<>();
        List<String> differs = new ArrayList<>();
        for (Path file : files) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            String expected = expectedValue(xml);
            for (String html : FeedContents.htmlFields(xml)) {
                fields++;
                if (!UnsafeMarkup.findings(html).isEmpty()) unsafeInputs++;
                String out = sanitizer.sanitize(html, URI.create("http://example.com/feed.xml"));
                List<String> found = UnsafeMarkup.findings(out);
                if (!found.isEmpty()) failures.add(file.getFileName() + " " + found + " in " + out);
                String tree = TreeSanitizeTest.onTree(sanitizer, html, URI.create("http://example.com/feed.xml"));
                if (!tree.equals(out)) failures.add(file.getFileName() + " on the tree: " + tree + " not " + out);
                if (expected != null) {
                    comparable++;
                    if (text(out).equals(text(expected))) textAgrees++;
                    else differs.add(file.getFileName() + ": ours [" + text(out) + "] feedparser [" + text(expected) + "]");
                }
            }
        }
        String report = String.format(Locale.ROOT,
                "feedparser sanitize corpus: %d files, %d HTML fields, %d fields with executable markup in the input,"
                        + " %d with executable markup in the output%n"
                        + "visible text equal to feedparser's expected value: %d of %d comparable fields%n",
                files.size(), fields, unsafeInputs, failures.size(), textAgrees, comparable);
        System.out.print(report);
        Path out = Path.of("target", "corpus-sanitize.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + String.join("\n", failures) + "\ntext differences:\n"
                + String.join("\n", differs) + "\n", StandardCharsets.UTF_8);
        assertThat(fields).isGreaterThan(500);
        assertThat(failures).isEmpty();
    }

    @Test
    void realOutletBodiesKeepTheirTextAndLoseTheirScripts() throws IOException {
        Path dir = corpora().resolve("outlets");
        assumeTrue(Files.isDirectory(dir), "corpus folder absent: " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        HtmlSanitizer proxying = new HtmlSanitizer(true);
        int bodies = 0;
        int textKept = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String doc = Files.readString(file, StandardCharsets.UTF_8);
            int rule = doc.indexOf("\n------\n");
            if (rule < 0) continue;
            String body = doc.substring(rule + 8);
            bodies++;
            String out = proxying.sanitize(body, URI.create("https://www.example.com/article.html"));
            if (text(out).equals(text(body))) textKept++;
            List<String> found = UnsafeMarkup.findings(out);
            if (!found.isEmpty()) failures.add(file.getFileName() + " " + found);
        }
        String report = String.format(Locale.ROOT, "outlet bodies: %d sanitized, visible text unchanged in %d,"
                + " executable markup left in %d%n", bodies, textKept, failures.size());
        System.out.print(report);
        Path out = Path.of("target", "corpus-sanitize-outlets.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + String.join("\n", failures), StandardCharsets.UTF_8);
        assertThat(bodies).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    private static String text(String html) {
        return Jsoup.parseBodyFragment(html).text().replaceAll("\\s+", " ").trim();
    }

    /** The single string literal of an {@code Expect: ... == '...'} line, with Python escapes undone. */
    static String expectedValue(String xml) {
        Matcher m = EXPECT.matcher(xml);
        if (!m.find()) return null;
        return m.group(1).replace("\\n", "\n").replace("\\t", "\t").replace("\\'", "'").replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }

    static Path corpora() {
        String override = System.getProperty("newsvault.corpora");
        if (override != null && !override.isBlank()) return Path.of(override);
        Path standard = Path.of("..", "shared", "corpora");
        Path worktree = Path.of("..", "..", "shared", "corpora");
        return !Files.isDirectory(standard) && Files.isDirectory(worktree) ? worktree : standard;
    }
}
