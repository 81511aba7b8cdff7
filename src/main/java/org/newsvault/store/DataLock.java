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
 * Exclusive lock on a data directory ({@code data/newsvault.lock}), so a second newsvault process on the
 * same data is refused at start instead of corrupting it. The OS releases the lock when the process
 * dies, even by SIGKILL, so a stale lock file never blocks a restart.
 */
public final class DataLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataLock acquire(Path dataDir) {
        Path file = dataDir.resolve("newsvault.lock");
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
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                ch.close();
                throw new IllegalStateException("another newsvault process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is using " + dataDir + "; stop it first");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new DataLock(ch, l);
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
