package org.newsvault.store;

import java.time.Instant;

/**
 * The outcome of one re-check that did not produce a revision, as stored.
 *
 * @param status          the article's status after the check
 * @param watchOriginalId the reference original after the check (null: leave as it is)
 * @param nextRecheckAt   next due time, or null (stop)
 * @param event           a status change to record, or null
 */
public record CheckUpdate(String status, int misses, int failures, Long watchOriginalId, Instant checkedAt,
                          Instant nextRecheckAt, StatusEvent event) {
}
