package org.newsvault.export;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files an import reads. A file named on the command line is always read; inside a folder only
 * article-like files ({@code .md}, {@code .markdown}, {@code .txt}) are, and the parts of a Jekyll site or
 * archive that are not articles (hidden entries, {@code _site}/{@code _layouts}/..., {@code lists/}, README,
 * index and LICENSE pages) are passed over. Symbolic links inside folders are not followed, so a link
 * cannot pull files from outside the tree or loop. Files come in a stable order (sorted by path).
 */
final class ImportSources {
    /** One file to read, with its size as seen by the walk (for the memory budget). */
    record Source(Path file, long size) {}

    private static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt");
    private static final Set<String> KEPT_UNDERSCORE_DIRS = Set.of("_posts", "_drafts");

    private ImportSources() {}

    static List<Source> collect(List<Path> roots) throws IOException {
        List<Source> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) throw new IllegalArgumentException("no such file or folder: " + root);
            if (!Files.isDirectory(root)) {
                Path real = root.toRealPath();
                if (seen.add(real)) out.add(new Source(real, Files.size(real)));
                continue;
            }
            List<Source> found = new ArrayList<>();
            Path realRoot = root.toRealPath();
            Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(realRoot) || wantedDir(dir.getFileName().toString())
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && wantedFile(file.getFileName().toString())) {
                        found.add(new Source(file, attrs.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Reported by the reader when it is a file; an unreadable folder is simply not walked.
                    if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) found.add(new Source(file, 0));
                    return FileVisitResult.CONTINUE;
                }
            });
            found.sort(Comparator.comparing(s -> s.file().toString()));
            for (Source s : found) if (seen.add(s.file())) out.add(s);
        }
        return out;
    }

    static boolean wantedDir(String name) {
        if (name.startsWith(".") || name.equals("lists") || name.equals("node_modules")) return false;
        return !name.startsWith("_") || KEPT_UNDERSCORE_DIRS.contains(name);
    }

    static boolean wantedFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(".") || lower.startsWith("readme") || lower.startsWith("license")
            || lower.equals("index.md") || lower.equals("404.md")) {
            return false;
        }
        int dot = lower.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(lower.substring(dot + 1));
    }
}
