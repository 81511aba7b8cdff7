package org.newsvault.model;

import java.time.Instant;

/**
 * One stored version of an archived article. {@code n = 1} is the article as first archived; the
 * highest {@code n} is what the article file shows now. Articles that never changed have no revisions.
 *
 * @param fetchedAt   when this version was fetched
 * @param title       the title of this version
 * @param contentHash {@link ContentHash#ofHtml} of this version's body
 * @param filePath    this version's full article file, relative to the archive root
 *                    ({@code <outlet>/<year>/<name>.revisions/<n>.md})
 * @param originalId  the kept original this version was extracted from, or null
 */
public record Revision(long articleId, int n, Instant fetchedAt, String title, String contentHash, String filePath,
                       Long originalId) {
}
