package org.newsvault.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, migrated database for one test: H2 in the test's directory, or PostgreSQL when the environment
 * variable {@value #ENV} holds a JDBC URL (user and password in it, or in the PG* variables): a schema of its
 * own on that server, dropped at {@link Fresh#close}. Without the variable a PostgreSQL test is skipped (an
 * assumption that says so). {@code .ci/run} sets it inside {@code pg_virtualenv}.
 */
public final class TestDatabases {
    public static final String ENV = "NEWSVAULT_TEST_POSTGRESQL";

    private TestDatabases() {}

    /** An open database and how to reach it (for code that opens its own, e.g. {@code Newsvault}); drops it on close. */
    public record Fresh(Database db, Backend backend, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            try {
                db.close();
            } finally {
                drop.run();
            }
        }
    }

    /** True when {@value #ENV} is set: the PostgreSQL cases run. */
    public static boolean postgresqlAvailable() {
        String url = System.getenv(ENV);
        return url != null && !url.isBlank();
    }

    public static Fresh open(Vendor vendor, Path dir) {
        if (vendor == Vendor.H2) return new Fresh(Database.open(dir), Backend.EMBEDDED, () -> {});
        Backend b = freshPostgresql();
        try {
            return new Fresh(Database.open(b, dir), b, () -> dropSchema(b));
        } catch (RuntimeException e) {
            dropSchema(b);
            throw e;
        }
    }

    /**
     * A new, empty schema on the test server, and the backend whose connections use it (not yet migrated). Skips
     * the calling test when {@value #ENV} is not set.
     */
    public static Backend freshPostgresql() {
        assumeTrue(postgresqlAvailable(), ENV + " is not set (a JDBC URL of a throwaway PostgreSQL, e.g. inside"
            + " pg_virtualenv): the PostgreSQL case is skipped");
        String base = System.getenv(ENV).trim();
        String schema = "nv_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
            .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(ENV + ": cannot create a test schema: " + e.getMessage(), e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Backend.server(url, null, null, 4);
    }

    static void dropSchema(Backend b) {
        String url = b.url();
        String schema = url.substring(url.lastIndexOf("currentSchema=") + "currentSchema=".length());
        String base = url.substring(0, url.lastIndexOf("currentSchema=") - 1);
        try (Connection c = DriverManager.getConnection(base); var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(ENV + ": cannot drop the test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
