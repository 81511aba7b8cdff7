package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.poll.RecoveryTest.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;
import org.newsvault.store.OutletRepository;
import org.newsvault.store.StoreException;

class ArticleArchiverTest {
    @TempDir
    Path dir;
    Database db;
    ArticleRepository articles;
    ArticleArchiver archiver;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        new OutletRepository(db).upsert("o", "O");
        articles = new ArticleRepository(db);
        archiver = new ArticleArchiver(articles, dir.resolve("archive"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void concurrentDistinctArticlesAreAllArchivedAndMarkedAfterFlush() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        List<Callable<EntryOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String n = String.format("%03d", i);
            tasks.add(() -> archiver.archive(row("https://x.example/" + n, n.repeat(22).substring(0, 64),
                "o/2024/" + n + ".md"), Instant.now()));
        }
        List<EntryOutcome> outcomes = new ArrayList<>();
        for (var f : pool.invokeAll(tasks)) outcomes.add(f.get());
        pool.shutdown();
        assertThat(outcomes).allMatch(o -> o.kind() == EntryOutcome.Kind.ARCHIVED);
        assertThat(outcomes).extracting(EntryOutcome::articleId).doesNotHaveDuplicates();
        archiver.flush();
        assertThat(articles.count()).isEqualTo(200);
        assertThat(articles.pendingFiles()).isEmpty();
        assertThat(dir.resolve("archive/o/2024/199.md")).exists();
    }

    @Test
    void aRowThatFailsFailsAloneInItsBatch() throws Exception {
        ArticleRow unknownOutlet = new ArticleRow(0, "nope", null, null, "https://x.example/bad", "t", "a", null,
            Instant.now(), "c".repeat(64), row("https://x.example/bad", "c".repeat(64), "p").file(), "nope/1.md",
            false, null, "poll", "live");
        assertThatThrownBy(() -> archiver.archive(unknownOutlet, Instant.now())).isInstanceOf(StoreException.class);
        var claims = articles.claimAll(List.of(unknownOutlet, row("https://x.example/other", "9".repeat(64),
            "o/2024/other.md")), Instant.now(), List.of());
        assertThat(claims).extracting(ArticleRepository.Claim::outcome)
            .containsExactly(ArticleRepository.Claim.Outcome.FAILED, ArticleRepository.Claim.Outcome.INSERTED);
        EntryOutcome ok = archiver.archive(row("https://x.example/good", "d".repeat(64), "o/2024/good.md"), Instant.now());
        assertThat(ok.kind()).isEqualTo(EntryOutcome.Kind.ARCHIVED);
        assertThat(articles.count()).isEqualTo(2);
    }

    @Test
    void aMarkIsDroppedWhenTheRowChangedSinceTheFileWasWritten() throws Exception {
        long id = archiver.archive(row("https://x.example/1", "e".repeat(64), "o/2024/1.md"), Instant.now()).articleId();
        // An edit recorded before the mark was committed: the file on disk is now the old version.
        db.read(c -> c.createStatement().executeUpdate("UPDATE article SET content_hash = '" + "f".repeat(64)
            + "', file_written = FALSE WHERE id = " + id));
        archiver.flush();
        assertThat(articles.find(id).orElseThrow().fileWritten()).isFalse();
        assertThat(Files.exists(dir.resolve("archive/o/2024/1.md"))).isTrue();
    }

    @Test
    void aFileIsInPlaceAtOnceButMarkedOnlyOnceFlushForcedIt() throws Exception {
        ArticleRow r = row("https://x.example/2", "b".repeat(64), "o/2024/2.md");
        long id = archiver.archive(r, Instant.now()).articleId();
        // Readers (and a killed process) see the complete file at once...
        assertThat(Files.readAllBytes(dir.resolve("archive/o/2024/2.md"))).isEqualTo(ArticleWriter.render(r.file()));
        // ...but until it is forced, the row says so: after a power cut, recovery renders it again.
        assertThat(articles.find(id).orElseThrow().fileWritten()).isFalse();
        assertThat(articles.pendingFiles()).extracting(ArticleRow::id).containsExactly(id);
        archiver.flush();
        assertThat(articles.find(id).orElseThrow().fileWritten()).isTrue();
        assertThat(articles.pendingFiles()).isEmpty();
    }

    @Test
    void aFileThatCannotBeForcedStaysUnmarkedForRecovery() throws Exception {
        long gone = archiver.archive(row("https://x.example/3", "3".repeat(64), "o/2024/3.md"), Instant.now()).articleId();
        long kept = archiver.archive(row("https://x.example/4", "4".repeat(64), "o/2024/4.md"), Instant.now()).articleId();
        Files.delete(dir.resolve("archive/o/2024/3.md"));
        archiver.flush();
        assertThat(articles.find(gone).orElseThrow().fileWritten()).isFalse();
        assertThat(articles.find(kept).orElseThrow().fileWritten()).isTrue();
        archiver.rewrite(gone);
        assertThat(dir.resolve("archive/o/2024/3.md")).exists();
        assertThat(articles.find(gone).orElseThrow().fileWritten()).isTrue();
    }
}
