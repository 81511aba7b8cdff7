package org.newsvault.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one export is written, so that {@code --out} only ever holds the previous export or the complete new one.
 *
 * <p>Everything is written beside the target on the same file system — a folder {@code .<name>.partial-<pid>} for
 * seed and jekyll, a file {@code .<name>.partial-<pid>-<n>} for jsonl and warc — and renamed into place by
 * {@link #commit}. A folder export replaces an old one whole: the old folder is renamed aside, the new one into its
 * place, the old one deleted, so no file of an earlier export survives. Whatever fails before the commit is
 * deleted by {@link #close}; what a killed process left (its pid no longer runs, or runs a process started after it)
 * is deleted by the next export to the same target, and so are the {@code .<name>.<hex>.partial} files older
 * versions left.
 *
 * <p>What may be replaced: a missing path; an empty folder; a folder holding {@value #MARKER} (written into every
 * folder export) or, from before the marker, a seed ({@code articles/}, {@code lists/} only) or jekyll export
 * ({@code _config.yml} written by newsvault); an existing jsonl or warc file with {@code force}. Anything else is
 * refused with {@link IllegalArgumentException} before a byte is written: an export never deletes a folder it
 * did not make.
 */
final class ExportTarget implements AutoCloseable {
    /** The file that makes a folder recognisably a newsvault export (Jekyll and list pages skip dot files). */
    static final String MARKER = ".newsvault-export";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final Set<String> SEED_ENTRIES = Set.of("articles", "lists");

    private final Path target;
    private final Path temp;
    private final boolean tree;
    private final String format;
    private boolean committed;

    private ExportTarget(Path target, Path temp, boolean tree, String format) {
        this.target = target;
        this.temp = temp;
        this.tree = tree;
        this.format = format;
    }

    /**
     * Checks that {@code out} may be replaced, removes stale partial exports beside it and creates the temp.
     *
     * @throws IllegalArgumentException when {@code out} holds something an export must not replace
     */
    static ExportTarget open(ExportFormat format, Path out, boolean force) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) throw new IllegalArgumentException("--out " + out + " is not a path an export can replace");
        String name = target.getFileName().toString();
        boolean tree = format == ExportFormat.SEED || format == ExportFormat.JEKYLL;
        String what = format.name().toLowerCase(java.util.Locale.ROOT);
        if (Files.isSymbolicLink(target)) {
            throw new IllegalArgumentException("--out " + out + " is a symbolic link; give the real path");
        }
        if (tree) {
            if (Files.exists(target) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("--out " + out + " is a file; a " + what + " export is a folder");
            }
            if (Files.isDirectory(target) && !replaceable(target)) {
                throw new IllegalArgumentException("--out " + out + " is a folder with other files in it, not an earlier newsvault"
                    + " export (it has no " + MARKER + "); export into a new or empty folder");
            }
        } else if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; a " + what + " export is one file");
        } else if (Files.exists(target) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; add --force to replace it");
        }
        Files.createDirectories(parent);
        removeStale(parent, name);
        Path temp;
        if (tree) {
            temp = parent.resolve("." + name + ".partial-" + PID);
            Files.createDirectory(temp);
        } else {
            // createFile, not createTempFile: the result keeps the permissions the user's umask gives, not 0600
            temp = Files.createFile(parent.resolve("." + name + ".partial-" + PID + "-" + SEQ.incrementAndGet()));
        }
        return new ExportTarget(target, temp, tree, what);
    }

    /** Where the export writes: the temp folder or file. */
    Path path() {
        return temp;
    }

    /** Puts the complete export in place of whatever {@code --out} held. */
    void commit() throws IOException {
        if (!tree) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return;
        }
        Files.writeString(temp.resolve(MARKER), "newsvault export\nformat: " + format + "\nexported: " + Instant.now() + "\n",
            StandardCharsets.UTF_8);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return;
        }
        // No rename swaps two folders; between these two a crash leaves the old export beside, which the next
        // export deletes (the new one is written again then).
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + PID);
        deleteTree(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        committed = true;
        try {
            deleteTree(old);
        } catch (IOException e) {
            // The new export is in place; what is left of the old one is removed by the next export.
        }
    }

    /** Deletes the temp unless committed: a failed export leaves {@code --out} as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) deleteTree(temp);
    }

    private static boolean replaceable(Path dir) throws IOException {
        if (Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) return true;
        boolean empty = true;
        boolean seedOnly = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                empty = false;
                if (!SEED_ENTRIES.contains(p.getFileName().toString()) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) seedOnly = false;
            }
        }
        if (empty || seedOnly) return true;
        Path config = dir.resolve("_config.yml");
        if (!Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) return false;
        try (var lines = Files.lines(config, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("").startsWith("# Written by `newsvault export --format jekyll`");
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static final Pattern OURS = Pattern.compile("\\.partial-([0-9]+)(?:-[0-9]+)?|\\.old-([0-9]+)");
    private static final Pattern LEGACY = Pattern.compile("\\.[0-9a-f]+\\.partial");

    /** Partial exports of {@code name} beside it whose process is gone (a kill), and older versions' temp files. */
    private static void removeStale(Path parent, String name) throws IOException {
        String prefix = "." + name;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                String rest = p.getFileName().toString().substring(prefix.length());
                Matcher m = OURS.matcher(rest);
                if (LEGACY.matcher(rest).matches() || m.matches() && stale(p, Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)))) {
                    deleteTree(p);
                }
            }
        }
    }

    /**
     * Not being written by a live export: its process is gone, or the pid now belongs to a process that started
     * after the entry was last written (pids are reused: in a container every run may be pid 1). This process's
     * own pid is always stale here, since it has not made its temp yet.
     */
    static boolean stale(Path entry, long pid) throws IOException {
        if (pid == PID) return true;
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return true;
        Optional<Instant> started = p.get().info().startInstant();
        Instant written = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
        return started.isPresent() && started.get().isAfter(written.plusSeconds(1));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) throw e;
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
