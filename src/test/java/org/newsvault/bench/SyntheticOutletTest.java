package org.newsvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.FullText;
import org.newsvault.model.ContentHash;
import org.newsvault.sanitize.HtmlSanitizer;

/**
 * Every synthetic item must survive the real pipeline as a distinct story: the extractor finds the body
 * of the page with its unique marker, and full-text bodies are not mistaken for teasers.
 */
class SyntheticOutletTest {
    static final String BASE = "http://127.0.0.1:1";

    @Test
    void bundledStoriesStayDistinctThroughExtractionAndSanitizing() {
        assertThat(distinctShare(Corpus.bundled())).isEqualTo(1.0);
    }

    @Test
    @Tag("corpus")
    void sharedCorpusStoriesStayDistinct() {
        // -Dbench.corpus=DIR points elsewhere (e.g. from a worktree, where ../shared is not beside the repo)
        Path dir = Path.of(System.getProperty("bench.corpus", Corpus.DEFAULT_DIR.toString()));
        Assumptions.assumeTrue(Files.isDirectory(dir), "no " + dir);
        assertThat(distinctShare(Corpus.load(dir))).isGreaterThanOrEqualTo(0.99);
    }

    /** Share of the corpus's stories whose page, extracted and sanitized, keeps the marker and a unique hash. */
    static double distinctShare(Corpus corpus) {
        var outlet = new SyntheticOutlet(corpus, 1, corpus.size());
        var extractor = new ArticleExtractor();
        var sanitizer = new HtmlSanitizer(false);
        Set<String> hashes = new HashSet<>();
        int kept = 0;
        for (int i = 0; i < corpus.size(); i++) {
            var t = new SyntheticOutlet.Target("t", SyntheticOutlet.Kind.TEASER, 0, i);
            URI url = URI.create(BASE + SyntheticOutlet.pagePath("t", t.kind(), 0, i));
            var e = extractor.extract(outlet.page(BASE, t), url, ExtractRules.GENERIC);
            String clean = e.found() ? sanitizer.sanitize(e.bodyHtml(), url) : "";
            boolean full = !FullText.isTeaser(outlet.body(new SyntheticOutlet.Target("t", SyntheticOutlet.Kind.FULL, 0, i)));
            if (clean.contains("稿件编号 t-teaser-0-" + i + "）") && hashes.add(ContentHash.ofHtml(clean)) && full) kept++;
        }
        return (double) kept / corpus.size();
    }
}
