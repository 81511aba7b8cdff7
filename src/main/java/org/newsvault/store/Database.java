package org.newsvault.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 database in {@code data/newsvault.mv.db}, migrated by Flyway on open.
 *
 * <p>{@code WRITE_DELAY=0}: a committed row is handed to the OS at commit, so a killed process never
 * loses a row whose article file was already renamed into place.
 */
public final class Database implements AutoCloseable {
    static final String NAME = "newsvault";
    private static final int MAX_CONNECTIONS = 32;

    private final String url;
    /**
     * Our own pool rather than H2's {@code JdbcConnectionPool}: that one rolls back every connection handed
     * back, and in H2 a rollback (even of nothing) makes the store write its pending pages, so every read
     * cost a disk write: a fifth of the poll's CPU. Here a connection goes back as it is, in auto-commit.
     */
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_CONNECTIONS);
    private final Semaphore open = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    private Database(String url) {
        this.url = url;
    }

    public static Database open(Path dataDir) {
        try {
            SchemaMigration.bringUpToDate(dataDir);
        } catch (RuntimeException | IOException e) {
            throw new StoreException("cannot open the database in " + dataDir + ": " + rootMessage(e), e);
        }
        return new Database(url(dataDir, NAME));
    }

    static JdbcConnectionPool pool(Path dataDir, String name) {
        return JdbcConnectionPool.create(url(dataDir, name), USER, "");
    }

    private static final String USER = "newsvault";

    private static String url(Path dataDir, String name) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name)
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000";
    }

    /** A connection of its own (not pooled) for long work on one thread, such as a bulk import; close it. */
    public Connection connection() {
        try {
            return physical();
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection c = borrow();
        boolean healthy = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                healthy = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                healthy = true;
                throw e;
            } finally {
                if (healthy) c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            healthy = false;
            throw new StoreException("database: " + e.getMessage(), e);
        } finally {
            giveBack(c, healthy);
        }
    }

    /** Runs {@code work} on an auto-commit connection. */
    public <T> T read(SqlWork<T> work) {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        } finally {
            // A statement that failed leaves nothing open in auto-commit; only an exception from the
            // work's own code (not SQL) makes us doubt the connection's state.
            giveBack(c, healthy || isAutoCommit(c));
        }
    }

    private Connection physical() throws SQLException {
        var ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        ds.setUser(USER);
        return ds.getConnection();
    }

    /**
     * An idle connection, else a new one while fewer than {@link #MAX_CONNECTIONS} are open (a permit per
     * open connection), else the next one handed back or freed, for up to 20 s.
     */
    private Connection borrow() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (closed) throw new StoreException("database: closed", null);
            Connection c = idle.poll();
            if (c != null) return c;
            if (open.tryAcquire()) {
                try {
                    return physical();
                } catch (SQLException e) {
                    open.release();
                    throw new StoreException("database: " + e.getMessage(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("database: all " + MAX_CONNECTIONS + " connections busy for 20 s", null);
            }
            try {
                // Short waits: a connection closed rather than handed back frees a permit, not the queue.
                c = idle.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("database: interrupted", e);
            }
            if (c != null) return c;
        }
    }

    private void giveBack(Connection c, boolean reusable) {
        if (reusable && !closed && idle.offer(c)) return;
        closeQuietly(c);
        open.release();
    }

    private static boolean isAutoCommit(Connection c) {
        try {
            return !c.isClosed() && c.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already unusable
        }
    }

    /** True when a write round-trips: the health check's definition of a usable store. */
    public boolean writable() {
        try {
            return read(c -> {
                try (var st = c.createStatement()) {
                    st.execute("CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS health_probe(x INT)");
                    st.execute("DROP TABLE health_probe");
                    return true;
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        try (Connection c = physical(); var st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException ignored) {
            // closing anyway; H2 recovers from its own log
        }
        // Connections in use are closed by their borrowers (giveBack sees closed); the last close shuts H2.
        for (Connection c; (c = idle.poll()) != null; ) closeQuietly(c);
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
