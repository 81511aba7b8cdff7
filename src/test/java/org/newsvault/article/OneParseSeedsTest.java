package org.newsvault.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.newsvault.article.ArticleReader.Article;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.ArticleFormatException;
import org.newsvault.sanitize.HtmlSanitizer;

/**
 * The seeds' bodies, read as a feed item's body on the one tree, are sanitized byte for byte as the markup path
 * sanitized them, and hash as before: both the hash of the archived body ({@link ContentHash#ofHtml}, what the
 * store holds for existing articles) and the hash of the body parsed once ({@link ContentHash#ofTree}) agree.
 */
class OneParseSeedsTest {
    @Test
    void seedBodiesHashAsBefore() throws IOException {
        Path seeds = Stream.of(Path.of("..", "shared", "seeds"), Path.of("..", "..", "shared", "seeds"))
            .filter(Files::isDirectory).findFirst().orElse(null);
        assumeTrue(seeds != null, "no ../shared/seeds");
        List<Path> files;
        try (Stream<Path> s = Files.list(seeds)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        assertThat(feedBodiesDiffer(files)).isEmpty();
    }

    /** The article files whose body reads differently on the tree than by markup (none, we claim). */
    static List<String> feedBodiesDiffer(List<Path> files) throws IOException {
        HtmlSanitizer sanitizer = new HtmlSanitizer(false);
        ArticleReader reader = new ArticleReader(new ArticleExtractor(), sanitizer, new HtmlSanitizer(true));
        List<String> differ = new ArrayList<>();
        int read = 0;
        for (Path p : files) {
            String body;
            try {
                body = ArticleFileReader.read(Files.readAllBytes(p)).bodyHtml();
            } catch (ArticleFormatException e) {
                continue;
            }
            read++;
            if (body.isBlank()) continue;
            // an archived body: its stored hash is of its markup; parsed once, the tree hashes the same
            if (!ContentHash.ofHtml(body).equals(ContentHash.ofTree(HtmlTrees.parseFragment(body, "",
                OneParseCorpusTest.roomy()).body()))) {
                differ.add(p + ": tree hash of the archived body differs");
            }
            String old = sanitizer.sanitize(body, OneParseCorpusTest.BASE, OneParseCorpusTest.roomy());
            Article a = reader.feed(reader.feedBody(body, OneParseCorpusTest.BASE, OneParseCorpusTest.roomy()),
                OneParseCorpusTest.BASE, List.of(), false, OneParseCorpusTest.roomy());
            if (!old.equals(a.html())) differ.add(p + ": sanitized body differs");
            else if (!ContentHash.ofHtml(old).equals(a.contentHash())) differ.add(p + ": hash differs");
        }
        assertThat(read).as("article files read").isGreaterThan(0);
        return differ;
    }
}
