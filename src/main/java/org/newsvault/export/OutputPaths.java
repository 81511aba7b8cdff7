package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

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
        String s = portable(name == null ? "" : name);
        if (s.isEmpty() || s.startsWith(".") || s.length() > 120) return fallback;
        return s;
    }

    /** DOS device names: reserved in every folder, with any extension ({@code con.md}), in any case. */
    private static final Pattern WINDOWS_RESERVED =
        Pattern.compile("(?i)(con|prn|aux|nul|com[0-9\u00B9\u00B2\u00B3]|lpt[0-9\u00B9\u00B2\u00B3]|conin\\$|conout\\$)");

    /**
     * {@code name} as a file name that every common file system keeps as written (an archive is copied to Windows
     * and macOS machines and zipped): separators, {@code <>:"|?*\}, control characters (C0, DEL, C1) become
     * {@code -}; trailing dots and spaces, which Windows drops, go; a device name ({@code CON}, {@code nul.txt},
     * {@code Com1.md}, {@code LPT9}) gets a leading {@code _}. Surrounding whitespace is stripped.
     */
    static String portable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean bad = c < 0x20 || (c >= 0x7F && c <= 0x9F) || "/\\:*?\"<>|".indexOf(c) >= 0;
            sb.appendCodePoint(bad ? '-' : c);
        });
        String s = sb.toString().strip();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) end--;
        s = s.substring(0, end);
        int dot = s.indexOf('.');
        String device = (dot < 0 ? s : s.substring(0, dot)).stripTrailing();
        if (WINDOWS_RESERVED.matcher(device).matches()) s = "_" + s;
        return s;
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
    }
}
