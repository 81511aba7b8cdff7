package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir Path data;

    @Test
    void freshDirectoryGetsTheFullSchema() throws Exception {
        try (Database db = Database.open(data)) {
            assertThat(count(db, "SELECT COUNT(*) FROM outlet")).isZero();
        }
        assertThat(data.resolve("newsvault.mv.db")).exists();
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("newsvault-migrating"));
        }
    }

    @Test
    void firstMigrationKilledHalfWayIsRebuilt() throws Exception {
        // What H2 leaves when the process dies inside V1: some tables, no completed history row.
        try (var c = DriverManager.getConnection(url("newsvault"), "newsvault", ""); var st = c.createStatement()) {
            st.execute("CREATE TABLE outlet(id VARCHAR(64) PRIMARY KEY)");
        }
        try (Database db = Database.open(data)) {
            assertThat(count(db, "SELECT COUNT(*) FROM outlet")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM article")).isZero();
        }
    }

    @Test
    void leftoverWorkingCopyIsDiscardedAndLiveDataKept() throws Exception {
        try (Database db = Database.open(data)) {
            db.read(c -> c.createStatement().executeUpdate(
                "INSERT INTO outlet(id, name, created_at) VALUES ('rfa', 'RFA', CURRENT_TIMESTAMP)"));
        }
        // A migration killed before its rename: a half-built working copy beside the live file.
        Files.writeString(data.resolve("newsvault-migrating.mv.db"), "half written");
        Files.writeString(data.resolve("newsvault-migrating.trace.db"), "trace");
        try (Database db = Database.open(data)) {
            assertThat(count(db, "SELECT COUNT(*) FROM outlet WHERE id = 'rfa'")).isEqualTo(1);
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("newsvault-migrating"));
        }
    }

    @Test
    void outdatedSchemaIsMigratedKeepingItsRows() throws Exception {
        // Build a V1-only database, as an older newsvault would have left it.
        var pool = Database.pool(data, "newsvault");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(pool).locations(SchemaMigration.locations(Vendor.H2))
                .target("1").load().migrate();
            try (var c = pool.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO outlet(id, name, created_at) VALUES ('dw', 'DW', CURRENT_TIMESTAMP)");
            }
        } finally {
            pool.dispose();
        }
        try (Database db = Database.open(data)) {
            assertThat(count(db, "SELECT COUNT(*) FROM outlet WHERE id = 'dw'")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IN ('1', '2')")).isEqualTo(2);
        }
    }

    @Test
    void aVersion4ArchiveIsMigratedToTheLeanStoreWithItsTextIntact() throws Exception {
        // An archive as V4 left it: bodies, front matter and headers as CLOBs in H2's LOB maps.
        String body = "<p>" + "正文 body text ".repeat(2_000) + "</p>";
        String headers = "Content-Type: text/html\n" + "X-Long: " + "v".repeat(600) + "\n";
        var pool = Database.pool(data, "newsvault");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(pool).locations(SchemaMigration.locations(Vendor.H2))
                .target("4").load().migrate();
            try (var c = pool.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO outlet(id, name, created_at) VALUES ('dw', 'DW', CURRENT_TIMESTAMP)");
                st.executeUpdate("INSERT INTO feed(outlet_id, url) VALUES ('dw', 'https://dw.example/rss')");
                try (var ps = c.prepareStatement("INSERT INTO original(sha256, url, status, headers, fetched_at, size, kind)"
                    + " VALUES ('" + "a".repeat(64) + "', 'https://dw.example/1', 200, ?, CURRENT_TIMESTAMP, 5, 'page')")) {
                    ps.setString(1, headers);
                    ps.executeUpdate();
                }
                try (var ps = c.prepareStatement("INSERT INTO article(outlet_id, feed_id, canonical_url, title, fetched_at,"
                    + " content_hash, variant, front_matter, stamp, file_title, file_url, body, file_path, original_id, source,"
                    + " created_at) VALUES ('dw', 1, 'https://dw.example/1', 't', CURRENT_TIMESTAMP, '" + "b".repeat(64)
                    + "', 'JEKYLL', ?, '1', 't', 'https://dw.example/1', ?, 'dw/1.md', 1, 'poll', CURRENT_TIMESTAMP)")) {
                    ps.setString(1, "layout: post\n" + "x: y\n".repeat(100) + "title: t");
                    ps.setString(2, body);
                    ps.executeUpdate();
                }
            }
        } finally {
            pool.dispose();
        }
        try (Database db = Database.open(data)) {
            var row = new ArticleRepository(db).find(1).orElseThrow();
            assertThat(row.file().body()).isEqualTo(body);
            assertThat(row.file().frontMatter()).startsWith("layout: post\nx: y").endsWith("title: t");
            assertThat(row.originalId()).isEqualTo(1L);
            assertThat(new OriginalRepository(db).find(1).orElseThrow().headers()).hasSize(2);
            assertThat(count(db, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" = '5'"))
                .isEqualTo(1);
            assertThat(count(db, "SELECT CAST(SETTING_VALUE AS INT) FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")).isEqualTo(262_144);
            // Four B-trees fewer per article: the foreign-key indexes no query reads, and the outlet's duplicate
            // (V5); four more for the reading room's listings (V8).
            assertThat(count(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'ARTICLE'"))
                .isEqualTo(7 + 4);
            // The outlet's key still holds, on article_outlet_published.
            assertThatThrownBy(() -> db.read(c -> c.createStatement().executeUpdate("UPDATE article SET outlet_id = 'nope'")))
                .isInstanceOf(StoreException.class);
            // A new article's long text round-trips too (stored in the row now).
            var repo = new ArticleRepository(db);
            var copy = new ArticleRow(0, "dw", 1L, null, "https://dw.example/2", "t2", null, null, java.time.Instant.now(),
                "c".repeat(64), row.file(), "dw/2.md", false, 1L, "poll", "live");
            long id = repo.insert(copy, java.time.Instant.now());
            assertThat(repo.find(id).orElseThrow().file()).isEqualTo(row.file());
        }
    }

    @Test
    void aFailedStatementOrRolledBackTransactionLeavesThePoolUsable() {
        try (Database db = Database.open(data)) {
            for (int i = 0; i < 40; i++) {
                assertThatThrownBy(() -> db.read(c -> c.createStatement().executeQuery("SELECT nope FROM outlet")))
                    .isInstanceOf(StoreException.class);
                assertThatThrownBy(() -> db.inTransaction(c -> {
                    c.createStatement().executeUpdate(
                        "INSERT INTO outlet(id, name, created_at) VALUES ('x', 'X', CURRENT_TIMESTAMP)");
                    throw new IllegalStateException("abandon");
                })).isInstanceOf(IllegalStateException.class);
            }
            assertThat(count(db, "SELECT COUNT(*) FROM outlet")).isZero();
            assertThat(db.writable()).isTrue();
        }
    }

    @Test
    void moreWorkersThanConnectionsWaitForOneHandedBack() throws Exception {
        try (Database db = Database.open(data)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(48);
            List<java.util.concurrent.Callable<Long>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 48; i++) {
                tasks.add(() -> db.read(c -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    try (var rs = c.createStatement().executeQuery("SELECT 1")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
            }
            long start = System.nanoTime();
            for (var f : pool.invokeAll(tasks)) assertThat(f.get()).isEqualTo(1L);
            pool.shutdown();
            // 48 workers, 32 connections: the last 16 wait one round (~200 ms), not the 20 s give-up time.
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void aClosedDatabaseSaysSo() {
        Database db = Database.open(data);
        db.close();
        assertThatThrownBy(() -> count(db, "SELECT 1")).hasMessageContaining("closed");
        assertThat(db.writable()).isFalse();
    }

    private String url(String name) {
        return "jdbc:h2:file:" + data.toAbsolutePath().resolve(name);
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
