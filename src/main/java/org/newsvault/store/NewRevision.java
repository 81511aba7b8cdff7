package org.newsvault.store;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import org.newsvault.render.ArticleFile;

/**
 * A changed version, to be stored as the article's next revision: found by a re-check, or a better
 * source found by a poll (the article's own site replacing a third-party text, the page replacing a teaser).
 *
 * @param pathOfRevision  revision number → that revision's file path (relative to the archive root)
 * @param watchOriginalId the page original the new version was extracted from (the new reference), or null
 * @param event           the 'edited' event; its detail may contain {@code {n}}, replaced by the new number
 * @param source          where the new text comes from, recorded on the article; null leaves it as it is
 */
public record NewRevision(long articleId, Instant fetchedAt, String title, String contentHash, Long originalId,
                          ArticleFile file, IntFunction<String> pathOfRevision, Long watchOriginalId,
                          Instant nextRecheckAt, StatusEvent event, Source source, Images images) {

    /**
     * The new version's images: {@code listed} (in order) are recorded with the revision; with {@code keep}, those the
     * article does not list yet get rows, so the images stage keeps them too (the outlet keeps images).
     */
    public record Images(List<ImageRepository.NewImage> listed, boolean keep, int maxCount) {
        public Images {
            listed = List.copyOf(listed);
        }
    }

    /** Without images (null: the revision's images are not recorded). */
    public NewRevision(long articleId, Instant fetchedAt, String title, String contentHash, Long originalId,
                       ArticleFile file, IntFunction<String> pathOfRevision, Long watchOriginalId,
                       Instant nextRecheckAt, StatusEvent event, Source source) {
        this(articleId, fetchedAt, title, contentHash, originalId, file, pathOfRevision, watchOriginalId, nextRecheckAt,
            event, source, null);
    }

    /** The same revision with its images. */
    public NewRevision withImages(Images images) {
        return new NewRevision(articleId, fetchedAt, title, contentHash, originalId, file, pathOfRevision,
            watchOriginalId, nextRecheckAt, event, source, images);
    }

    /**
     * Where the new text comes from (see {@link ArticleRow}): the feed that listed it (null: the article's feed
     * stays), its trust and body kind.
     */
    public record Source(Long feedId, String sourceTrust, String bodyKind) {}

    /** A re-check's revision: the article's source stays as it is. */
    public NewRevision(long articleId, Instant fetchedAt, String title, String contentHash, Long originalId,
                       ArticleFile file, IntFunction<String> pathOfRevision, Long watchOriginalId,
                       Instant nextRecheckAt, StatusEvent event) {
        this(articleId, fetchedAt, title, contentHash, originalId, file, pathOfRevision, watchOriginalId, nextRecheckAt,
            event, null);
    }
}
