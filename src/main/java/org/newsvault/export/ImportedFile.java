package org.newsvault.export;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Urls;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.ArticleFiles;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.render.ArticleFormatException;
import org.newsvault.render.ArticleWriter;
import org.newsvault.render.Variant;

/**
 * One archive file read and understood: the {@link ArticleFile} that reproduces it, its original bytes, and
 * the values the store indexes (canonical URL, content hash, dates, author, site name).
 *
 * <p>Dates: the publication time is the stamp (none for {@code NaN}). The fetch time is not in the file;
 * the front matter {@code date} stands in for it (FORMAT.md makes it the fetch time when the stamp is
 * {@code NaN}), else the publication time, else the file's modification time.
 *
 * <p>{@code file} is what the archive stores and renders. It reproduces {@code bytes} unless the file carried
 * executable markup ({@link #madeSafe}): then its body is the sanitized one, or, for markup in the header
 * lines, the whole file is written anew. {@code bytes} are kept as the original either way, so nothing is lost.
 *
 * @param outletId the outlet the file goes to ({@link OutletResolver})
 * @param hasText false when the body has no visible text (image or video only): such bodies all hash
 *                alike, so they are deduplicated by URL only
 * @param safety  whether {@code file} is still the input, and why not
 */
record ImportedFile(Path source, byte[] bytes, ArticleFile file, String outletId, String canonicalUrl, String contentHash,
                    boolean hasText, Instant publishedAt, Instant fetchedAt, String author, String site, Safety safety) {

    /** What {@link #madeSafe} did to the file; {@code reason} names the markup that made it necessary. */
    record Safety(boolean bodySanitized, boolean headerRewritten, String reason) {
        static final Safety KEPT = new Safety(false, false, null);

        boolean kept() {
            return !bodySanitized && !headerRewritten;
        }

        /** The line an import reports for the file, e.g. {@code body sanitized (<script>); the input is kept as its original}. */
        String describe() {
            String what = bodySanitized && headerRewritten ? "body sanitized and header rewritten"
                : bodySanitized ? "body sanitized" : "header rewritten";
            return what + " (" + reason + "); the input is kept as its original";
        }
    }

    private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();

    /** Column widths of the article table (V1): longer values cannot be stored as they are. */
    static final int MAX_TEXT = 4000;
    static final int MAX_AUTHOR = 1000;
    private static final String EMPTY_TEXT_HASH = ContentHash.ofHtml("");
    private static final DateTimeFormatter JEKYLL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS] Z");

    /** Thrown with the one-line reason a file is not imported. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Reads {@code source}, checks that it reads back byte for byte, resolves its outlet and makes it safe
     * ({@link #madeSafe}). The body is parsed once, for its content hash and the markup check alike.
     */
    static ImportedFile read(Path source, long size, OutletResolver outlets) throws Unreadable {
        if (size > ArticleFileReader.MAX_BYTES) {
            throw new Unreadable("file is larger than " + ArticleFileReader.MAX_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (IOException | OutOfMemoryError e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
        ArticleFile file;
        try {
            // readExact, not read: "lossless" is then a property of every import, not only the reader's promise.
            file = ArticleFileReader.readExact(bytes);
        } catch (ArticleFormatException e) {
            throw new Unreadable(e.getMessage());
        }
        if (file.title().length() > MAX_TEXT) throw new Unreadable("title is longer than " + MAX_TEXT + " characters");
        if (file.url().length() > MAX_TEXT) throw new Unreadable("url is longer than " + MAX_TEXT + " characters");
        String canonical;
        try {
            canonical = Urls.canonical(file.url());
        } catch (IllegalArgumentException e) {
            throw new Unreadable("title line url: " + e.getMessage());
        }
        if (canonical.length() > MAX_TEXT) throw new Unreadable("url is longer than " + MAX_TEXT + " characters");

        Map<String, String> fm = file.variant() == Variant.JEKYLL ? ArticleFileReader.frontMatterValues(file.frontMatter()) : Map.of();
        String author = blankToNull(fm.get("author"));
        if (author != null && author.length() > MAX_AUTHOR) author = author.substring(0, MAX_AUTHOR);
        Instant published = stampTime(file.stamp());
        Instant dated = frontMatterDate(fm.get("date"));
        Instant fetched = dated != null ? dated : published != null ? published : modified(source);
        String site = site(fm);
        String outlet = outlets.resolve(source, site, canonical);
        Element body = Jsoup.parseBodyFragment(file.bodyHtml()).body();
        String hash = ContentHash.ofTree(body);
        ImportedFile read = new ImportedFile(source, bytes, file, outlet, canonical, hash, !hash.equals(EMPTY_TEXT_HASH),
            published, fetched, author, site, Safety.KEPT);
        return read.madeSafe(ImportedMarkup.unsafeBody(file.bodyHtml(), body), outlets.name(outlet));
    }

    /** Asked only when the file has no date of its own: one system call fewer per file for the others. */
    private static Instant modified(Path source) throws Unreadable {
        try {
            return Files.getLastModifiedTime(source).toInstant();
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
    }

    /** The SHA-256 of {@code bytes}: the original's identity. */
    String sha256() {
        return ContentHash.sha256Hex(bytes);
    }

    /**
     * This file, or a safe one to archive in its place ({@link ImportedMarkup} decides): a body with executable
     * markup is replaced by {@link HtmlSanitizer}'s output (one line, as new files have it); header lines with
     * markup are written anew by {@link ArticleFiles#create}, which escapes them, with the (sanitized) body.
     * The content hash follows the safe body, as a polled article's does.
     *
     * @param bodyReason {@link ImportedMarkup#unsafeBody} of this file's body
     * @param outletName the site name for a rewritten Jekyll front matter when the file names none
     */
    private ImportedFile madeSafe(String bodyReason, String outletName) throws Unreadable {
        String headerReason = ImportedMarkup.unsafeHeader(file);
        if (bodyReason == null && headerReason == null) return this;
        String html = bodyReason == null ? file.bodyHtml() : oneLine(SANITIZER.sanitize(file.bodyHtml(), base()));
        ArticleFile safe;
        if (headerReason != null) {
            try {
                safe = ArticleFiles.create(file.variant(), file.title(), file.url(), author,
                    site != null ? site : outletName, publishedAt, fetchedAt, html);
                ArticleWriter.render(safe);
            } catch (IllegalArgumentException e) {
                throw new Unreadable(headerReason + ", and it cannot be written anew: " + e.getMessage());
            }
        } else {
            // A Jekyll body is Markdown to Jekyll: inside one <div> block Kramdown leaves the (sanitized) HTML alone,
            // so a "[x](javascript:…)" that was text stays text. A plain file is never rendered as it is.
            safe = new ArticleFile(file.variant(), file.frontMatter(), file.stamp(), file.title(), file.url(),
                file.variant() == Variant.JEKYLL ? "<div>\n" + html + "\n</div>" : html);
        }
        String hash = ContentHash.ofHtml(safe.bodyHtml());
        String reason = bodyReason != null && headerReason != null ? bodyReason + "; " + headerReason
            : bodyReason != null ? bodyReason : headerReason;
        return new ImportedFile(source, bytes, safe, outletId, canonicalUrl, hash, !hash.equals(EMPTY_TEXT_HASH), publishedAt,
            fetchedAt, author, site, new Safety(bodyReason != null, headerReason != null, reason));
    }

    /** The base for relative URLs in the body: the file's URL if Java can parse it, else its canonical form. */
    private URI base() {
        for (String u : new String[] {file.url(), canonicalUrl}) {
            try {
                return URI.create(u);
            } catch (IllegalArgumentException e) {
                // try the next
            }
        }
        return null;
    }

    /** FORMAT.md's one physical line, so the body stays one HTML block to Markdown. */
    private static String oneLine(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        for (String l : html.replace('\r', '\n').split("\n", -1)) sb.append(l.strip());
        return sb.toString();
    }

    /** The site name of a Jekyll file: its first tag, else its first category. */
    private static String site(Map<String, String> fm) {
        for (String key : List.of("tags", "categories")) {
            List<String> items = ArticleFileReader.flowListItems(fm.get(key));
            if (!items.isEmpty() && !items.get(0).isBlank()) return unquote(items.get(0));
        }
        return null;
    }

    static Instant stampTime(String stamp) {
        if (stamp == null || stamp.equals("NaN")) return null;
        try {
            return plausible(Instant.ofEpochMilli(Long.parseLong(stamp)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The front matter date in the forms archives use: ISO instant or offset, or Jekyll's {@code 2020-07-19 14:55:27 +0800}. */
    static Instant frontMatterDate(String value) {
        String v = unquote(blankToNull(value));
        if (v == null) return null;
        try {
            return plausible(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return plausible(OffsetDateTime.parse(v, JEKYLL_DATE).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return plausible(LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Times outside years 1–9999 stay in the file as written but are not indexed (the database cannot hold them). */
    private static Instant plausible(Instant t) {
        int year = t.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999 ? t : null;
    }

    private static String unquote(String v) {
        if (v != null && v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
