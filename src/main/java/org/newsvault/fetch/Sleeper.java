package org.newsvault.fetch;

import java.time.Duration;

/** Waits; injectable so retry and spacing tests do not sleep for real. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
