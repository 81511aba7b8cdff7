package org.newsvault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive lock on a data directory ({@code data/newsvault.lock}): the process holding it opens the H2 file
 * itself (H2 admits one), runs recovery and may compact. Any other process reaches the database only through
 * the daemon that holds it ({@link DaemonEndpoint}), or is refused with the holder's pid and command. The OS
 * releases the lock when the process dies, even by SIGKILL, so a stale lock file never blocks a restart.
 */
public final class DataLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    private static volatile String processCommand = "";

    /** Names this process's command (set once by the CLI) for the lock file: others' messages name it. */
    public static void describeProcessAs(String command) {
        processCommand = command == null ? "" : command.strip();
    }

    public static String processCommand() {
        return processCommand;
    }

    /** Who holds (or last held) the lock: the lock file names the pid and the command. */
    public record Holder(long pid, String command) {
        /** "pid 123, run" (or "pid 123" when an older version wrote only the pid). */
        public String describe() {
            return pid <= 0 ? "" : "pid " + pid + (command.isEmpty() ? "" : ", " + command);
        }

        public boolean alive() {
            return pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** What the lock file says, whether or not the lock is held now. */
    public static Holder holder(Path dataDir) {
        return holder(dataDir, "newsvault.lock");
    }

    private static Holder holder(Path dataDir, String lockName) {
        try {
            String[] parts = new String(Files.readAllBytes(dataDir.resolve(lockName)), StandardCharsets.UTF_8)
                .trim().split("\\s+", 2);
            return new Holder(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "");
        } catch (IOException | NumberFormatException e) {
            return new Holder(0, "");
        }
    }

    /** {@link #acquire(Path, String)} for a process that does not name its command. */
    public static DataLock acquire(Path dataDir) {
        return acquire(dataDir, "");
    }

    /**
     * The lock, or an IllegalStateException naming the holder.
     *
     * @param command what this process is ({@code run}, {@code import}, …), written beside the pid for others' messages
     */
    public static DataLock acquire(Path dataDir, String command) {
        return tryAcquire(dataDir, command).orElseThrow(() -> {
            String h = holder(dataDir).describe();
            return new IllegalStateException("another newsvault process" + (h.isEmpty() ? "" : " (" + h + ")")
                + " is using " + dataDir + "; stop it first");
        });
    }

    /** The lock, or empty when another process holds it. */
    public static java.util.Optional<DataLock> tryAcquire(Path dataDir, String command) {
        return tryAcquire(dataDir, "newsvault.lock", command);
    }

    /**
     * Several nodes on one shared data directory (coordinated through their database): each holds its own lock,
     * {@code newsvault-<node>.lock}, so two processes never run under one node name, while the nodes run side by side.
     */
    public static java.util.Optional<DataLock> tryAcquireNode(Path dataDir, String node, String command) {
        return tryAcquire(dataDir, nodeLockName(node), command);
    }

    static String nodeLockName(String node) {
        return "newsvault-" + node + ".lock";
    }

    /** Who holds (or last held) a node's lock. */
    public static Holder nodeHolder(Path dataDir, String node) {
        return holder(dataDir, nodeLockName(node));
    }

    private static java.util.Optional<DataLock> tryAcquire(Path dataDir, String lockName, String command) {
        Path file = dataDir.resolve(lockName);
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                return java.util.Optional.empty();
            }
            ch.truncate(0);
            String who = ProcessHandle.current().pid() + (command.isBlank() ? "" : " " + command.strip());
            ch.write(java.nio.ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return java.util.Optional.of(new DataLock(ch, l));
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + file + ": " + reason(e, file), e);
        }
    }

    /** The cause in words: a FileSystemException's message is often the bare path, which says nothing. */
    static String reason(IOException e, Path file) {
        // creating the data directory where a file of that name stands
        String why = e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
            : org.newsvault.model.IoReasons.of(e);
        String other = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
        return other == null || other.equals(file.toString()) || why.contains(other) ? why : why + " (" + other + ")";
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
