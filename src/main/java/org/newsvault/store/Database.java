package org.newsvault.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 database in {@code data/newsvault.mv.db}, migrated by Flyway on open.
 *
 * <p>{@code WRITE_DELAY=0}: a committed row is handed to the OS at commit, so a killed process never
 * loses a row whose article file was already renamed into place.
 */
public final class Database implements AutoCloseable {
    static final String NAME = "newsvault";
    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    public static Database open(Path dataDir) {
        try {
            SchemaMigration.bringUpToDate(dataDir);
        } catch (RuntimeException | IOException e) {
            throw new StoreException("cannot open the database in " + dataDir + ": " + rootMessage(e), e);
        }
        JdbcConnectionPool pool = pool(dataDir, NAME);
        pool.setMaxConnections(32);
        return new Database(pool);
    }

    static JdbcConnectionPool pool(Path dataDir, String name) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name)
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000";
        return JdbcConnectionPool.create(url, "newsvault", "");
    }

    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on an auto-commit connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** True when a write round-trips: the health check's definition of a usable store. */
    public boolean writable() {
        try (Connection c = connection(); var st = c.createStatement()) {
            st.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS health_probe(x INT)");
            st.execute("DROP TABLE health_probe");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException ignored) {
            // closing anyway; H2 recovers from its own log
        }
        pool.dispose();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
