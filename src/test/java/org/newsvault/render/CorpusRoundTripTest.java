package org.newsvault.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newsvault.model.Urls;

/**
 * Every older-writer file in the shared corpus reads and renders back byte for byte, and its
 * title-line URL is the WHATWG form of its {@code from:} URL (the older writer's own rule).
 * Run with {@code mvn -o test -Dtest=CorpusRoundTripTest -DexcludedGroups=none -Dgroups=corpus}.
 */
@Tag("corpus")
class CorpusRoundTripTest {

    /** {@code ../shared/corpora} from the main checkout; {@code ../../shared/corpora} from a worktree under {@code wt/}. */
    private static final Path OUTLETS = Stream.of(Path.of("..", "shared", "corpora", "outlets"),
                    Path.of("..", "..", "shared", "corpora", "outlets"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared", "corpora", "outlets"));

    @Test
    void everyOlderWriterFileRoundTrips() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(OUTLETS), "no corpus at " + OUTLETS.toAbsolutePath());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> outlets = Files.list(OUTLETS)) {
            for (Path outlet : outlets.sorted().toList()) {
                Path dir = outlet.resolve("feed-items-nodebe4");
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
                }
            }
        }
        Assumptions.assumeFalse(files.isEmpty(), "corpus has no feed-items-nodebe4 files");

        List<String> failures = new ArrayList<>();
        int urlMismatches = 0;
        for (Path p : files) {
            byte[] original = Files.readAllBytes(p);
            try {
                ArticleFile f = ArticleFileReader.read(original);
                if (!Arrays.equals(ArticleWriter.render(f), original)) failures.add(p + ": render differs");
                String from = ArticleFileReader.frontMatterValues(f.frontMatter()).get("from");
                if (from != null && !Urls.whatwg(from).equals(f.url())) {
                    urlMismatches++;
                    failures.add(p + ": whatwg(from) " + Urls.whatwg(from) + " != " + f.url());
                }
            } catch (ArticleFormatException | RuntimeException e) {
                failures.add(p + ": " + e.getMessage());
            }
        }
        System.out.printf("corpus round trip: %d files, %d failures (%d url mismatches)%n",
                files.size(), failures.size(), urlMismatches);
        assertThat(failures).isEmpty();
    }
}
