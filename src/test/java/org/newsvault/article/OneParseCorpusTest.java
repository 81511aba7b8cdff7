package org.newsvault.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newsvault.article.ArticleReader.Article;
import org.newsvault.article.ArticleReader.Extras;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.HtmlSanitizer;

/**
 * Reading on the one tree archives what the markup path archived (extract → serialize → sanitize, parsing again
 * → hash, parsing again), byte for byte and with the same content hash, so articles archived before keep deduping
 * against new ones. Over every page of the extraction corpora and every body of the outlet corpus and the seeds
 * (bodies as a feed gives them). The seeds are also checked in the default suite ({@link OneParseSeedsTest}).
 */
@Tag("corpus")
class OneParseCorpusTest {
    static final URI BASE = URI.create("https://news.example.com/a/page.html");

    @Test
    void pagesArchiveWhatTheMarkupPathArchived() throws IOException {
        Path root = corpora().resolve("extraction");
        assumeTrue(Files.isDirectory(root), "corpus folder absent: " + root.toAbsolutePath());
        List<Path> pages;
        try (Stream<Path> s = Files.walk(root)) {
            pages = s.filter(p -> p.getFileName().toString().equals("source.html")
                || p.toString().endsWith(".html") && !p.getFileName().toString().equals("expected.html")).sorted().toList();
        }
        ArticleExtractor extractor = new ArticleExtractor();
        HtmlSanitizer sanitizer = new HtmlSanitizer(false);
        ArticleReader reader = new ArticleReader(extractor, sanitizer, new HtmlSanitizer(true));
        List<String> differ = new ArrayList<>();
        int found = 0;
        int nested = 0;
        long parses = 0;
        for (Path p : pages) {
            String html = Files.readString(p, StandardCharsets.UTF_8);
            Extracted e = extractor.extract(html, BASE, ExtractRules.GENERIC, roomy());
            String old = e.found() ? sanitizer.sanitize(e.bodyHtml(), BASE, roomy()) : null;
            long before = HtmlTrees.parses();
            Article a = reader.page(html, BASE, ExtractRules.GENERIC, false, Extras.NONE, roomy());
            parses += HtmlTrees.parses() - before;
            if (old == null) {
                if (a.found()) differ.add(p + ": a body where the markup path found none");
                continue;
            }
            found++;
            if (!ContentHash.ofHtml(old).equals(a.contentHash())) differ.add(p + ": hash differs from the markup path's");
            if (!ContentHash.ofHtml(a.html()).equals(a.contentHash())) differ.add(p + ": the body's markup hashes otherwise");
            if (!old.equals(a.html())) {
                // The extractor's edits can nest elements as no parser would (a heading inside a <p>, a <tr> with no
                // table); the tree keeps that nesting, and a parser reading the markup splits it as before.
                nested++;
                if (!old.equals(compact(a.html()))) differ.add(p + ": body differs" + where(old, a.html()));
            }
        }
        System.out.printf("one parse: %d corpus pages (%d with a body), %d parses, %d bodies nested as no parser"
            + " would (the same once parsed), %d differences%n", pages.size(), found, parses, nested, differ.size());
        assertThat(pages).hasSizeGreaterThan(100);
        assertThat(parses).isEqualTo(pages.size());
        assertThat(differ).isEmpty();
    }

    /** Markup as a parser reads it, serialized as the sanitizer serializes. */
    private static String compact(String html) {
        Document d = HtmlTrees.parseFragment(html, "", roomy());
        d.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset(StandardCharsets.UTF_8);
        return d.body().html();
    }

    @Test
    void outletBodiesHashAsBefore() throws IOException {
        Path dir = corpora().resolve("outlets");
        assumeTrue(Files.isDirectory(dir), "corpus folder absent: " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(OneParseSeedsTest.feedBodiesDiffer(files)).isEmpty();
        assertThat(files).hasSizeGreaterThan(1000);
    }

    private static String where(String a, String b) {
        if (a == null || b == null) return "";
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        return " at " + i + ": [" + a.substring(Math.max(0, i - 80), Math.min(a.length(), i + 80)) + "] vs ["
            + b.substring(Math.max(0, i - 80), Math.min(b.length(), i + 80)) + "]";
    }

    /** The standard caps with time to spare: a busy machine must not make a corpus page fail its deadline. */
    static WorkBudget roomy() {
        return new WorkBudget(Duration.ofMinutes(2), WorkBudget.DEFAULT_MAX_ELEMENTS, WorkBudget.DEFAULT_MAX_DEPTH,
            System::nanoTime);
    }

    /** {@code ../shared/corpora}, or {@code ../../shared/corpora} from a worktree; {@code -Dnewsvault.corpora} overrides. */
    static Path corpora() {
        String override = System.getProperty("newsvault.corpora");
        if (override != null && !override.isBlank()) return Path.of(override);
        Path standard = Path.of("..", "shared", "corpora");
        Path worktree = Path.of("..", "..", "shared", "corpora");
        return !Files.isDirectory(standard) && Files.isDirectory(worktree) ? worktree : standard;
    }
}
