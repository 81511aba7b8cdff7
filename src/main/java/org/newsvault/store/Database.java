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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's database: the embedded H2 file {@code data/newsvault.mv.db} (the default), or a database server
 * given by {@code database:} in the config ({@link Backend}: PostgreSQL, reached through a HikariCP pool, which
 * several processes and nodes use at once: {@link #shared()}). Migrated by Flyway on open, with the migrations
 * of {@code db/migration/common} and of the vendor's folder. Repositories see one API either way
 * ({@link #read}, {@link #inTransaction}, {@link #grouped}, {@link #connection}); what follows is the H2 side,
 * which a server database has none of (no file to watch, compact or serve: {@link #compactIfGrown} and
 * {@link #share} do nothing there, and VACUUM is the DBA's).
 *
 * <p>{@code WRITE_DELAY=0}: a committed row is handed to the OS at commit, so a killed process never
 * loses a row whose article file was already renamed into place.
 *
 * <p><b>Keeping the file compact.</b> H2's MVStore never overwrites a page in place: every commit appends a
 * chunk, and old chunks are reclaimed by the store's background thread, which {@code WRITE_DELAY=0} switches
 * off. So the file only grew: one poll of 10,000 bench items left 617 MB for 61 MB of data once compacted
 * (10x; 120x was reported on 54,696 items). {@code COMPRESS=TRUE} stores pages LZF-compressed, live and dead
 * ones alike, which about halves the growth; and {@link #close} compacts with {@code SHUTDOWN COMPACT} (a copy
 * of the live pages, renamed over the file) when the file grew to {@value #GROWTH}x its size at open (or after
 * the last online compaction).
 * {@code MAX_COMPACT_TIME=0}: no in-place compaction at close. H2's in-place one ({@code compactFile}, run at
 * every close by default) sets the chunk retention to 0, which is what the "Double mark" corruption reports
 * against H2 2.x involve; under {@code -ea} our tests reproduce it on reopen after a few thousand commits.
 * {@code newsvault compact} ({@link #compactOffline}) compacts on demand.
 *
 * <p><b>Compacting while running.</b> A daemon never closes the store, so {@link #compactIfGrown} (called by
 * it periodically) does the same online: it pauses the store (new borrowers wait, transactions in flight
 * finish), runs {@code SHUTDOWN COMPACT} on the held-open connection, reopens on the same path, records the
 * new file's identity (the rename gives it a new inode) and resumes. H2 writes the copy to
 * {@code newsvault.mv.db.tempFile} and renames it over the file only once the old file is closed and the copy
 * complete, so a kill at any moment leaves either file whole; {@link #open} discards or finishes the leftovers.
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
    /** {@link #compactIfGrown()}: compact when the file is this many times its size after the last compaction... */
    public static final double COMPACT_FACTOR = 3;
    /** ... and at least this much larger. */
    public static final long COMPACT_MIN_BYTES = 32L << 20;
    /** How long a borrower waits for a compaction to finish before its statement fails. */
    private static final long PAUSE_WAIT_SECONDS = 60;
    /**
     * How long a compaction waits for the transactions in flight (milliseconds, normally) before it is put off to
     * the next call; new statements wait meanwhile, so this bounds what a stuck transaction costs the others.
     */
    private static final long DRAIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long a good file identity check is trusted (a stat per statement would be wasted). */
    private static final long FILE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String url;
    private final Path file;
    /** Re-recorded by each compaction (the compacted copy is a new file). */
    private volatile Object fileKey;
    /** The file's size at open or after the last compaction: what growth is measured against. */
    private volatile long baseline;
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
    /** Every borrower is inside from before its connection is taken until it is handed back; a compaction pauses it. */
    private final Gate gate = new Gate();
    /** One compaction at a time; {@link #close} waits for a running one. */
    private final ReentrantLock compacting = new ReentrantLock();
    /** Odd while a compaction replaces the file: an identity check racing with it must not take it for a swap. */
    private volatile long epoch;
    /** Set when the database could not be reopened after a compaction; retried by the next compactIfGrown. */
    private volatile String reopenProblem;
    /** Connections handed out by {@link #connection()} and not closed yet: a compaction waits for none. */
    private final AtomicInteger unpooled = new AtomicInteger();

    private final String user;
    private final String password;
    private final Vendor vendor;
    /** A server database's pool; null for the embedded H2 file (whose own pool is {@link #idle}). */
    private final com.zaxxer.hikari.HikariDataSource serverPool;
    /** Through a running daemon's TCP server (see {@link #connect}); null when this process opened the file. */
    private final DaemonEndpoint via;
    /** The TCP server of {@link #share}, while this process serves the database to the others. */
    private volatile org.h2.tools.Server server;

    private Database(String url, Path file, Object fileKey, long size) {
        this(url, file, fileKey, size, USER, "", null);
    }

    private Database(String url, Path file, Object fileKey, long size, String user, String password, DaemonEndpoint via) {
        this(url, file, fileKey, size, user, password, via, Vendor.H2, null);
    }

    private Database(String url, Path file, Object fileKey, long size, String user, String password, DaemonEndpoint via,
                     Vendor vendor, com.zaxxer.hikari.HikariDataSource serverPool) {
        this.vendor = vendor;
        this.serverPool = serverPool;
        this.user = user;
        this.password = password;
        this.via = via;
        this.url = url;
        this.file = file;
        this.fileKey = fileKey;
        this.baseline = size;
        this.fileCheckedAt = System.nanoTime();
    }

    public static Database open(Path dataDir) {
        return open(dataDir, MIN_GROWTH_BYTES);
    }

    /** The database {@code backend} names: the embedded file in {@code dataDir}, or the server, migrated. */
    public static Database open(Backend backend, Path dataDir) {
        return backend.embedded() ? open(dataDir) : openServer(backend);
    }

    /**
     * A server database (PostgreSQL, or H2 over TCP) through a HikariCP pool of {@link Backend#poolSize()}
     * connections, migrated in place: PostgreSQL runs each migration in a transaction of its own (its DDL is
     * transactional), and Flyway's lock on its history table keeps two processes starting at once from both
     * migrating.
     */
    static Database openServer(Backend backend) {
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(backend.url());
        if (backend.user() != null) config.setUsername(backend.user());
        if (backend.password() != null) config.setPassword(backend.password());
        config.setMaximumPoolSize(backend.poolSize());
        config.setMinimumIdle(Math.min(2, backend.poolSize()));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(20)); // as the H2 side's borrow
        config.setPoolName("newsvault-db");
        // A database that cannot be reached fails open at once with the driver's reason, not on the first statement.
        config.setInitializationFailTimeout(1);
        com.zaxxer.hikari.HikariDataSource pool = null;
        try {
            pool = new com.zaxxer.hikari.HikariDataSource(config);
            Vendor vendor = backend.vendor();
            SchemaMigration.migrateInPlace(pool, vendor);
            return new Database(backend.url(), null, null, 0, backend.user(), backend.password(), null, vendor, pool);
        } catch (RuntimeException e) {
            if (pool != null) pool.close();
            throw new StoreException("cannot open the database " + backend.describe() + ": " + rootMessage(e), e);
        }
    }

    /** The engine: its SQL is the same in every repository, its migrations are per vendor. */
    public Vendor vendor() {
        return vendor;
    }

    /**
     * True when the database is a server that other processes (and nodes) use directly: commands then connect
     * to it themselves while a daemon runs, rather than through the daemon ({@link #share}).
     */
    public boolean shared() {
        return serverPool != null;
    }

    /** Tests: {@code minGrowthBytes} lowers (or, with Long.MAX_VALUE, switches off) the compaction at close. */
    static Database open(Path dataDir, long minGrowthBytes) {
        try {
            finishInterruptedCompaction(dataDir);
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
            Database db = new Database(url, file, key(a), a.size());
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
    private volatile Connection keepOpen;

    /**
     * The remains of a compaction killed half-way, before anything else looks at the directory. H2 copies the
     * live pages to {@code .tempFile} and renames it over the file once complete; where the rename cannot be
     * atomic it moves it to {@code .newFile}, deletes the file and renames {@code .newFile} into place. So a
     * {@code .tempFile} is an incomplete copy (the file beside it is whole), and a {@code .newFile} is complete:
     * it is the database when the file itself is gone. H2 does the same when it opens the file, but only
     * after {@link SchemaMigration} would have taken a missing file for a new, empty database.
     */
    static void finishInterruptedCompaction(Path dataDir) throws IOException {
        Path live = dataDir.resolve(FILE);
        Path temp = dataDir.resolve(FILE + ".tempFile");
        Path complete = dataDir.resolve(FILE + ".newFile");
        if (Files.deleteIfExists(temp)) log.warn("{}: an interrupted compaction's incomplete copy, deleted", temp);
        if (!Files.exists(complete)) return;
        if (Files.exists(live)) {
            Files.delete(complete);
            log.warn("{}: an interrupted compaction's copy beside the database, deleted", complete);
        } else {
            Files.move(complete, live, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.warn("{}: an interrupted compaction's complete copy, renamed to {}", complete, live);
        }
    }

    private static Object key(BasicFileAttributes a) {
        return a.fileKey() != null ? a.fileKey() : a.creationTime();
    }

    static JdbcConnectionPool pool(Path dataDir, String name) {
        return JdbcConnectionPool.create(url(dataDir, name), USER, "");
    }

    private static final String USER = "newsvault";

    private static String url(Path dataDir, String name) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name)
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;COMPRESS=TRUE;MAX_COMPACT_TIME=0"
            + ";CACHE_SIZE=" + cacheKilobytes(Runtime.getRuntime().maxMemory());
    }

    /**
     * H2's page cache, in KB: an eighth of the heap, between H2's default of 16 MB and 128 MB. Every
     * archived article inserts into indexes whose keys are spread over the whole archive (URLs, content
     * hashes), so once an archive's indexes outgrow the cache each insert reads and decompresses pages
     * again; a cache that grows with the heap keeps the poll's cost flat for longer. A daemon run with
     * {@code -Xmx64m} keeps the 16 MB default, so its memory does not change.
     */
    static long cacheKilobytes(long maxHeapBytes) {
        long kb = maxHeapBytes / 8 / 1024;
        return Math.max(16 * 1024, Math.min(128 * 1024, kb));
    }

    /** A connection of its own (not pooled) for long work on one thread, such as a bulk import; close it. */
    public Connection connection() {
        if (serverPool != null) {
            try {
                return serverPool.getConnection();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        enter();
        try {
            checkFile();
            Connection c = physical();
            unpooled.incrementAndGet();
            return counted(c);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            gate.leave();
        }
    }

    /** {@code c}, counted in {@link #unpooled} until it is closed. */
    private Connection counted(Connection c) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("close") && method.getParameterCount() == 0 && done.compareAndSet(false, true)) {
                    unpooled.decrementAndGet();
                }
                try {
                    return method.invoke(c, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    /** Enters {@link #gate}, waiting (bounded) while a compaction runs; the caller leaves it. */
    private void enter() {
        try {
            if (!gate.enter(TimeUnit.SECONDS.toNanos(PAUSE_WAIT_SECONDS))) {
                throw new StoreException("database: paused for compaction for more than " + PAUSE_WAIT_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("database: interrupted", e);
        }
        String r = reopenProblem;
        if (r != null) {
            gate.leave();
            throw new StoreException("database: " + r, null);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        enter();
        try {
            return inTransactionEntered(work);
        } finally {
            gate.leave();
        }
    }

    private <T> T inTransactionEntered(SqlWork<T> work) {
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
            throw failure(e);
        } finally {
            giveBack(c, healthy);
        }
    }

    private final GroupCommit group = new GroupCommit(this);

    /**
     * Runs {@code work} in a transaction shared with the grouped work of other threads at the same moment
     * (see {@link GroupCommit}): one commit for all of them. Returns once that transaction is committed;
     * {@code work} runs under its own savepoint, so when it fails, it fails alone (and throws here).
     * Keep it small: the others wait for it.
     */
    public <T> T grouped(SqlWork<T> work) {
        return group.run(work);
    }

    /** Tests: callers waiting for the next grouped transaction. */
    int groupQueued() {
        return group.queued();
    }

    /** Runs {@code work} on an auto-commit connection. */
    public <T> T read(SqlWork<T> work) {
        enter();
        try {
            return readEntered(work);
        } finally {
            gate.leave();
        }
    }

    private <T> T readEntered(SqlWork<T> work) {
        checkFile();
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            // A statement that failed leaves nothing open in auto-commit; only an exception from the
            // work's own code (not SQL) makes us doubt the connection's state.
            giveBack(c, healthy || isAutoCommit(c));
        }
    }

    private Connection physical() throws SQLException {
        return physical(url, user, password);
    }

    private static Connection physical(String url) throws SQLException {
        return physical(url, USER, "");
    }

    private static Connection physical(String url, String user, String password) throws SQLException {
        var ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds.getConnection();
    }

    /** The user other processes log in as through {@link #share}: an admin, with a new password each run. */
    static final String CLIENT_USER = "NV_CLIENT";

    /**
     * Serves this (file-opened) database to the other newsvault commands while the daemon runs: H2's TCP server
     * on a free loopback port (H2 refuses connections from other machines unless told otherwise), limited to this
     * data directory and to databases that exist, with a fresh random password for {@value #CLIENT_USER}; then
     * writes {@link DaemonEndpoint} for them. {@link #unshare} (and {@link #close}) stop it. A {@link #shared()}
     * database serves nothing: null.
     */
    public DaemonEndpoint share(Path dataDir) {
        if (serverPool != null) return null; // every process reaches the server itself
        if (via != null || keepOpen == null) throw new IllegalStateException("only the process that opened the file serves it");
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        String pw = java.util.HexFormat.of().formatHex(secret);
        try {
            read(c -> {
                try (var st = c.createStatement()) {
                    st.execute("CREATE USER IF NOT EXISTS " + CLIENT_USER + " PASSWORD '" + pw + "' ADMIN");
                    st.execute("ALTER USER " + CLIENT_USER + " SET PASSWORD '" + pw + "'");
                }
                return null;
            });
            var s = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifExists", "-tcpDaemon",
                "-baseDir", dataDir.toAbsolutePath().toString()).start();
            server = s;
            DaemonEndpoint e = new DaemonEndpoint(ProcessHandle.current().pid(), s.getPort(), pw);
            e.write(dataDir);
            log.info("database shared with other newsvault commands on 127.0.0.1:{}", s.getPort());
            return e;
        } catch (SQLException | IOException e) {
            unshare(dataDir);
            throw new StoreException("cannot share the database with other commands: " + rootMessage(e), e);
        }
    }

    /** Stops serving: the endpoint file goes first, so no command starts on a server about to stop. */
    public void unshare(Path dataDir) {
        DaemonEndpoint.delete(dataDir);
        var s = server;
        server = null;
        if (s != null) s.stop();
    }

    /**
     * The database of a running daemon, through its TCP server ({@link #share}): no migration (the daemon ran it;
     * a different schema version is refused), no file checks and no compaction (the daemon's).
     */
    static Database connect(Path dataDir, DaemonEndpoint e) {
        String url = "jdbc:h2:tcp://127.0.0.1:" + e.port() + "/" + NAME + ";LOCK_TIMEOUT=20000";
        Database db = new Database(url, dataDir.resolve(FILE), null, 0, CLIENT_USER, e.password(), e);
        try {
            SchemaMigration.requireCurrent(url, CLIENT_USER, e.password());
        } catch (SQLException | RuntimeException ex) {
            throw new StoreException("cannot reach the running daemon's database (pid " + e.pid() + ", port " + e.port()
                + "): " + rootMessage(ex), ex);
        }
        return db;
    }

    /** Whether this process reaches the database through a running daemon rather than opening the file. */
    public boolean throughDaemon() {
        return via != null;
    }

    /**
     * The words for a failed statement: through the daemon, a broken connection means it stopped (or was killed)
     * while this command ran, which is what the user must hear, not H2's "session closed".
     */
    private volatile boolean daemonGone;

    /**
     * True once a statement found the daemon gone ({@link DaemonGoneException}): a bulk command stops taking new
     * items then, since each would fail for the same reason.
     */
    public boolean daemonGone() {
        return daemonGone;
    }

    private StoreException failure(SQLException e) {
        if (via != null && (e.getErrorCode() == org.h2.api.ErrorCode.CONNECTION_BROKEN_1
            || e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_CLOSED)) {
            daemonGone = true;
            return new DaemonGoneException("database: the daemon (pid " + via.pid()
                + ") closed the archive while this command ran; run it again", e);
        }
        return new StoreException("database: " + e.getMessage(), e);
    }

    /**
     * An idle connection, else a new one while fewer than {@link #MAX_CONNECTIONS} are open (a permit per
     * open connection), else the next one handed back or freed, for up to 20 s.
     */
    private Connection borrow() {
        if (serverPool != null) {
            if (closed) throw new StoreException("database: closed", null);
            try {
                return serverPool.getConnection();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
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
                    throw failure(e);
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
        if (serverPool != null) {
            // Hikari resets auto-commit and discards a connection whose state it cannot vouch for.
            if (!reusable) serverPool.evictConnection(c);
            else closeQuietly(c);
            return;
        }
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
        String r = reopenProblem;
        if (r != null) return Optional.of(r);
        if ((epoch & 1) == 1) return Optional.empty(); // our own compaction: paused for seconds, not broken
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
        String r = reopenProblem;
        if (r != null) throw new StoreException("database: " + r, null);
        long now = System.nanoTime();
        if (now - fileCheckedAt < FILE_CHECK_NANOS) return;
        // A seqlock against our own compaction, which replaces the file and then re-records its identity: a
        // check it overlapped (odd epoch, or a changed one) proves nothing and is not held against the file.
        long e = epoch;
        if ((e & 1) == 1) return;
        String p = identityProblem();
        if (p != null && epoch != e) return;
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
            return Objects.equals(key(a), fileKey) ? null : "database file " + file + " was deleted or replaced";
        } catch (NoSuchFileException e) {
            return "database file " + file + " was deleted or replaced";
        } catch (IOException e) {
            return "database file " + file + " cannot be read: " + e.getMessage();
        }
    }

    long sizeOnDisk() {
        if (file == null) return 0;
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The database file's path ({@code data/newsvault.mv.db}); null for a server database. */
    public Path file() {
        return file;
    }

    /** Before and after sizes of {@link #compactOffline} or {@link #compactIfGrown}, in bytes. */
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
        // Not held up by a compaction (the health check answers at once): the store is paused, not broken.
        if (!gate.tryEnter()) return reopenProblem == null;
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
        } finally {
            gate.leave();
        }
    }

    /** {@link #compactIfGrown(double, long)} with {@link #COMPACT_FACTOR} and {@link #COMPACT_MIN_BYTES}. */
    public Optional<Compaction> compactIfGrown() {
        return compactIfGrown(COMPACT_FACTOR, COMPACT_MIN_BYTES);
    }

    /**
     * Compacts the open database with {@code SHUTDOWN COMPACT} when its file is more than {@code factor} times
     * its size after the last compaction (or at open) and at least {@code minBytes} larger. Pauses the store
     * meanwhile: new borrowers wait (up to {@value #PAUSE_WAIT_SECONDS} s), transactions in flight finish first
     * (when they have not within 10 s, or a {@link #connection()} is open, it is put off to the next call).
     * Logs one line. When the database cannot be reopened, every statement fails and {@link #problem()} says
     * why; the next call tries to reopen it again. A check is a stat; call it as often as you like.
     *
     * @return the sizes, when it compacted
     */
    public Optional<Compaction> compactIfGrown(double factor, long minBytes) {
        if (serverPool != null) return Optional.empty(); // the server's own (VACUUM, autovacuum)
        if (closed || !compacting.tryLock()) return Optional.empty();
        try {
            if (closed) return Optional.empty();
            if (reopenProblem != null) {
                pausedToReopen();
                return Optional.empty();
            }
            long size = sizeOnDisk();
            if (fileProblem != null || keepOpen == null || size <= factor * baseline || size - baseline < minBytes) {
                return Optional.empty();
            }
            if (!pause()) {
                log.info("database compaction put off: transactions still running after {} s",
                    TimeUnit.NANOSECONDS.toSeconds(DRAIN_WAIT_NANOS));
                return Optional.empty();
            }
            try {
                if (closed) return Optional.empty();
                if (unpooled.get() > 0) {
                    log.info("database compaction put off: {} connections of a bulk job are open", unpooled.get());
                    return Optional.empty();
                }
                int others = clientSessionsPaused();
                if (others > 0) {
                    log.info("database compaction put off: {} sessions of other newsvault commands are open", others);
                    return Optional.empty();
                }
                return Optional.ofNullable(compactPaused(size));
            } finally {
                gate.resume();
            }
        } finally {
            compacting.unlock();
        }
    }

    /**
     * Sessions of other processes through {@link #share} (a compaction would cut them off), counted while the gate
     * is paused (on the held-open connection: borrowers wait).
     */
    private int clientSessionsPaused() {
        if (server == null) return 0;
        try (var st = keepOpen.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = '" + CLIENT_USER + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 1; // unknown: do not cut anyone off
        }
    }

    /** Tests: a compaction waits for borrowers (or runs); new borrowers wait. */
    boolean compactionPending() {
        return gate.paused();
    }

    /** Pauses {@link #gate}: true once every borrowed connection is handed back. */
    private boolean pause() {
        try {
            return gate.pause(DRAIN_WAIT_NANOS, () -> closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pausedToReopen() {
        if (!pause()) return;
        try {
            reopen();
        } finally {
            gate.resume();
        }
    }

    /** With every borrower out: closes everything with SHUTDOWN COMPACT and reopens. Null when H2 failed. */
    private Compaction compactPaused(long before) {
        long start = System.nanoTime();
        epoch++;
        String failure = null;
        try {
            // Idle connections would be closed by the shutdown anyway; their permits are free again.
            for (Connection c; (c = idle.poll()) != null; ) {
                closeQuietly(c);
                open.release();
            }
            Connection c = keepOpen;
            keepOpen = null;
            try (var st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                failure = rootMessage(e); // H2 closes the database either way; the old file is whole
            } finally {
                closeQuietly(c);
            }
            reopen();
        } finally {
            epoch++;
        }
        long after = sizeOnDisk();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failure != null) {
            log.warn("database not compacted ({} bytes): {}; {}", before, failure,
                reopenProblem == null ? "reopened in " + ms + " ms" : reopenProblem);
            return null;
        }
        if (reopenProblem != null) return null;
        log.info("database compacted from {} to {} bytes ({}x smaller) in {} ms, store paused meanwhile", before,
            after, String.format(java.util.Locale.ROOT, "%.1f", after == 0 ? 0.0 : (double) before / after), ms);
        return new Compaction(before, after);
    }

    /** Tests: runs between the shutdown of a compaction and the reopening, to make the reopening fail. */
    volatile Runnable beforeReopen = () -> {};

    /** Opens the held-open connection again and records the file it opened; or records why it could not. */
    private void reopen() {
        Connection c = null;
        try {
            beforeReopen.run();
            c = physical();
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            fileKey = key(a);
            baseline = a.size();
            fileCheckedAt = System.nanoTime();
            keepOpen = c;
            if (reopenProblem != null) log.info("database {} reopened", file);
            reopenProblem = null;
        } catch (SQLException | IOException | RuntimeException e) {
            if (c != null) closeQuietly(c);
            String p = "database " + file + " could not be reopened after compaction: " + rootMessage(e);
            if (!p.equals(reopenProblem)) log.error("{}; every statement fails until it can be", p);
            reopenProblem = p;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        compacting.lock(); // a running compaction finishes first; a waiting one gives up (it sees closed)
        try {
            closeStore();
        } finally {
            compacting.unlock();
        }
    }

    private void closeStore() {
        if (serverPool != null) {
            serverPool.close(); // waits for nothing: connections in use are closed as they come back
            return;
        }
        var s = server;
        server = null;
        if (s != null) s.stop(); // the endpoint file is the caller's (unshare); sessions of others end here
        Connection keepOpen = this.keepOpen;
        if (keepOpen == null) { // never reopened after a compaction: nothing is open
            for (Connection c; (c = idle.poll()) != null; ) closeQuietly(c);
            return;
        }
        try (Connection c = physical(); var st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException ignored) {
            // closing anyway; H2 recovers from its own log
        }
        // Connections in use are closed by their borrowers (giveBack sees closed); the last close shuts H2.
        for (Connection c; (c = idle.poll()) != null; ) closeQuietly(c);
        long size = sizeOnDisk();
        long baseline = this.baseline;
        if (fileProblem == null && size >= (long) GROWTH * baseline && size - baseline >= minGrowthBytes) {
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
