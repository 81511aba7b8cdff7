package org.newsvault.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running daemon serves its database to the other commands: {@code data/daemon.endpoint}, readable by
 * the daemon's user only, with its pid, the loopback port of H2's TCP server and the password of that run (a new
 * one each start, so a copied file is useless after a restart). Written once the server listens, deleted when it
 * stops; a file left by a killed daemon names a pid that no longer holds the {@link DataLock}, and is ignored.
 */
public record DaemonEndpoint(long pid, int port, String password) {
    static final String FILE = "daemon.endpoint";

    public DaemonEndpoint {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
        if (password == null || !password.matches("[0-9a-f]{32,128}")) throw new IllegalArgumentException("password");
    }

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** The endpoint a daemon wrote, if the file is there and well-formed. */
    public static Optional<DaemonEndpoint> read(Path dataDir) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file(dataDir), StandardCharsets.UTF_8)));
            return Optional.of(new DaemonEndpoint(Long.parseLong(p.getProperty("pid", "0").trim()),
                Integer.parseInt(p.getProperty("port", "0").trim()), p.getProperty("password", "").trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the file atomically, owner-only from its creation (a temp created 0600, then renamed). */
    void write(Path dataDir) throws IOException {
        Path target = file(dataDir);
        Path tmp = dataDir.resolve("." + FILE + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: the directory's own protection is what there is
        }
        Files.writeString(tmp, "pid=" + pid + "\nport=" + port + "\npassword=" + password + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the file (at the daemon's stop, or a dead daemon's by the next process holding the lock). */
    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException ignored) {
            // a stale file names a pid without the lock: readers ignore it
        }
    }
}
