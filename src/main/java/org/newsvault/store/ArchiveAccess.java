package org.newsvault.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one process reaches an archive's database. Alone: it holds the {@link DataLock} and opens the H2 file
 * itself (it may then run recovery, migrate and compact). Through the daemon: another process holds the lock,
 * and it is a running {@code newsvault run} that serves the database on loopback ({@link Database#share},
 * {@link DaemonEndpoint}); the command then works on the daemon's live database as a client. This is the same
 * shape as several processes on one PostgreSQL: every process but the owner is a client of a database server,
 * and nothing depends on being the only writer (dedupe takes a row lock in the database, not a JVM lock).
 *
 * <p>A holder that is not a daemon (an offline {@code import}, say) does not serve; the command is refused with
 * its pid and name. A daemon still starting (migration, recovery) is waited for, up to {@link #DAEMON_START_WAIT}.
 */
public final class ArchiveAccess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveAccess.class);
    /** The command name the daemon writes into the lock file. */
    public static final String DAEMON = "run";
    static final Duration DAEMON_START_WAIT = Duration.ofSeconds(60);

    /** Whether a command may work through a running daemon or needs the archive to itself. */
    public enum Need {
        /** compact, poll, run: H2's file to itself (or, for poll, no daemon polling the same feeds). */
        ALONE,
        /** Everything else: alone when nothing runs, else through the daemon. */
        ALONE_OR_DAEMON
    }

    private final Database db;
    private final DataLock lock;

    private ArchiveAccess(Database db, DataLock lock) {
        this.db = db;
        this.lock = lock;
    }

    /**
     * @param command this process's command, named in the lock file for others' messages
     * @throws IllegalStateException when the archive is in use and cannot be shared (its holder named)
     * @throws StoreException when the database cannot be opened or reached
     */
    public static ArchiveAccess open(Path dataDir, String command, Need need) {
        return open(Backend.EMBEDDED, dataDir, command, need);
    }

    /**
     * As {@link #open(Path, String, Need)}, on the database {@code backend} names; on a server database every
     * command is a client of the server (no lock, no recovery): for a node's own access see the next form.
     */
    public static ArchiveAccess open(Backend backend, Path dataDir, String command, Need need) {
        return open(backend, dataDir, null, command, need);
    }

    /**
     * As {@link #open(Backend, Path, String, Need)}; on a server database the commands that need the archive to
     * themselves ({@code run}, {@code poll}, {@code compact}) are one node of several ({@link #coordinated}, under
     * {@code node}'s lock: the exclusive lock would keep the other nodes out), and every other command is a client of
     * the server, with no lock and no recovery (a node may be writing the very files a recovery would finish).
     */
    public static ArchiveAccess open(Backend backend, Path dataDir, String node, String command, Need need) {
        if (!backend.embedded()) {
            Database db = Database.open(backend, dataDir);
            if (need == Need.ALONE_OR_DAEMON || node == null) return new ArchiveAccess(db, null);
            try {
                return coordinated(dataDir, node, command, db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        try {
            return attempt(dataDir, command, need);
        } catch (StoreException e) {
            // The daemon stopped (or was killed) between our look at the lock and our connection: its lock is
            // free now, and the archive is ours to open alone.
            if (DataLock.holder(dataDir).alive()) throw e;
            return attempt(dataDir, command, need);
        }
    }

    /** The embedded H2 file: alone under the exclusive lock, or through the daemon that holds it. */
    private static ArchiveAccess attempt(Path dataDir, String command, Need need) {
        Optional<DataLock> lock = DataLock.tryAcquire(dataDir, command);
        if (lock.isPresent()) {
            try {
                DaemonEndpoint.delete(dataDir); // a killed daemon's: nobody serves it
                return new ArchiveAccess(Database.open(dataDir), lock.get());
            } catch (RuntimeException e) {
                lock.get().close();
                throw e;
            }
        }
        DataLock.Holder holder = DataLock.holder(dataDir);
        if (need == Need.ALONE || !DAEMON.equals(holder.command())) {
            throw new IllegalStateException(inUse(dataDir, holder, need));
        }
        return new ArchiveAccess(Database.connect(dataDir, awaitEndpoint(dataDir, holder)), null);
    }

    private static String inUse(Path dataDir, DataLock.Holder holder, Need need) {
        String h = holder.describe();
        String who = "another newsvault process" + (h.isEmpty() ? "" : " (" + h + ")") + " is using " + dataDir;
        if (need == Need.ALONE) return who + "; stop it first";
        // An offline command holds H2's file: only a daemon serves it to others.
        return who + "; stop it first, or wait for it to end (only a running daemon shares the archive)";
    }

    /** The daemon's endpoint, once it has written it (it does so after migration and recovery). */
    private static DaemonEndpoint awaitEndpoint(Path dataDir, DataLock.Holder holder) {
        long deadline = System.nanoTime() + DAEMON_START_WAIT.toNanos();
        boolean told = false;
        while (true) {
            Optional<DaemonEndpoint> e = DaemonEndpoint.read(dataDir);
            if (e.isPresent() && e.get().pid() == holder.pid()) return e.get();
            if (!holder.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon (" + holder.describe() + ") holds " + dataDir
                    + " but does not serve it to other commands" + (holder.alive() ? " after " + DAEMON_START_WAIT.toSeconds()
                    + " s" : " (it is not running)") + "; stop it first");
            }
            if (!told) {
                log.info("waiting for the daemon ({}) to finish starting", holder.describe());
                told = true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the daemon to start", ie);
            }
        }
    }

    /**
     * One node of several on a shared data directory, its database shared too (coordinated through it): the node's own
     * lock ({@link DataLock#tryAcquireNode}) instead of the exclusive one, so the nodes run side by side but never two
     * processes under one node name.
     *
     * @param db the shared database, opened by the caller; closed with this access
     * @throws IllegalStateException when a process of this node name holds its lock (named in the message)
     */
    public static ArchiveAccess coordinated(Path dataDir, String node, String command, Database db) {
        Optional<DataLock> lock = DataLock.tryAcquireNode(dataDir, node, command);
        if (lock.isEmpty()) {
            String h = DataLock.nodeHolder(dataDir, node).describe();
            throw new IllegalStateException("node " + node + " already runs on " + dataDir + (h.isEmpty() ? "" : " (" + h + ")")
                + "; stop it first, or give this one another name (node: in the config)");
        }
        return new ArchiveAccess(db, lock.get());
    }

    public Database db() {
        return db;
    }

    /** True when this process opened the file itself (holds the lock); false through the daemon. */
    public boolean alone() {
        return lock != null;
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            if (lock != null) lock.close();
        }
    }
}
