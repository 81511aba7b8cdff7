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
            org.flywaydb.core.Flyway.configure().dataSource(pool).locations("classpath:db/migration")
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
