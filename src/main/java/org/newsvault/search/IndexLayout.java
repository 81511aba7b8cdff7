package org.newsvault.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.newsvault.model.IoReasons;

/**
 * The index root on disk: generations {@code g000001/}, {@code g000002/} ... (each a complete Lucene
 * index) and the file {@code current} naming the one in use. A rebuild writes a new generation and then
 * replaces {@code current} by an atomic rename, so a crash at any moment leaves the old index or the new
 * one, never half of one; a generation that {@code current} does not name is a leftover and is deleted.
 * {@code index.lock} (an OS file lock) keeps a second writer out: the daemon and {@code reindex} cannot
 * both write.
 */
final class IndexLayout {
    static final String POINTER = "current";
    static final String LOCK = "index.lock";
    private static final Pattern GENERATION = Pattern.compile("g\\d{6,9}");

    private IndexLayout() {
    }

    /** The generation {@code current} names, if it names a well-formed one. */
    static Optional<String> current(Path root) throws IOException {
        try {
            String name = Files.readString(root.resolve(POINTER), StandardCharsets.UTF_8).strip();
            return GENERATION.matcher(name).matches() ? Optional.of(name) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static String next(Path root) throws IOException {
        long max = 0;
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (GENERATION.matcher(n).matches()) max = Math.max(max, Long.parseLong(n.substring(1)));
            }
        }
        return String.format(java.util.Locale.ROOT, "g%06d", max + 1);
    }

    /** Makes {@code generation} the current one: write aside, fsync, rename over, fsync the folder. */
    static void publish(Path root, String generation) throws IOException {
        Path tmp = root.resolve(POINTER + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((generation + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve(POINTER), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename is still atomic there.
        }
    }

    /** Deletes every generation but {@code keep}: leftovers of a crashed rebuild, replaced indexes. */
    static void removeOthers(Path root, String keep) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (GENERATION.matcher(n).matches() && !n.equals(keep)) deleteTree(p);
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(q);
        }
    }

    /** The writer's lock on the root, held until closed. */
    static Closeable lock(Path root) {
        try {
            Files.createDirectories(root);
            Directory dir = FSDirectory.open(root);
            try {
                Lock lock = NativeFSLockFactory.INSTANCE.obtainLock(dir, LOCK);
                return () -> {
                    try (dir) {
                        lock.close();
                    }
                };
            } catch (LockObtainFailedException e) {
                dir.close();
                throw new SearchException("the search index " + root + " is in use by another process"
                        + " (is the daemon running?)");
            }
        } catch (IOException e) {
            throw new SearchException("cannot open the search index " + root + ": " + IoReasons.of(e), e);
        }
    }
}
