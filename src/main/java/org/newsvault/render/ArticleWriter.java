package org.newsvault.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place that produces article files. Every byte of every file newsvault writes comes from
 * {@link #render}, so a stored {@link ArticleFile} always reproduces the same file.
 */
public final class ArticleWriter {
    private ArticleWriter() {}

    static final Pattern STAMP = Pattern.compile("NaN|-?[0-9]{1,19}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The file's bytes exactly as {@link ArticleFile}'s Javadoc defines them (UTF-8).
     *
     * @throws IllegalArgumentException when the values cannot make a readable file (a line break
     *                                  in stamp, title or url, a carriage return anywhere, a front
     *                                  matter that would end early)
     */
    public static byte[] render(ArticleFile f) {
        return text(f).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The file's text: {@link #render} is its UTF-8 encoding. Lets a reader that decoded a file strictly check that
     * it reads back byte for byte without encoding it again (UTF-8 is one-to-one on well-formed text).
     *
     * @throws IllegalArgumentException as {@link #render}
     */
    public static String text(ArticleFile f) {
        Objects.requireNonNull(f, "article file");
        check(f);
        StringBuilder sb = new StringBuilder(f.body().length() + 512);
        if (f.variant() == Variant.JEKYLL) {
            sb.append("---\n").append(f.frontMatter()).append("\n---\n");
        }
        sb.append("<!--").append(f.stamp()).append("-->\n")
          .append('[').append(f.title()).append("](").append(f.url()).append(")\n")
          .append("------\n\n")
          .append(f.body()).append('\n');
        return sb.toString();
    }

    private static void check(ArticleFile f) {
        if (f.variant() == null) throw new IllegalArgumentException("article file has no variant");
        if (f.stamp() == null || !STAMP.matcher(f.stamp()).matches()) {
            throw new IllegalArgumentException("stamp must be epoch millis or NaN, not '" + f.stamp() + "'");
        }
        requireOneLine(f.title(), "title");
        requireOneLine(f.url(), "url");
        if (f.body() == null) throw new IllegalArgumentException("body is missing");
        if (f.body().indexOf('\r') >= 0 || (f.frontMatter() != null && f.frontMatter().indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("article files use LF line endings only; found a carriage return");
        }
        if (f.variant() == Variant.PLAIN && f.frontMatter() != null) {
            throw new IllegalArgumentException("a PLAIN file has no front matter");
        }
        if (f.variant() == Variant.JEKYLL) {
            String fm = f.frontMatter();
            if (fm == null || fm.isEmpty()) throw new IllegalArgumentException("a JEKYLL file needs front matter");
            // A "---" line or a final LF inside would move the closing fence: the file would read back differently.
            if (fm.endsWith("\n") || fm.equals("---") || fm.startsWith("---\n") || fm.contains("\n---\n") || fm.endsWith("\n---")) {
                throw new IllegalArgumentException("front matter must not contain a --- line or end with a line break");
            }
        }
    }

    private static void requireOneLine(String s, String what) {
        if (s == null) throw new IllegalArgumentException(what + " is missing");
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " contains a line break");
        }
    }

    /**
     * Writes the file so that readers only ever see the old or the complete new content: the bytes
     * go to {@code .<name>.tmp-<random>} in the target's directory, are forced to disk, and the temp
     * file is atomically moved over the target; then the directory is forced where the platform
     * allows it. Parent directories are created.
     *
     * @throws IOException with a one-line message; no temp file is left behind
     */
    public static void writeAtomically(Path target, ArticleFile f) throws IOException {
        Path dir = write(target, f, true);
        forceDirectory(dir);
    }

    /**
     * {@link #writeAtomically} without forcing anything to disk: readers (and a process killed at any moment)
     * still see the old or the complete new content, but after a power cut the file may be missing, empty or
     * short until {@link #force} and {@link #forceDirectory} have run for it. For a caller that forces a
     * batch of files at once and only then records that they exist (see {@code poll.ArticleArchiver}).
     *
     * @return the file's absolute path
     */
    public static Path writeUnforced(Path target, ArticleFile f) throws IOException {
        Path absolute = target.toAbsolutePath();
        write(absolute, f, false);
        return absolute;
    }

    /** Forces a file written by {@link #writeUnforced} to disk (its bytes and size). */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot force " + file + " to disk: " + oneLine(e), e);
        }
    }

    /** @return the target's directory */
    private static Path write(Path target, ArticleFile f, boolean force) throws IOException {
        byte[] bytes = render(f);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path name = absolute.getFileName();
        if (dir == null || name == null) throw new IOException("cannot write " + target + ": not a file path");
        Path tmp = dir.resolve("." + name + org.newsvault.model.TempNames.suffix(HexFormat.of().toHexDigits(RANDOM.nextLong())));
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                if (force) ch.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(tmp);
            throw new IOException("cannot write " + target + ": the file system cannot move files atomically", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new IOException("cannot write " + target + ": " + oneLine(e), e);
        }
        return dir;
    }

    /** Makes renames into {@code dir} durable. Not every platform can open a directory (Windows cannot). */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file is in place; only its durability across a power cut is weaker here.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Nothing more can be done; the dot-name keeps the leftover out of sight of list pages.
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return m.replaceAll("\\s+", " ").trim();
    }
}
