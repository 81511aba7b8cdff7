package org.newsvault.verify;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * Walks the archive (and the data folders that stage temp files) for what no row accounts for: temp
 * files a crash left ({@code *.tmp-*}, deleted by {@code --repair}) and article files without a row
 * (moved to {@code archive/.orphans/}, never deleted). An article file is a {@code .md} or {@code .txt}
 * (imported plain-variant) file inside an outlet folder; files at the archive root, hidden folders ({@code .git}, {@code .orphans}) and
 * {@code *.revisions} folders are not articles. Symbolic links are not followed.
 */
final class ArchiveWalk {
    static final String ORPHANS = ".orphans";

    private final Path archive;
    private final FileIndex index;
    private final boolean repair;
    private final Consumer<Problem> out;

    /**
     * While the daemon runs, a temp file this young is its write in progress (a page of a slow feed can take
     * minutes between a blob's staging and its rename, never an hour): left alone and not reported.
     */
    static final java.time.Duration IN_FLIGHT = java.time.Duration.ofHours(1);
    private boolean live;
    private int inFlight;

    /** The daemon runs: its young temps are in flight (see {@link #IN_FLIGHT}). */
    ArchiveWalk live() {
        this.live = true;
        return this;
    }

    int inFlight() {
        return inFlight;
    }

    ArchiveWalk(Path archive, FileIndex index, boolean repair, Consumer<Problem> out) {
        this.archive = archive.toAbsolutePath().normalize();
        this.index = index;
        this.repair = repair;
        this.out = out;
    }

    /** Reports (and with repair deletes) the temp files under {@code dir}. */
    void temps(Path dir) {
        walk(dir.toAbsolutePath().normalize(), false);
    }

    /** Temps and orphans of the archive; returns how many article files it holds. */
    long archive() {
        return walk(archive, true);
    }

    private long walk(Path root, boolean articles) {
        if (!Files.isDirectory(root)) return 0;
        long[] files = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || name.endsWith(".revisions"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
                    String name = file.getFileName().toString();
                    if (name.contains(".tmp-")) {
                        if (live && attrs.lastModifiedTime().toInstant().isAfter(java.time.Instant.now().minus(IN_FLIGHT))) {
                            inFlight++;
                        } else {
                            temp(file);
                        }
                    } else if (articles && isArticleName(name) && !file.getParent().equals(root)) {
                        files[0]++;
                        orphan(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    out.accept(new Problem(Problem.Kind.ORPHAN_FILE, file.toString(), "cannot read: " + ArticleCheck.oneLine(e), null));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            out.accept(new Problem(Problem.Kind.ORPHAN_FILE, root.toString(), "cannot walk: " + ArticleCheck.oneLine(e), null));
        }
        return files[0];
    }

    private void temp(Path file) {
        Problem p = new Problem(Problem.Kind.TEMP_FILE, display(file), "left by an interrupted write", null);
        if (repair) {
            try {
                Files.deleteIfExists(file);
                p = p.repairedBy("deleted");
            } catch (IOException e) {
                p = new Problem(p.kind(), p.where(), p.detail() + "; cannot delete: " + ArticleCheck.oneLine(e), null);
            }
        }
        out.accept(p);
    }

    /** {@code .md} as newsvault writes them, {@code .txt} as imported plain-variant files are named. */
    private static boolean isArticleName(String name) {
        return name.endsWith(".md") || name.endsWith(".txt");
    }

    private void orphan(Path file) {
        String relative = archive.relativize(file).toString().replace('\\', '/');
        if (index.owned(relative)) return;
        Problem p = new Problem(Problem.Kind.ORPHAN_FILE, relative, "no article row owns this file", null);
        if (repair) {
            try {
                p = p.repairedBy("moved to " + archive.relativize(moveAside(archive, file)).toString().replace('\\', '/'));
            } catch (IOException e) {
                p = new Problem(p.kind(), p.where(), p.detail() + "; cannot move: " + ArticleCheck.oneLine(e), null);
            }
        }
        out.accept(p);
    }

    private String display(Path file) {
        return file.startsWith(archive) ? archive.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    /**
     * Moves an archive file to the same relative path under {@code .orphans/} (with {@code .1}, {@code .2}, …
     * appended when taken), so nothing a user may want is lost.
     */
    static Path moveAside(Path archive, Path file) throws IOException {
        Path root = archive.toAbsolutePath().normalize();
        Path target = root.resolve(ORPHANS).resolve(root.relativize(file.toAbsolutePath().normalize()));
        Files.createDirectories(target.getParent());
        Path free = target;
        for (int n = 1; Files.exists(free); n++) free = target.resolveSibling(target.getFileName() + "." + n);
        return Files.move(file, free, StandardCopyOption.ATOMIC_MOVE);
    }
}
