package org.newsvault.store;

import java.time.Instant;

/**
 * An article with its re-check state.
 *
 * @param nextRecheckAt   when it is due, or null (no longer re-checked on schedule)
 * @param watchOriginalId the page original its current version corresponds to, or null (not known yet)
 * @param misses          consecutive checks that found evidence of deletion
 * @param failures        consecutive checks that could not get a usable answer
 * @param unlistedAt      when its entry vanished from a feed (see poll.FeedListing), or null
 * @param unlistedFrom    that feed's URL, or null
 */
public record WatchState(ArticleRow article, Instant nextRecheckAt, Instant lastCheckedAt, Long watchOriginalId,
                         int misses, int failures, Instant unlistedAt, String unlistedFrom) {
}
