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
     * @param variant   the shape to write
     * @param title     the item's title as the feed gave it (control characters and surrounding
     *                  whitespace are removed here; a line break becomes a space)
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
        String cleanTitle = TextRules.oneLine(title);
        String cleanUrl = Urls.whatwg(url);
        String stamp = published == null ? "NaN" : Long.toString(published.toEpochMilli());
        String line = oneLineBody(bodyHtml == null ? "" : bodyHtml);
        if (variant == Variant.PLAIN) {
            return new ArticleFile(variant, null, stamp, cleanTitle, cleanUrl, line);
        }
        if (fetchedAt == null) throw new IllegalArgumentException("fetch time is missing");
        String cleanSite = TextRules.oneLine(site);
        if (cleanSite.isEmpty()) throw new IllegalArgumentException("site name is missing");
        String cleanAuthor = TextRules.oneLine(author);
        Instant dated = published == null || published.isAfter(fetchedAt) ? fetchedAt : published;
        String frontMatter = String.join("\n",
                "layout: post",
                "title: \"" + cleanTitle.replace("\"", "\\\"") + "\"",
                "date: " + ISO.format(dated),
                "author: " + (cleanAuthor.isEmpty() ? cleanSite : cleanAuthor),
                "from: " + cleanUrl,
                "tags: [ " + cleanSite + " ]",
                "comments: True",
                "categories: [ " + cleanSite + " ]");
        return new ArticleFile(variant, frontMatter, stamp, cleanTitle, cleanUrl, "<div>\n" + line + "\n</div>");
    }

    /** FORMAT.md's one physical line: control characters go, lines are trimmed and joined with nothing. */
    static String oneLineBody(String html) {
        String lf = html.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(lf.length());
        for (String l : TextRules.stripControls(lf, true).split("\n", -1)) {
            sb.append(TextRules.trim(l));
        }
        return sb.toString();
    }
}
