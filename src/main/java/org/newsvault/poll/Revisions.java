package org.newsvault.poll;

import java.io.IOException;
import java.time.Instant;
import org.newsvault.render.ArticleFile;

/**
 * Makes a better-sourced text an archived article's current version, kept as a revision: the text of
 * the article's own site replacing what a third-party feed brought, or the page replacing a kept teaser.
 * Revisions belong to the watch package (which already depends on this one), so the poll sees only this
 * interface; the wiring passes {@code watch.SourceRevisions}.
 */
public interface Revisions {
    /**
     * A text for an article, as the poll would archive it.
     *
     * @param feedId     the feed that listed it
     * @param trust      {@code ArticleRow.OWN_SITE} or {@code THIRD_PARTY}
     * @param file       the article file as it would be written for this text
     * @param originalId the kept original the text was read from (page or feed), or null
     * @param fromPage   true when read from the article page (it becomes the re-checks' reference)
     * @param why        for the article's event: why this text replaces the current one
     */
    record Candidate(long feedId, String trust, ArticleFile file, String contentHash, Long originalId,
                     boolean fromPage, Instant fetchedAt, String why) {}

    /**
     * @return the revision number now current, or 0 when the candidate says what the article says beyond
     *         noise (then only its source is recorded on the article)
     * @throws IOException when a revision file cannot be written (the rows are committed; recovery finishes)
     */
    int supersede(long articleId, Candidate candidate) throws IOException;

    /**
     * Writes the article's version files whose rows are committed but not marked written (a write failed
     * earlier), so a running daemon finishes them at the next sighting rather than at the next start.
     */
    void writePending(long articleId) throws IOException;
}
