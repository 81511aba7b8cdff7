package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where export files may go: always inside the output folder, whatever a stored path says. */
final class OutputPaths {
    private OutputPaths() {}

    /**
     * {@code root/relative}, refusing absolute paths, {@code ..}, empty and hidden segments, so a tampered
     * database row cannot make an export write outside {@code root}.
     */
    static Path inside(Path root, String relative) throws IOException {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")) {
            throw new IOException("unsafe file path in the archive: '" + relative + "'");
        }
        for (String seg : relative.split("/", -1)) {
            if (seg.isEmpty() || seg.startsWith(".") || seg.indexOf('\0') >= 0) {
                throw new IOException("unsafe file path in the archive: '" + relative + "'");
            }
        }
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root.normalize())) throw new IOException("unsafe file path in the archive: '" + relative + "'");
        return p;
    }

    /** A file name made of {@code name}: no separators, reserved or control characters, not hidden. */
    static String fileName(String name, String fallback) {
        StringBuilder sb = new StringBuilder();
        (name == null ? "" : name).codePoints().forEach(c -> {
            boolean bad = c < 0x20 || (c >= 0x7F && c <= 0x9F) || "/\\:*?\"<>|".indexOf(c) >= 0;
            sb.appendCodePoint(bad ? '-' : c);
        });
        String s = sb.toString().strip();
        if (s.isEmpty() || s.startsWith(".") || s.length() > 120) return fallback;
        return s;
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
    }

    /** A temp file beside {@code target}; {@link #commit} moves it into place, so a failed export leaves no half file. */
    static Path temp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createFile, not createTempFile: the result keeps the permissions the user's umask gives, not 0600
        String name = "." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".partial";
        return Files.createFile(dir.resolve(name));
    }

    static void commit(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
