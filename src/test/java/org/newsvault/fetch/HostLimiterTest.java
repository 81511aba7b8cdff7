package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostLimiterTest {
    /** A clock that only moves when someone sleeps on it. */
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper fakeSleep = d -> {
        synchronized (sleeps) {
            sleeps.add(d);
        }
        now.addAndGet(d.toNanos());
    };

    @Test
    void startsToOneHostAreSpacedByTheGap() {
        HostLimiter limiter = new HostLimiter(4, Duration.ofMillis(100), now::get, fakeSleep);
        for (int i = 0; i < 3; i++) {
            acquireAndRelease(limiter, "news.example");
        }
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void gapIsPerHostAndCaseInsensitive() {
        HostLimiter limiter = new HostLimiter(4, Duration.ofMillis(100), now::get, fakeSleep);
        acquireAndRelease(limiter, "a.example");
        acquireAndRelease(limiter, "b.example");
        assertThat(sleeps).isEmpty();
        acquireAndRelease(limiter, "A.EXAMPLE");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void noWaitOnceTheGapHasPassed() {
        HostLimiter limiter = new HostLimiter(1, Duration.ofMillis(100), now::get, fakeSleep);
        acquireAndRelease(limiter, "h");
        now.addAndGet(Duration.ofMillis(250).toNanos());
        acquireAndRelease(limiter, "h");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void releasingTwiceFreesOnlyOnePermit() throws Exception {
        HostLimiter limiter = new HostLimiter(1, Duration.ZERO);
        HostLimiter.Permit p = limiter.acquire("h");
        p.close();
        p.close();
        HostLimiter.Permit q = limiter.acquire("h");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> blocked = other.submit(() -> {
                limiter.acquire("h").close();
                return null;
            });
            Thread.sleep(100);
            assertThat(blocked.isDone()).isFalse();
            q.close();
            blocked.get(2, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void concurrencyPerHostIsBoundedAcrossThreads() throws Exception {
        HostLimiter limiter = new HostLimiter(2, Duration.ZERO);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> {
                    try (HostLimiter.Permit p = limiter.acquire("h")) {
                        max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(10);
                        inside.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(max.get()).isEqualTo(2);
    }

    private static void acquireAndRelease(HostLimiter limiter, String host) {
        try {
            limiter.acquire(host).close();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
