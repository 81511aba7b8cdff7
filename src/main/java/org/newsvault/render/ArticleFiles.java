package org.newsvault.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.newsvault.model.Urls;

/** Builds the {@link ArticleFile} of a newly archived article, applying FORMAT.md's rules. */
public final class ArticleFiles {
    private ArticleFiles() {}

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * <p>Feed text is written for the context it lands in: the title line holds
     * {@link MarkdownText#escapeLinkText} of the title and {@link MarkdownText#linkDestination} of the URL,
     * the front matter's {@code title} is {@link YamlScalars#doubleQuoted}, {@code author}, {@code from} and
     * the site in {@code tags}/{@code categories} stay plain unless YAML could read them as something other
     * than that string ({@link YamlScalars#value}). For ordinary titles, authors and URLs this is FORMAT.md
     * byte for byte.
     *
     * @param variant   the shape to write
     * @param title     the item's title as plain text, as the feed gave it (control characters, bidi
     *                  controls and surrounding whitespace are removed here; a line break becomes a space)
     * @param url       the article's absolute http(s) URL; written in {@link Urls#whatwg} form
     * @param author    the item's author, or null/blank to credit the site (JEKYLL only)
     * @param site      the outlet's display name (JEKYLL only)
     * @param published the publication time, or null when the item had none ({@code <!--NaN-->})
     * @param fetchedAt when the article was fetched; the front matter date when {@code published}
     *                  is null or lies after it
     * @param bodyHtml  the sanitized article HTML; its lines are trimmed and joined into one line
     * @throws IllegalArgumentException for a missing value or an invalid URL
     */
    public static ArticleFile create(Variant variant, String title, String url, String author, String site,
                                     Instant published, Instant fetchedAt, String bodyHtml) {
        Objects.requireNonNull(variant, "variant");
        if (url == null) throw new IllegalArgumentException("article url is missing");
        String cleanTitle = TextRules.cleanLine(title);
        String linkText = MarkdownText.escapeLinkText(cleanTitle);
        String cleanUrl = MarkdownText.linkDestination(url);
        String stamp = published == null ? "NaN" : Long.toString(published.toEpochMilli());
        String line = oneLineBody(bodyHtml == null ? "" : bodyHtml);
        if (variant == Variant.PLAIN) {
            return new ArticleFile(variant, null, stamp, linkText, cleanUrl, line);
        }
        if (fetchedAt == null) throw new IllegalArgumentException("fetch time is missing");
        String cleanSite = TextRules.cleanLine(site);
        if (cleanSite.isEmpty()) throw new IllegalArgumentException("site name is missing");
        String cleanAuthor = TextRules.cleanLine(author);
        Instant dated = published == null || published.isAfter(fetchedAt) ? fetchedAt : published;
        String frontMatter = String.join("\n",
                "layout: post",
                "title: " + YamlScalars.doubleQuoted(cleanTitle),
                "date: " + ISO.format(dated),
                "author: " + YamlScalars.value(cleanAuthor.isEmpty() ? cleanSite : cleanAuthor),
                "from: " + YamlScalars.value(cleanUrl),
                "tags: [ " + YamlScalars.flowItem(cleanSite) + " ]",
                "comments: True",
                "categories: [ " + YamlScalars.flowItem(cleanSite) + " ]");
        return new ArticleFile(variant, frontMatter, stamp, linkText, cleanUrl, "<div>\n" + line + "\n</div>");
    }

    /**
     * {@code f} with a title line any Markdown renderer shows as text linking to an http(s) URL, for
     * files written to be rendered (a Jekyll export): the link text through {@link MarkdownText#safeLinkText},
     * the URL through {@link MarkdownText#safeDestination}. The identity for every file newsvault wrote and
     * for ordinary older ones; front matter and body are left to their own rules.
     */
    public static ArticleFile withSafeTitleLine(ArticleFile f) {
        String title = MarkdownText.safeLinkText(f.title());
        String url = MarkdownText.safeDestination(f.url());
        if (title.equals(f.title()) && url.equals(f.url())) return f;
        return new ArticleFile(f.variant(), f.frontMatter(), f.stamp(), title, url, f.body());
    }

    /**
     * FORMAT.md's one physical line: control characters go, lines (split at CR, LF or CRLF) are trimmed and joined
     * with nothing. One pass over the body, appending the kept runs: it is as long as the article, and the
     * replace-strip-split-trim chain copied it five times.
     */
    static String oneLineBody(String html) {
        int n = html.length();
        StringBuilder sb = new StringBuilder(n);
        for (int start = 0; start <= n; ) {
            int end = start;
            while (end < n && html.charAt(end) != '\n' && html.charAt(end) != '\r') end++;
            // trimmed after the controls are gone: skip both at the ends
            int b = start, e = end;
            while (b < e && dropsAtEnd(html.charAt(b))) b++;
            while (e > b && dropsAtEnd(html.charAt(e - 1))) e--;
            int run = b;
            for (int k = b; k < e; k++) {
                if (TextRules.isControl(html.charAt(k))) {
                    sb.append(html, run, k);
                    run = k + 1;
                }
            }
            sb.append(html, run, e);
            start = end + 1;
        }
        return sb.length() == n ? html : sb.toString();
    }

    private static boolean dropsAtEnd(char c) {
        return TextRules.isControl(c) || TextRules.isTrimmable(c);
    }
}
