package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frontier alone, with jobs that stand in for requests. Time is a {@link ManualClock} that moves only when the
 * test moves it, so "not before the gap" and "served at once" are exact, not timing guesses.
 */
class FrontierTest {
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<String> runs = new ArrayList<>();
    private Frontier frontier;

    @AfterEach
    void close() {
        if (frontier != null) frontier.close();
    }

    @Test
    void aHostsBacklogDoesNotDelayAnotherHost() throws Exception {
        frontier = new Frontier(4, 2, Duration.ofMillis(250), clock, "t");
        List<CompletableFuture<FetchResult>> a = new ArrayList<>();
        for (int i = 0; i < 50; i++) a.add(frontier.submit(job("a", "a" + i), Priority.PAGE));
        awaitRuns(1);
        CompletableFuture<FetchResult> b = frontier.submit(job("b", "b0"), Priority.PAGE);

        assertThat(b.get(5, TimeUnit.SECONDS).url()).isEqualTo(URI.create("http://b/b0"));
        assertThat(runs()).containsExactly("a0", "b0"); // at the same instant: b never waited behind a's 49
        assertThat(a.get(1)).isNotDone();

        // a itself: one request per gap, not one sooner
        for (int i = 1; i <= 3; i++) {
            clock.advance(249 * MS);
            settle();
            assertThat(runs()).hasSize(1 + i);
            clock.advance(MS);
            awaitRuns(2 + i);
        }
        assertThat(runs()).containsExactly("a0", "b0", "a1", "a2", "a3");
    }

    @Test
    void perHostConcurrencyIsNeverExceededAndHostsRunSideBySide() throws Exception {
        frontier = new Frontier(8, 2, Duration.ZERO, Ticker.REAL, "t");
        Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> max = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger maxTotal = new AtomicInteger();
        List<CompletableFuture<FetchResult>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (String host : List.of("a", "b")) {
                all.add(frontier.submit(job(host, host + i, () -> {
                    int n = now.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                    max.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(n, Math::max);
                    maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
                    sleep(20);
                    total.decrementAndGet();
                    now.get(host).decrementAndGet();
                    return null;
                }), Priority.PAGE));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(max.get("a").get()).isEqualTo(2);
        assertThat(max.get("b").get()).isEqualTo(2);
        assertThat(maxTotal.get()).as("both hosts at once").isGreaterThan(2);
    }

    @Test
    void feedsBeforePagesBeforeRechecksOnAHost() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofMillis(100), clock, "t");
        frontier.submit(job("a", "first"), Priority.RECHECK).get(5, TimeUnit.SECONDS);
        frontier.submit(job("a", "r1"), Priority.RECHECK);
        frontier.submit(job("a", "p1"), Priority.PAGE);
        frontier.submit(job("a", "f1"), Priority.FEED);
        frontier.submit(job("a", "r2"), Priority.RECHECK);
        frontier.submit(job("a", "p2"), Priority.PAGE);
        frontier.submit(job("a", "f2"), Priority.FEED);
        for (int i = 2; i <= 7; i++) {
            clock.advance(100 * MS);
            awaitRuns(i);
        }
        assertThat(runs()).containsExactly("first", "f1", "f2", "p1", "p2", "r1", "r2");
    }

    @Test
    void readyHostsAreServedRoundRobin() throws Exception {
        frontier = new Frontier(1, 1, Duration.ZERO, clock, "t");
        CountDownLatch hold = new CountDownLatch(1);
        frontier.submit(job("z", "hold", () -> {
            await(hold);
            return null;
        }), Priority.PAGE);
        awaitRuns(1);
        for (int i = 1; i <= 3; i++) {
            for (String host : List.of("a", "b", "c")) frontier.submit(job(host, host + i), Priority.PAGE);
        }
        hold.countDown();
        awaitRuns(10);
        assertThat(runs()).containsExactly("hold", "a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3");
    }

    @Test
    void aRecheckBacklogNeverDelaysAFeedOnAnotherHostEither() throws Exception {
        frontier = new Frontier(1, 1, Duration.ZERO, clock, "t");
        CountDownLatch hold = new CountDownLatch(1);
        frontier.submit(job("z", "hold", () -> {
            await(hold);
            return null;
        }), Priority.PAGE);
        awaitRuns(1);
        for (int i = 0; i < 5; i++) frontier.submit(job("r", "r" + i), Priority.RECHECK);
        frontier.submit(job("f", "feed"), Priority.FEED);
        hold.countDown();
        awaitRuns(7);
        assertThat(runs().get(1)).isEqualTo("feed");
    }

    @Test
    void retryAfterPausesThatHostAloneAndBackoffPausesNoHost() throws Exception {
        frontier = new Frontier(4, 2, Duration.ZERO, clock, "t");
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<FetchResult> limited = frontier.submit(new StubJob("a", "a-limited", () -> {
            if (attempts.incrementAndGet() == 1) return Frontier.Turn.retryAt(clock.nanos() + 30_000 * MS, true);
            return Frontier.Turn.done(result("a", "a-limited"));
        }), Priority.PAGE);
        awaitRuns(1);
        awaitIdle("a");
        CompletableFuture<FetchResult> sameHost = frontier.submit(job("a", "a-other"), Priority.PAGE);
        CompletableFuture<FetchResult> other = frontier.submit(job("b", "b0"), Priority.PAGE);

        other.get(5, TimeUnit.SECONDS);
        settle();
        assertThat(sameHost).as("the host asked for 30 s").isNotDone();
        assertThat(frontier.snapshot()).filteredOn(l -> l.host().equals("a")).singleElement()
            .satisfies(l -> assertThat(l.waiting()).isEqualTo(2));
        clock.advance(29_999 * MS);
        settle();
        assertThat(sameHost).isNotDone();
        clock.advance(MS);
        assertThat(limited.get(5, TimeUnit.SECONDS)).isNotNull();
        sameHost.get(5, TimeUnit.SECONDS);
        assertThat(attempts.get()).isEqualTo(2);

        // a plain backoff (no Retry-After) delays only the retried request, not its host's other work
        AtomicInteger tries = new AtomicInteger();
        int before = runs().size();
        CompletableFuture<FetchResult> flaky = frontier.submit(new StubJob("c", "c-flaky", () -> {
            if (tries.incrementAndGet() == 1) return Frontier.Turn.retryAt(clock.nanos() + 500 * MS, false);
            return Frontier.Turn.done(result("c", "c-flaky"));
        }), Priority.PAGE);
        awaitRuns(before + 1);
        frontier.submit(job("c", "c-next"), Priority.PAGE).get(5, TimeUnit.SECONDS);
        assertThat(flaky).isNotDone();
        clock.advance(500 * MS);
        flaky.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRedirectIsAnotherTurnOnTheNextHostsQueue() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofMillis(100), clock, "t");
        // hop 1 on "a", hop 2 on "b"; b is inside its gap, so hop 2 waits for b, not in the worker
        frontier.submit(job("b", "b0"), Priority.PAGE).get(5, TimeUnit.SECONDS);
        String[] host = {"a"};
        CompletableFuture<FetchResult> f = frontier.submit(new StubJob(null, "hop", () -> {
            if (host[0].equals("a")) {
                host[0] = "b";
                return Frontier.Turn.next();
            }
            return Frontier.Turn.done(result("b", "hop"));
        }) {
            @Override
            public String host() {
                return host[0];
            }
        }, Priority.PAGE);
        awaitRuns(2);
        settle();
        assertThat(f).isNotDone();
        clock.advance(100 * MS);
        assertThat(f.get(5, TimeUnit.SECONDS).url()).isEqualTo(URI.create("http://b/hop"));
        assertThat(runs()).containsExactly("b0", "hop", "hop");
    }

    @Test
    void snapshotShowsDepthInFlightAndWait() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofSeconds(1), clock, "t");
        for (int i = 0; i < 5; i++) frontier.submit(job("a", "a" + i), Priority.PAGE);
        awaitRuns(1);
        awaitIdle("a");
        clock.advance(300 * MS);
        Frontier.HostLoad a = frontier.snapshot().get(0);
        assertThat(a.host()).isEqualTo("a");
        assertThat(a.waiting()).isEqualTo(4);
        assertThat(a.inFlight()).isZero();
        assertThat(a.oldestWait()).isEqualTo(Duration.ofMillis(300));
        assertThat(a.served()).isEqualTo(1);
    }

    @Test
    void closingFailsWhatWasNotSentAndRefusesMore() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofSeconds(1), clock, "t");
        frontier.submit(job("a", "a0"), Priority.PAGE).get(5, TimeUnit.SECONDS);
        CompletableFuture<FetchResult> queued = frontier.submit(job("a", "a1"), Priority.PAGE);
        frontier.close();
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(FetchException.class).hasMessage("io: fetcher closed before the request was sent");
        assertThat(frontier.submit(job("b", "b0"), Priority.FEED)).isCompletedExceptionally();
        assertThat(runs()).containsExactly("a0");
    }

    @Test
    void drainingSendsOnlyWhatMayGoAtOnceAndFailsWhatWouldWait() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofSeconds(1), clock, "t");
        frontier.submit(job("a", "a0"), Priority.PAGE).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<FetchResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 3; i++) queued.add(frontier.submit(job("a", "a" + i), Priority.PAGE));
        AtomicInteger tries = new AtomicInteger();
        CompletableFuture<FetchResult> retried = frontier.submit(new StubJob("c", "c-flaky", () -> {
            tries.incrementAndGet();
            return Frontier.Turn.retryAt(clock.nanos() + 500 * MS, false);
        }), Priority.PAGE);
        awaitRuns(2);
        awaitIdle("c");

        frontier.drain();
        for (CompletableFuture<FetchResult> f : queued) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(FetcherStoppedException.class);
        }
        assertThatThrownBy(() -> retried.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(FetcherStoppedException.class);
        // a host that may be asked now is still asked; one inside its gap is not waited for
        assertThat(frontier.submit(job("b", "b0"), Priority.PAGE).get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(frontier.submit(job("a", "a4"), Priority.FEED)).failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(FetcherStoppedException.class);
        clock.advance(2000 * MS);
        settle();
        assertThat(runs()).containsExactly("a0", "c-flaky", "b0");
        assertThat(tries.get()).isEqualTo(1);
        assertThat(frontier.snapshot()).allSatisfy(l -> assertThat(l.waiting() + l.inFlight()).as(l.host()).isZero());
    }

    @Test
    void aRequestGivenUpWhileQueuedIsNeverSent() throws Exception {
        frontier = new Frontier(2, 1, Duration.ofSeconds(1), clock, "t");
        frontier.submit(job("a", "a0"), Priority.PAGE).get(5, TimeUnit.SECONDS);
        frontier.submit(job("a", "a1"), Priority.PAGE).cancel(false);
        CompletableFuture<FetchResult> a2 = frontier.submit(job("a", "a2"), Priority.PAGE);
        clock.advance(1000 * MS);
        a2.get(5, TimeUnit.SECONDS);
        assertThat(runs()).containsExactly("a0", "a2");
    }

    // ---- helpers

    private StubJob job(String host, String name) {
        return job(host, name, () -> null);
    }

    private StubJob job(String host, String name, Supplier<Void> body) {
        return new StubJob(host, name, () -> {
            body.get();
            return Frontier.Turn.done(result(host, name));
        });
    }

    private class StubJob implements Frontier.Job {
        private final String host;
        private final String name;
        private final Supplier<Frontier.Turn> body;

        StubJob(String host, String name, Supplier<Frontier.Turn> body) {
            this.host = host;
            this.name = name;
            this.body = body;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public URI url() {
            return URI.create("http://" + host() + "/" + name);
        }

        @Override
        public Frontier.Turn run() {
            synchronized (runs) {
                runs.add(name);
                runs.notifyAll();
            }
            return body.get();
        }
    }

    private static FetchResult result(String host, String name) {
        URI u = URI.create("http://" + host + "/" + name);
        return new FetchResult(u, u, 200, false, List.of(), new byte[0], null, null, null, Instant.EPOCH, Duration.ZERO);
    }

    private List<String> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    private void awaitRuns(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (runs) {
            while (runs.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) throw new AssertionError("expected " + n + " runs, saw " + runs);
                runs.wait(Math.max(1, left / MS));
            }
        }
    }

    /** Until the host's turn has ended (its outcome recorded, not only its request made). */
    private void awaitIdle(String host) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (frontier.snapshot().stream().anyMatch(l -> l.host().equals(host) && l.inFlight() > 0)) {
            if (System.nanoTime() > end) throw new AssertionError(host + " still in flight");
            sleep(2);
        }
    }

    /** Gives the workers time to do what they may (nothing, if the test is right). */
    private static void settle() {
        sleep(60);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Time that moves only in {@link #advance}. A worker waiting on it waits for a signal, or a few real
     * milliseconds, then looks at the clock again: the moves are seen promptly, and no wait passes on its own.
     */
    static final class ManualClock implements Ticker {
        private volatile long nanos = 5_000_000_000L;

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public void await(Condition condition, long wait) throws InterruptedException {
            condition.await(5, TimeUnit.MILLISECONDS);
        }

        void advance(long by) {
            nanos += by;
        }
    }
}
