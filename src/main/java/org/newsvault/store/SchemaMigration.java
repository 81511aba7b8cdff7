package org.newsvault.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Applies Flyway migrations so that a kill at any moment leaves either the old schema or the new one.
 *
 * <p>H2 commits every DDL statement on its own, so a migration interrupted half-way would leave tables
 * without a history row ({@code Table "OUTLET" already exists} on every later start). Instead the
 * migrations run on a working copy, {@code newsvault-migrating.mv.db}, which is renamed over
 * {@code newsvault.mv.db} only once it is complete and closed. A working copy found at start is the
 * remains of an interrupted migration and is discarded; the live file was never touched.
 */
final class SchemaMigration {
    private static final String WORKING = Database.NAME + "-migrating";
    private static final String SUFFIX = ".mv.db";

    private SchemaMigration() {}

    static void bringUpToDate(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path live = dataDir.resolve(Database.NAME + SUFFIX);
        Path working = dataDir.resolve(WORKING + SUFFIX);
        discardWorkingCopy(dataDir);
        if (Files.exists(live)) {
            Schema state = inspect(dataDir);
            if (state == Schema.CURRENT) return;
            // A database that never completed its first migration holds no rows (nothing is written
            // before open returns); it is rebuilt from scratch rather than migrated on top of its debris.
            if (state == Schema.OUTDATED) Files.copy(live, working, StandardCopyOption.COPY_ATTRIBUTES);
        }
        migrate(dataDir, WORKING);
        Files.move(working, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        discardWorkingCopy(dataDir); // H2's trace file, if it wrote one
    }

    private enum Schema { CURRENT, OUTDATED, NEVER_MIGRATED }

    private static Schema inspect(Path dataDir) {
        JdbcConnectionPool pool = Database.pool(dataDir, Database.NAME);
        try {
            var info = flyway(pool).info();
            if (info.current() == null) return Schema.NEVER_MIGRATED;
            return info.pending().length > 0 ? Schema.OUTDATED : Schema.CURRENT;
        } finally {
            pool.dispose();
        }
    }

    private static void migrate(Path dataDir, String name) {
        JdbcConnectionPool pool = Database.pool(dataDir, name);
        try {
            flyway(pool).migrate();
        } finally {
            // Closing the last connection closes the database (DB_CLOSE_DELAY is 0): H2 writes everything
            // and releases the file before dispose returns, so the rename moves a complete database.
            pool.dispose();
        }
    }

    /**
     * Refuses a database reached through a running daemon whose schema is not the one this build migrates to:
     * a newer newsvault run beside an older daemon (or the reverse) would read or write columns the other lacks.
     */
    static void requireCurrent(String url, String user, String password) throws java.sql.SQLException {
        var info = configure(Vendor.H2).dataSource(url, user, password).load().info();
        var current = info.current();
        var all = info.all();
        String mine = java.util.Arrays.stream(all).filter(m -> !m.getState().name().startsWith("FUTURE"))
            .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("none");
        String theirs = current == null ? "none" : current.getVersion().getVersion();
        boolean future = java.util.Arrays.stream(all).anyMatch(m -> m.getState().name().startsWith("FUTURE"));
        if (info.pending().length > 0 || current == null || future) {
            throw new java.sql.SQLException("the daemon's database has schema version " + theirs + ", this newsvault "
                + "expects " + mine + ": run commands with the same newsvault version as the daemon");
        }
    }

    private static Flyway flyway(JdbcConnectionPool pool) {
        return configure(Vendor.H2).dataSource(pool).load();
    }

    /**
     * The migrations of {@code vendor}: those both vendors run ({@code db/migration/common}) and its own
     * ({@code db/migration/h2}, {@code db/migration/postgresql}; V1..V9 were written for H2 and translated).
     */
    static org.flywaydb.core.api.configuration.FluentConfiguration configure(Vendor vendor) {
        return Flyway.configure().locations(locations(vendor));
    }

    static String[] locations(Vendor vendor) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + vendor.folder};
    }

    /**
     * A server database, migrated where it is: PostgreSQL's DDL is transactional, so a migration killed half-way
     * leaves the schema before it (Flyway runs each in a transaction), and Flyway locks its history table, so
     * processes starting at once migrate one after the other.
     */
    static void migrateInPlace(javax.sql.DataSource ds, Vendor vendor) {
        configure(vendor).dataSource(ds).load().migrate();
    }

    private static void discardWorkingCopy(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(WORKING + ".")) Files.delete(p);
            }
        }
    }
}
