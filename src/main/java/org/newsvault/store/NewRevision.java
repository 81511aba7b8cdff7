package org.newsvault.store;

import java.time.Instant;
import java.util.function.IntFunction;
import org.newsvault.render.ArticleFile;

/**
 * A changed version found by a re-check, to be stored as the article's next revision.
 *
 * @param pathOfRevision  revision number → that revision's file path (relative to the archive root)
 * @param watchOriginalId the page original the new version was extracted from (the new reference)
 * @param event           the 'edited' event; its detail may contain {@code {n}}, replaced by the new number
 */
public record NewRevision(long articleId, Instant fetchedAt, String title, String contentHash, Long originalId,
                          ArticleFile file, IntFunction<String> pathOfRevision, Long watchOriginalId,
                          Instant nextRecheckAt, StatusEvent event) {
}
