package org.newsvault.schedule;

import java.time.Instant;

/**
 * One configured feed as {@code newsvault status} shows it. Times are null when it never happened.
 *
 * @param lastResult new, unchanged, failed, or null (never polled)
 * @param errorCount consecutive failed polls (0 when the last poll succeeded)
 * @param nextPoll   when the running daemon polls it next, else the recorded {@code next_check_at}
 * @param articles   articles archived from this feed
 * @param polledBy   the node that polled it last (null: not recorded)
 */
public record FeedStatus(String outlet, String url, boolean enabled, Instant lastPoll, Instant lastSuccess,
                         Instant lastNew, String lastResult, int errorCount, String lastError, Instant nextPoll,
                         long articles, String polledBy) {
    /** Without the node that polled it. */
    public FeedStatus(String outlet, String url, boolean enabled, Instant lastPoll, Instant lastSuccess,
                      Instant lastNew, String lastResult, int errorCount, String lastError, Instant nextPoll,
                      long articles) {
        this(outlet, url, enabled, lastPoll, lastSuccess, lastNew, lastResult, errorCount, lastError, nextPoll, articles, null);
    }

    /** The same row with another next poll. */
    public FeedStatus withNextPoll(Instant next) {
        return new FeedStatus(outlet, url, enabled, lastPoll, lastSuccess, lastNew, lastResult, errorCount, lastError, next,
            articles, polledBy);
    }

    public boolean failing() {
        return errorCount > 0;
    }
}
