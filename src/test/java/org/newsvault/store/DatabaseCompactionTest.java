package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file stays within a small multiple of its compacted size; {@code compact} reclaims the rest. */
class DatabaseCompactionTest {
    @TempDir Path dir;

    @Test
    void aFileThatGrewIsCompactedAtClose() throws Exception {
        // The same archiving twice, with the compaction at close switched off and on (at a low threshold, so a
        // small run shows it): the poll's group commits from 8 threads, 4 rows each.
        StorageGrowth.Result off = StorageGrowth.run(dir.resolve("off"), 1_000, 3_000, 8, 4, Long.MAX_VALUE);
        StorageGrowth.Result on = StorageGrowth.run(dir.resolve("on"), 1_000, 3_000, 8, 4, 1L << 20);

        assertThat(off.closedBytes()).isGreaterThan(2 * off.compactedBytes());
        assertThat(on.peakBytes()).isGreaterThan(2 * on.compactedBytes());
        assertThat(on.closedBytes()).isLessThanOrEqualTo(on.compactedBytes() + on.compactedBytes() / 10);
    }

    @Test
    void compactOfflineRewritesTheFileAndKeepsEveryRow() throws Exception {
        Path data = dir.resolve("data");
        StorageGrowth.run(data, 600, 3_000, 4, 2, Long.MAX_VALUE);
        // StorageGrowth compacted at the end; write more without compaction to leave garbage behind
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 600; i < 900; i++) repo.claimAll(java.util.List.of(StorageGrowth.row(i, 3_000)), java.time.Instant.now(), java.util.List.of());
        }
        long before = Files.size(data.resolve("newsvault.mv.db"));

        Database.Compaction c = Database.compactOffline(data, false);

        assertThat(c.before()).isEqualTo(before);
        assertThat(c.after()).isEqualTo(Files.size(data.resolve("newsvault.mv.db"))).isLessThan(before);
        try (Database db = Database.open(data)) {
            assertThat(new ArticleRepository(db).count()).isEqualTo(900);
        }
        assertThat(Database.compactOffline(data, true).after()).isPositive();
    }

    @Test
    void compactOfflineWithoutADatabaseSaysSo() {
        assertThatThrownBy(() -> Database.compactOffline(dir.resolve("nothing"), false))
            .isInstanceOf(StoreException.class).hasMessageContaining("no newsvault database in");
    }
}
