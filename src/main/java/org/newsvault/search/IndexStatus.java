package org.newsvault.search;

import java.time.Instant;

/**
 * The state of an index, with the time of its last commit (null when none) and its document count.
 * {@code detail} says in words why it is not {@link IndexState#OK} ("" when it is).
 */
public record IndexStatus(IndexState state, Instant lastCommit, int documents, String detail) {
}
