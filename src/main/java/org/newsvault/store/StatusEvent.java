package org.newsvault.store;

import java.time.Instant;

/**
 * One change of an article's status and its evidence.
 *
 * @param status     {@code live}, {@code edited}, {@code deleted} or {@code unreachable}
 * @param httpStatus the HTTP status that was the evidence, or null (no response)
 * @param finalUrl   the URL after redirects, or null
 * @param detail     one line: what was seen (revision number, reason, error)
 */
public record StatusEvent(long articleId, Instant at, String status, Integer httpStatus, String finalUrl,
                          String detail) {
}
