package org.newsvault.render;

import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.newsvault.model.ContentHash;

/**
 * Where article files go and what the list pages say. A title never becomes a path by itself:
 * archive names are built from the date and a hash of the URL, Jekyll names from a slug that can
 * only hold letters, digits and {@code -}.
 */
public final class ArchivePaths {
    private ArchivePaths() {}

    /** FORMAT.md: list pages keep the newest 300 entries. */
    public static final int LIST_LIMIT = 300;
    static final int SLUG_MAX = 50;

    private static final Pattern OUTLET_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final ZoneOffset LIST_ZONE = ZoneOffset.ofHours(8);

    /** One entry of a list page; {@code title} is the link text of the article's title line ({@link ArticleFile#title}). */
    public record ListItem(Instant date, String title, String outletId, String fileName) {
        public ListItem {
            Objects.requireNonNull(date, "list item date");
            Objects.requireNonNull(fileName, "list item file name");
        }
    }

    /**
     * {@code <root>/<outletId>/<YYYY>/<YYYY-MM-DD>-<first 10 hex of sha256(canonicalUrl)>.md}, the
     * date in UTC. Stable for a URL and day, sorts by date, and holds nothing from the feed but
     * the date. Both variants are {@code .md} files, as in the existing archives.
     *
     * @throws IllegalArgumentException when {@code outletId} is not 1–64 of {@code [a-z0-9-]}
     */
    public static Path articlePath(Path archiveRoot, String outletId, Instant when, String canonicalUrl, Variant v) {
        Objects.requireNonNull(archiveRoot, "archive root");
        Objects.requireNonNull(when, "date");
        Objects.requireNonNull(canonicalUrl, "canonical url");
        Objects.requireNonNull(v, "variant");
        requireOutletId(outletId);
        LocalDate day = LocalDate.ofInstant(when, ZoneOffset.UTC);
        String name = day + "-" + ContentHash.sha256Hex(canonicalUrl).substring(0, 10) + ".md";
        return archiveRoot.resolve(outletId).resolve(String.format(Locale.ROOT, "%04d", day.getYear())).resolve(name);
    }

    /**
     * A {@code _posts} file name {@code <YYYY-MM-DD>-<slug>.md} (UTC date). The slug keeps letters
     * (CJK included), combining marks and digits, lower-cases and NFC-normalises them, turns every
     * other run into one {@code -}, and is cut to 50 code points; an empty slug becomes the first 10
     * hex of the title's SHA-256. A name already in {@code taken} (compared case-insensitively,
     * since macOS and Windows file systems are) gets {@code -2}, {@code -3}, ….
     */
    public static String jekyllPostName(Instant date, String title, Set<String> taken) {
        Objects.requireNonNull(date, "date");
        String prefix = LocalDate.ofInstant(date, ZoneOffset.UTC) + "-";
        String slug = slug(title == null ? "" : title);
        if (slug.isEmpty()) slug = ContentHash.sha256Hex(title == null ? "" : title).substring(0, 10);
        Set<String> lowerTaken = taken == null ? Set.of()
                : taken.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String name = prefix + slug + ".md";
        for (int n = 2; lowerTaken.contains(name.toLowerCase(Locale.ROOT)); n++) {
            name = prefix + slug + "-" + n + ".md";
        }
        return name;
    }

    static String slug(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < s.length() && kept < SLUG_MAX; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSlugChar(cp)) {
                sb.appendCodePoint(cp);
                kept++;
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
                kept++;
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static boolean isSlugChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * A per-outlet list page as FORMAT.md describes it: the site name, {@code ------}, a blank line,
     * then the newest {@value #LIST_LIMIT} items as {@code M-D [title](/articles/<outlet>/<file>)},
     * each followed by a blank line, newest first, month and day in UTC+8 without zero padding.
     * Titles and site lose control characters, bidi controls and line breaks (one line per entry); each
     * title goes through {@link MarkdownText#safeLinkText} (so an older archive's raw title is escaped
     * too, and ours are kept as they are); in a file name, ASCII space, {@code % ( ) < > " ' `},
     * backslash and non-printing characters are percent-encoded, so the Markdown link stays one link to
     * a relative {@code /articles/} path.
     *
     * <p>The site name is the page's first line: it is escaped like a title and, when it starts with one
     * of {@code # - + = :} (a heading, list item or definition), that character is backslash-escaped too.
     */
    public static String listPage(String site, List<ListItem> items) {
        StringBuilder sb = new StringBuilder(siteLine(site)).append("\n------\n\n");
        List<ListItem> newest = items.stream()
                .sorted(Comparator.comparing(ListItem::date).reversed())
                .limit(LIST_LIMIT)
                .toList();
        for (ListItem it : newest) {
            requireOutletId(it.outletId());
            LocalDate d = LocalDate.ofInstant(it.date(), LIST_ZONE);
            sb.append(d.getMonthValue()).append('-').append(d.getDayOfMonth()).append(" [")
              .append(MarkdownText.safeLinkText(it.title())).append("](/articles/").append(it.outletId()).append('/')
              .append(linkSafe(it.fileName())).append(")\n\n");
        }
        return sb.toString();
    }

    private static String linkSafe(String fileName) {
        String name = TextRules.oneLine(fileName);
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            boolean escape = " %()<>\"'`\\".indexOf(cp) >= 0 || type == Character.FORMAT || type == Character.SURROGATE
                || cp > 0x7F && Character.isSpaceChar(cp);
            if (escape) {
                String one = type == Character.SURROGATE ? "\uFFFD" : new String(Character.toChars(cp));
                for (byte b : one.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append(String.format("%%%02X", b & 0xFF));
                }
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** The site line: text that cannot turn into a heading, list, quote, table or HTML block. */
    private static String siteLine(String site) {
        String s = MarkdownText.safeLinkText(site);
        return !s.isEmpty() && "#-+=:".indexOf(s.charAt(0)) >= 0 ? "\\" + s : s;
    }

    private static void requireOutletId(String outletId) {
        if (outletId == null || !OUTLET_ID.matcher(outletId).matches()) {
            throw new IllegalArgumentException("outlet id must be 1-64 of [a-z0-9-], not '" + outletId + "'");
        }
    }
}
