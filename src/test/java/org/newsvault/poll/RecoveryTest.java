package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.archive.OriginalStore;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleWriter;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;
import org.newsvault.store.OutletRepository;

class RecoveryTest {
    @TempDir
    Path dir;

    static ArticleRow row(String url, String hash, String path) {
        ArticleFile f = new ArticleFile(Variant.PLAIN, null, "1718885824000", "标题", url, "<p>正文</p>");
        return new ArticleRow(0, "o", null, null, url, "标题", "作者", Instant.ofEpochMilli(1718885824000L),
            Instant.now(), hash, f, path, false, null, "poll", "live");
    }

    @Test
    void finishesRowsWhoseFileWasNeverWrittenAndDeletesTemps() throws Exception {
        Path data = dir.resolve("data"), archive = dir.resolve("archive");
        try (Database db = Database.open(data)) {
            new OutletRepository(db).upsert("o", "O");
            ArticleRepository articles = new ArticleRepository(db);
            // A crash after the commit and before the rename: row present, only a temp file on disk.
            ArticleRow r = row("https://x.example/1", "a".repeat(64), "o/2024/2024-06-20-aaaa.md");
            long id = articles.insert(r, Instant.now());
            Path target = archive.resolve(r.filePath());
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-123");
            Files.writeString(temp, "half");
            Files.createDirectories(OriginalStore.tmpDir(data));
            Files.writeString(OriginalStore.tmpDir(data).resolve("abc.gz.tmp-1"), "half");

            int done = Recovery.run(data, archive, articles, new ArticleArchiver(articles, archive));

            assertThat(done).isEqualTo(1);
            assertThat(Files.readAllBytes(target)).isEqualTo(ArticleWriter.render(r.file()));
            assertThat(temp).doesNotExist();
            assertThat(OriginalStore.tmpDir(data)).isEmptyDirectory();
            assertThat(articles.find(id).orElseThrow().fileWritten()).isTrue();
            assertThat(articles.pendingFiles()).isEmpty();
        }
    }

    @Test
    void aFileThatAPowerCutLeftEmptyIsRenderedAgainWhileItsMarkIsNotCommitted() throws Exception {
        Path data = dir.resolve("data"), archive = dir.resolve("archive");
        try (Database db = Database.open(data)) {
            new OutletRepository(db).upsert("o", "O");
            ArticleRepository articles = new ArticleRepository(db);
            ArticleArchiver archiver = new ArticleArchiver(articles, archive);
            ArticleRow r = row("https://x.example/cut", "c".repeat(64), "o/2024/2024-06-20-cccc.md");
            long id = archiver.archive(r, Instant.now()).articleId();
            // The power went before the feed's flush: the rename reached the disk, the bytes did not.
            Path target = archive.resolve(r.filePath());
            Files.write(target, new byte[0]);

            int done = Recovery.run(data, archive, articles, new ArticleArchiver(articles, archive));

            assertThat(done).isEqualTo(1);
            assertThat(Files.readAllBytes(target)).isEqualTo(ArticleWriter.render(r.file()));
            assertThat(articles.find(id).orElseThrow().fileWritten()).isTrue();
        }
    }

    @Test
    void concurrentArchivingOfTheSameStoryKeepsOneCopy() throws Exception {
        Path data = dir.resolve("data"), archive = dir.resolve("archive");
        try (Database db = Database.open(data)) {
            new OutletRepository(db).upsert("o", "O");
            ArticleRepository articles = new ArticleRepository(db);
            ArticleArchiver archiver = new ArticleArchiver(articles, archive);
            var pool = Executors.newFixedThreadPool(8);
            List<Callable<EntryOutcome>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                // Half share the URL, half share only the content hash: all one story.
                String url = "https://x.example/" + (i % 2 == 0 ? "same" : "copy-" + i);
                tasks.add(() -> archiver.archive(row(url, "b".repeat(64), "o/2024/" + url.hashCode() + ".md"), Instant.now()));
            }
            var outcomes = pool.invokeAll(tasks).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).toList();
            pool.shutdown();
            assertThat(outcomes).filteredOn(o -> o.kind() == EntryOutcome.Kind.ARCHIVED).hasSize(1);
            assertThat(articles.count()).isEqualTo(1);
            assertThat(articles.findBySighting("https://x.example/copy-1")).isPresent();
        }
    }
}
