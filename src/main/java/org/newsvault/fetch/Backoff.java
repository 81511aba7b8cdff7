package org.newsvault.fetch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^attempt)]. */
final class Backoff {
    private final long baseNanos;
    private final long capNanos;
    private final DoubleSupplier jitter;

    Backoff(Duration base, Duration cap, DoubleSupplier jitter) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.jitter = jitter;
    }

    /** The wait before retry number {@code attempt + 1} (attempt 0 is the first failure). */
    Duration delay(int attempt) {
        long ceiling = capNanos;
        if (attempt < 62 && baseNanos <= (capNanos >> attempt)) {
            ceiling = baseNanos << attempt;
        }
        return Duration.ofNanos((long) (ceiling * jitter.getAsDouble()));
    }
}
