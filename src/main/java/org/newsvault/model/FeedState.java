package org.newsvault.model;

import java.time.Instant;

/**
 * What newsvault remembers about one feed between polls: validators for conditional GET, the hash of
 * the last body (an unchanged body costs no parsing), and the error streak that drives backoff.
 */
public record FeedState(long feedId, String outletId, String url, String etag, String lastModified, String bodyHash,
                        Instant lastPollAt, Instant lastSuccessAt, Instant lastNewAt, String lastResult,
                        String lastError, int errorCount, Instant nextCheckAt, long articlesArchived) {
}
