package org.newsvault.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in {@code data/newsvault.mv.db}, migrated by Flyway on open.
 *
 * <p>{@code WRITE_DELAY=0}: a committed row is handed to the OS at commit, so a killed process never
 * loses a row whose article file was already renamed into place.
 *
 * <p><b>Keeping the file compact.</b> H2's MVStore never overwrites a page in place: every commit appends a
 * chunk, and old chunks are reclaimed by the store's background thread, which {@code WRITE_DELAY=0} switches
 * off. So the file only grew: one poll of 10,000 bench items left 617 MB for 61 MB of data once compacted
 * (10x; 120x was reported on 54,696 items). {@code COMPRESS=TRUE} stores pages LZF-compressed, live and dead
 * ones alike, which about halves the growth; and {@link #close} compacts with {@code SHUTDOWN COMPACT} (a copy
 * of the live pages, renamed over the file) when the file grew to {@value #GROWTH}x its size at open.
 * {@code MAX_COMPACT_TIME=0}: no in-place compaction at close. H2's in-place one ({@code compactFile}, run at
 * every close by default) sets the chunk retention to 0, which is what the "Double mark" corruption reports
 * against H2 2.x involve; under {@code -ea} our tests reproduce it on reopen after a few thousand commits.
 * {@code newsvault compact} ({@link #compactOffline}) compacts on demand.
 *
 * <p><b>The file is the one opened.</b> H2 keeps working from its open file handle when the file is
 * deleted or replaced underneath it, and every later commit would go to a file nobody will ever open again.
 * The file's identity is recorded at open and checked before commits and by {@link #problem()} (the
 * daemon's {@code /health}); once it differs, every write fails with that reason.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final String NAME = "newsvault";
    static final String FILE = NAME + ".mv.db";
    private static final int MAX_CONNECTIONS = 32;
    /** Compact at close when the file is this many times its size at open... */
    static final int GROWTH = 2;
    /** ... and at least this much larger (small files are not worth the copy). */
    static final long MIN_GROWTH_BYTES = 8L << 20;
    /** How long a good file identity check is trusted (a stat per statement would be wasted). */
    private static final long FILE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String url;
    private final Path file;
    private final Object fileKey;
    private final long sizeAtOpen;
    private volatile long minGrowthBytes = MIN_GROWTH_BYTES;
    private volatile long fileCheckedAt;
    private volatile String fileProblem;
    /**
     * Our own pool rather than H2's {@code JdbcConnectionPool}: that one rolls back every connection handed
     * back, and in H2 a rollback (even of nothing) makes the store write its pending pages, so every read
     * cost a disk write: a fifth of the poll's CPU. Here a connection goes back as it is, in auto-commit.
     */
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_CONNECTIONS);
    private final Semaphore open = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    private Database(String url, Path file, Object fileKey, long size) {
        this.url = url;
        this.file = file;
        this.fileKey = fileKey;
        this.sizeAtOpen = size;
        this.fileCheckedAt = System.nanoTime();
    }

    public static Database open(Path dataDir) {
        return open(dataDir, MIN_GROWTH_BYTES);
    }

    /** Tests: {@code minGrowthBytes} lowers (or, with Long.MAX_VALUE, switches off) the compaction at close. */
    static Database open(Path dataDir, long minGrowthBytes) {
        try {
            SchemaMigration.bringUpToDate(dataDir);
        } catch (RuntimeException | IOException e) {
            throw new StoreException("cannot open the database in " + dataDir + ": " + rootMessage(e), e);
        }
        String url = url(dataDir, NAME);
        Path file = dataDir.resolve(FILE);
        Connection c = null;
        try {
            // The identity is taken with H2 holding the file open, so it is the file H2 writes to.
            c = physical(url);
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Database db = new Database(url, file, a.fileKey() != null ? a.fileKey() : a.creationTime(), a.size());
            db.keepOpen = c;
            db.minGrowthBytes = minGrowthBytes;
            return db;
        } catch (SQLException | IOException e) {
            if (c != null) closeQuietly(c);
            throw new StoreException("cannot open the database in " + dataDir + ": " + rootMessage(e), e);
        }
    }

    /**
     * Held from open to close: H2 closes the database with its last connection, and a database closed and
     * reopened between two statements would take a replaced file for the real one.
     */
    private Connection keepOpen;

    static JdbcConnectionPool pool(Path dataDir, String name) {
        return JdbcConnectionPool.create(url(dataDir, name), USER, "");
    }

    private static final String USER = "newsvault";

    private static String url(Path dataDir, String name) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name)
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;COMPRESS=TRUE;MAX_COMPACT_TIME=0";
    }

    /** A connection of its own (not pooled) for long work on one thread, such as a bulk import; close it. */
    public Connection connection() {
        checkFile();
        try {
            return physical();
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        checkFile();
        Connection c = borrow();
        boolean healthy = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                checkFileForWrite();
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
        checkFile();
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
        return physical(url);
    }

    private static Connection physical(String url) throws SQLException {
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

    /**
     * Why the store cannot be trusted with writes, if it cannot: the database file was deleted or replaced
     * since open, or a write does not round-trip. Empty when healthy (the health check's definition).
     */
    public Optional<String> problem() {
        fileCheckedAt = 0; // look now, not at a cached answer
        try {
            checkFile();
        } catch (StoreException e) {
            return Optional.of(e.getMessage().replaceFirst("^database: ", ""));
        }
        return writable() ? Optional.empty() : Optional.of("database " + file + " does not take writes");
    }

    /**
     * Fails once the database file is no longer the one opened (deleted, or another file renamed over it):
     * rows committed after that would be lost at the next start. Checked before statements and commits; a
     * good answer is trusted for {@value #FILE_CHECK_NANOS} ns.
     *
     * @throws StoreException naming the file
     */
    public void checkFile() {
        String known = fileProblem;
        if (known != null) throw new StoreException("database: " + known, null);
        long now = System.nanoTime();
        if (now - fileCheckedAt < FILE_CHECK_NANOS) return;
        String p = identityProblem();
        if (p != null) {
            fileProblem = p;
            log.error("{}: every write fails from now on; restart newsvault (rows committed since are lost)", p);
            throw new StoreException("database: " + p, null);
        }
        fileCheckedAt = now;
    }

    private void checkFileForWrite() {
        fileCheckedAt = 0;
        checkFile();
    }

    private String identityProblem() {
        if (fileKey == null) return null;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object key = a.fileKey() != null ? a.fileKey() : a.creationTime();
            return Objects.equals(key, fileKey) ? null : "database file " + file + " was deleted or replaced";
        } catch (NoSuchFileException e) {
            return "database file " + file + " was deleted or replaced";
        } catch (IOException e) {
            return "database file " + file + " cannot be read: " + e.getMessage();
        }
    }

    long sizeOnDisk() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The database file's path ({@code data/newsvault.mv.db}). */
    public Path file() {
        return file;
    }

    /** Before and after sizes of {@link #compactOffline}, in bytes. */
    public record Compaction(long before, long after) {}

    /**
     * {@code newsvault compact}: opens the database in {@code dataDir} alone and closes it with {@code SHUTDOWN
     * COMPACT} (every live page rewritten into a new file), or {@code SHUTDOWN DEFRAG} (also re-orders the rows).
     * The caller holds the data-directory lock ({@link DataLock}).
     */
    public static Compaction compactOffline(Path dataDir, boolean defrag) {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) throw new StoreException("no newsvault database in " + dataDir + " (" + f + ")", null);
        try {
            long before = Files.size(f);
            try (Connection c = physical(url(dataDir, NAME)); var st = c.createStatement()) {
                st.execute(defrag ? "SHUTDOWN DEFRAG" : "SHUTDOWN COMPACT");
            }
            return new Compaction(before, Files.size(f));
        } catch (SQLException | IOException | RuntimeException e) {
            throw new StoreException("cannot compact the database in " + dataDir + ": " + rootMessage(e), e);
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
        if (closed) return;
        closed = true;
        try (Connection c = physical(); var st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException ignored) {
            // closing anyway; H2 recovers from its own log
        }
        // Connections in use are closed by their borrowers (giveBack sees closed); the last close shuts H2.
        for (Connection c; (c = idle.poll()) != null; ) closeQuietly(c);
        if (keepOpen == null) return;
        long size = sizeOnDisk();
        if (fileProblem == null && size >= (long) GROWTH * sizeAtOpen && size - sizeAtOpen >= minGrowthBytes) {
            long start = System.nanoTime();
            try (var st = keepOpen.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
                log.info("database compacted at close from {} to {} bytes in {} ms", size, sizeOnDisk(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } catch (SQLException e) {
                log.warn("database not compacted at close: {}", rootMessage(e));
            }
        }
        closeQuietly(keepOpen);
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
