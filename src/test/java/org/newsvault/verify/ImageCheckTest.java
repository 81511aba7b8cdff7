package org.newsvault.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageRole;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.OutletRepository;

/** {@code verify}: every stored image's blob is there; {@code --deep}: and it is the image its rows name. */
class ImageCheckTest {
    @TempDir
    Path dir;

    static final byte[] GIF = "GIF89a-a-tiny-picture".getBytes();

    @Test
    void aMissingOrCorruptImageBlobIsReported() throws Exception {
        Path data = dir.resolve("data");
        String sha = ContentHash.sha256Hex(GIF);
        try (Database db = Database.open(data)) {
            new OutletRepository(db).upsert("t", "T");
            var file = ArticleFiles.create(Variant.JEKYLL, "t", "https://x.example/1", null, "T", null, Instant.now(), "<p>x</p>");
            long a = new ArticleRepository(db).insert(new ArticleRow(0, "t", null, null, "https://x.example/1", "t", null,
                null, Instant.now(), "a".repeat(64), file, "t/1.md", false, null, "poll", "live"), Instant.now());
            ImageRepository images = new ImageRepository(db);
            images.add(a, List.of(new ImageRepository.NewImage("https://x.example/i.gif", ImageRole.BODY, 0)), 40,
                Instant.now(), Instant.now());
            var due = images.takeDue(Instant.now(), 10, java.time.Duration.ofMinutes(1));
            new OriginalStore(data, new OriginalRepository(db)).saveBlob(GIF);
            images.store(List.of(due.get(0).id()), new OriginalRepository.NewOriginal(sha, "https://x.example/i.gif", 200,
                List.of(Map.entry("Content-Type", "image/gif")), "image/gif", Instant.now(), GIF.length, "image"), null, sha,
                "image/gif", GIF.length, Instant.now());
        }
        Path blob = data.resolve("originals").resolve(sha.substring(0, 2)).resolve(sha + ".gz");
        assertThat(problems(data, true)).filteredOn(p -> p.where().startsWith("image ")).isEmpty();

        // Another blob's bytes under this name: only --deep reads it.
        byte[] other = Files.readAllBytes(blob);
        try (var out = OriginalStore.compressing(Files.newOutputStream(blob))) {
            out.write("GIF89a-another-one".getBytes());
        }
        assertThat(problems(data, false)).filteredOn(p -> p.where().startsWith("image ")).isEmpty();
        assertThat(problems(data, true)).filteredOn(p -> p.where().startsWith("image "))
            .extracting(Problem::kind).containsExactly(Problem.Kind.CORRUPT_BLOB);

        Files.delete(blob);
        assertThat(problems(data, false)).filteredOn(p -> p.where().startsWith("image "))
            .extracting(Problem::line).containsExactly("missing blob: image " + sha + " (https://x.example/i.gif): blob is"
                + " not on disk; cannot be recreated");
        Files.write(blob, other);
    }

    static List<Problem> problems(Path data, boolean deep) {
        List<Problem> out = new ArrayList<>();
        new Verifier(data, data.resolveSibling("archive"), false, deep, out::add).run();
        return out;
    }
}
