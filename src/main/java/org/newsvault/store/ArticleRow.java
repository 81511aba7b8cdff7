package org.newsvault.store;

import java.time.Instant;
import org.newsvault.render.ArticleFile;

/**
 * One archived article as stored. {@code file} reproduces the article file byte for byte;
 * {@code filePath} is relative to the archive root, with {@code /} separators. Guid, title and author
 * are cut to their columns here ({@link Columns#cut}), the one place rows are made; the file's own
 * title and URL are fitted before the file is rendered, since the file must match the row.
 *
 * @param feedId      the feed the current text was taken from, or null (imports)
 * @param source      {@code poll} or {@code import}
 * @param status      {@code live}, {@code edited}, {@code deleted} or {@code unreachable}
 * @param sourceTrust {@link #OWN_SITE}, {@link #THIRD_PARTY}, or null (imports, older rows)
 * @param bodyKind    {@link #FULL}, or {@link #TEASER} when the page failed and the feed's teaser was kept
 */
public record ArticleRow(long id, String outletId, Long feedId, String guid, String canonicalUrl, String title,
                         String author, Instant publishedAt, Instant fetchedAt, String contentHash, ArticleFile file,
                         String filePath, boolean fileWritten, Long originalId, String source, String status,
                         String sourceTrust, String bodyKind) {
    public static final String OWN_SITE = "own-site";
    public static final String THIRD_PARTY = "third-party";
    public static final String FULL = "full";
    public static final String TEASER = "teaser";

    public ArticleRow {
        guid = Columns.cut(guid, Columns.GUID);
        title = Columns.cut(title, Columns.TITLE);
        author = Columns.cut(author, Columns.AUTHOR);
        if (bodyKind == null) bodyKind = FULL;
    }

    /** A row with no recorded source trust and a full body (imports, tests). */
    public ArticleRow(long id, String outletId, Long feedId, String guid, String canonicalUrl, String title,
                      String author, Instant publishedAt, Instant fetchedAt, String contentHash, ArticleFile file,
                      String filePath, boolean fileWritten, Long originalId, String source, String status) {
        this(id, outletId, feedId, guid, canonicalUrl, title, author, publishedAt, fetchedAt, contentHash, file, filePath,
            fileWritten, originalId, source, status, null, FULL);
    }

    public boolean teaser() {
        return TEASER.equals(bodyKind);
    }
}
