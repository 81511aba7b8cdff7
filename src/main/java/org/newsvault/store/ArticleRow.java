package org.newsvault.store;

import java.time.Instant;
import org.newsvault.render.ArticleFile;

/**
 * One archived article as stored. {@code file} reproduces the article file byte for byte;
 * {@code filePath} is relative to the archive root, with {@code /} separators.
 *
 * @param source {@code poll} or {@code import}
 * @param status {@code live}, {@code edited}, {@code deleted} or {@code unreachable}
 */
public record ArticleRow(long id, String outletId, Long feedId, String guid, String canonicalUrl, String title,
                         String author, Instant publishedAt, Instant fetchedAt, String contentHash, ArticleFile file,
                         String filePath, boolean fileWritten, Long originalId, String source, String status) {
}
