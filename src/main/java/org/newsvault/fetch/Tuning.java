package org.newsvault.fetch;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.Dns;

/**
 * Knobs that are not user configuration but must be swappable in tests.
 *
 * @param backoffBase   first retry waits up to this long
 * @param backoffCap    no backoff wait exceeds this
 * @param maxRetryAfter a Retry-After longer than this is not waited for; the failure is returned
 *                      so the scheduler can back off instead of a worker thread
 * @param clock         for fetchedAt and HTTP-date Retry-After
 * @param ticker        the frontier's clock: per-host gaps, retry backoff and Retry-After are waited on it
 * @param jitter        uniform in [0,1)
 * @param dns           name resolution (tests inject one that never touches the network)
 * @param connectGuard  checked before every connect, after the address policy (tests refuse all but loopback,
 *                      so that a policy bug cannot send a packet anywhere else)
 */
record Tuning(Duration backoffBase, Duration backoffCap, Duration maxRetryAfter, Clock clock, Ticker ticker,
              DoubleSupplier jitter, Dns dns, CheckedSockets.ConnectGuard connectGuard) {
    static final Tuning DEFAULTS = new Tuning(Duration.ofMillis(500), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Clock.systemUTC(), Ticker.REAL, () -> ThreadLocalRandom.current().nextDouble(),
        Dns.SYSTEM, CheckedSockets.ConnectGuard.NONE);

    Tuning withDns(Dns other) {
        return new Tuning(backoffBase, backoffCap, maxRetryAfter, clock, ticker, jitter, other, connectGuard);
    }

    Tuning withTicker(Ticker other) {
        return new Tuning(backoffBase, backoffCap, maxRetryAfter, clock, other, jitter, dns, connectGuard);
    }
}
