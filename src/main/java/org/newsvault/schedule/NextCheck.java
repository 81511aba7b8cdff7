package org.newsvault.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to poll a feed next. Success: the outlet's interval (±10% jitter, so feeds added together drift
 * apart). Failure: exponential backoff from one minute, doubling per consecutive error, capped at
 * 6 hours (never less than the interval), with full jitter on the upper half; a server's Retry-After
 * is honoured when it asks for longer.
 */
public final class NextCheck {
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private NextCheck() {}

    public static Instant afterSuccess(Instant now, Duration interval) {
        long ms = interval.toMillis();
        long jitter = ms / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(-ms / 10, ms / 10 + 1);
        return now.plusMillis(ms + jitter);
    }

    /** @param errorCount consecutive failures including this one (≥ 1) */
    public static Instant afterFailure(Instant now, Duration interval, int errorCount, Duration retryAfter) {
        return now.plus(backoff(interval, errorCount, retryAfter));
    }

    public static Duration backoff(Duration interval, int errorCount, Duration retryAfter) {
        int exp = Math.max(0, Math.min(errorCount - 1, 20));
        long cap = Math.max(MAX_BACKOFF.toMillis(), interval.toMillis());
        long base = Math.min(cap, FIRST_BACKOFF.toMillis() << exp);
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > delay) delay = Math.min(retryAfter.toMillis(), cap * 4);
        return Duration.ofMillis(delay);
    }
}
