package org.newsvault.fetch;

import java.util.concurrent.locks.Condition;

/**
 * The {@link Frontier}'s time: when a host may be asked again, when a retry is due. Injectable so that tests of
 * gaps, backoff and Retry-After run on a virtual clock that moves only when the frontier waits.
 */
interface Ticker {
    Ticker REAL = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
            condition.awaitNanos(nanos);
        }
    };

    /** Monotonic nanoseconds. */
    long nanos();

    /**
     * Waits on {@code condition} (its lock held) for at most {@code nanos}, or until signalled; a virtual clock
     * may instead advance by {@code nanos} and return at once.
     */
    void await(Condition condition, long nanos) throws InterruptedException;
}
