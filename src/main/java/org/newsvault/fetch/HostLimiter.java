package org.newsvault.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Politeness per host, shared by every thread using one fetcher: at most {@code permits} requests in
 * flight and at least {@code gap} between two request starts. A caller holds the permit until it has
 * read the whole body.
 *
 * <p>Slots are never evicted: the hosts newsvault talks to are the configured outlets and the hosts
 * their feeds link to, a set small enough that a semaphore each costs nothing.
 */
final class HostLimiter {
    /** Released exactly once, however often {@link #close()} is called. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int permits;
    private final long gapNanos;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    HostLimiter(int permits, Duration gap) {
        this(permits, gap, System::nanoTime, Sleeper.REAL);
    }

    HostLimiter(int permits, Duration gap, LongSupplier ticker, Sleeper sleeper) {
        this.permits = Math.max(1, permits);
        this.gapNanos = gap == null || gap.isNegative() ? 0 : gap.toNanos();
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    Permit acquire(String host) throws InterruptedException {
        Slot slot = slots.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Slot(permits));
        slot.semaphore.acquire();
        try {
            long wait;
            synchronized (slot) {
                long now = ticker.getAsLong();
                long start = slot.started ? Math.max(now, slot.nextStart) : now;
                slot.started = true;
                slot.nextStart = start + gapNanos;
                wait = start - now;
            }
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException | RuntimeException e) {
            slot.semaphore.release();
            throw e;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                slot.semaphore.release();
            }
        };
    }

    private static final class Slot {
        final Semaphore semaphore;
        boolean started;
        long nextStart;

        Slot(int permits) {
            this.semaphore = new Semaphore(permits, true);
        }
    }
}
