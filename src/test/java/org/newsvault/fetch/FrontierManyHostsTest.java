package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsvault.fetch.FetchException.Kind;

/**
 * The frontier under a crowd: many hosts, thousands of jobs of every priority submitted from several threads at
 * once, redirects to other hosts, retries after a backoff or a Retry-After, permanent failures and callers giving
 * up. Every job must end exactly once, after exactly the turns its plan has (none lost, none run twice, none after
 * its end), a retry never before its time, never more than {@code permits} requests to a host at once, and the
 * frontier must be empty afterwards. The workload is fixed (seeded); time is virtual and jumps to whatever a worker
 * waits for, so the gaps and backoffs cost nothing and nothing here depends on the machine's speed. A lost or
 * stalled turn shows as a job not done within a minute.
 */
class FrontierManyHostsTest {
    private static final int HOSTS = 40;
    private static final int JOBS = 3_000;
    private static final int PERMITS = 2;
    private static final long MS = 1_000_000L;

    private final JumpClock clock = new JumpClock();
    private final AtomicLongArray inFlight = new AtomicLongArray(HOSTS);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private Frontier frontier;

    @AfterEach
    void close() {
        if (frontier != null) frontier.close();
    }

    @Test
    void everyJobOfManyHostsEndsExactlyOnceThroughRedirectsRetriesAndGivingUp() throws Exception {
        frontier = new Frontier(6, PERMITS, Duration.ofMillis(250), clock, "crowd");
        Random random = new Random(11);
        List<PlannedJob> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) jobs.add(new PlannedJob(i, random));

        // four threads submit a quarter each, interleaved; every 40th caller gives up right after submitting
        List<CompletableFuture<FetchResult>> futures = new ArrayList<>(Collections.nCopies(JOBS, null));
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int first = s;
            Thread t = new Thread(() -> {
                for (int i = first; i < JOBS; i += 4) {
                    PlannedJob j = jobs.get(i);
                    CompletableFuture<FetchResult> f = frontier.submit(j, j.priority);
                    if (j.givenUp) f.cancel(false);
                    synchronized (futures) {
                        futures.set(i, f);
                    }
                }
            });
            submitters.add(t);
            t.start();
        }
        for (Thread t : submitters) t.join(10_000);

        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            all.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException expected) {
            // some jobs fail or are given up by design: all of them ended, which is what is waited for
        } catch (TimeoutException e) {
            long open = futures.stream().filter(f -> !f.isDone()).count();
            throw new AssertionError(open + " of " + JOBS + " jobs never ended (lost or stalled); frontier: "
                + frontier.snapshot().stream().filter(l -> l.waiting() + l.inFlight() > 0).limit(5).toList());
        }

        long turns = 0;
        for (PlannedJob j : jobs) {
            CompletableFuture<FetchResult> f = futures.get(j.index);
            turns += j.runs.get();
            if (j.givenUp) {
                assertThat(j.runs.get()).as("job %d, given up: no more turns than planned", j.index)
                    .isLessThanOrEqualTo(j.turns());
                continue;
            }
            assertThat(j.runs.get()).as("job %d: every planned turn, once", j.index).isEqualTo(j.turns());
            if (j.fails) {
                assertThat(f).as("job %d", j.index).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(FetchException.class).withMessageContaining(j.name());
            } else {
                assertThat(f.getNow(null).url()).as("job %d", j.index).isEqualTo(j.url());
            }
        }
        assertThat(violations).isEmpty();
        assertThat(mostRunning.get()).as("hosts served side by side").isGreaterThan(1);
        List<Frontier.HostLoad> loads = frontier.snapshot();
        assertThat(loads).allSatisfy(l -> {
            assertThat(l.waiting()).as(l.host() + " waiting").isZero();
            assertThat(l.inFlight()).as(l.host() + " in flight").isZero();
        });
        assertThat(loads.stream().mapToLong(Frontier.HostLoad::served).sum()).as("turns the frontier gave")
            .isEqualTo(turns);

        // and it keeps working: one more request on every host
        List<CompletableFuture<FetchResult>> after = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) after.add(frontier.submit(new PlannedJob(JOBS + h, h), Priority.FEED));
        CompletableFuture.allOf(after.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(violations).isEmpty();
    }

    private static String hostName(int h) {
        return "h" + h + ".test";
    }

    /**
     * A request with a fixed plan: {@code attempts} tries, each walking the same redirect chain of {@code hops}
     * hosts; each try but the last ends in a retry (a backoff, or a Retry-After that pauses the host), the last in
     * a result or a permanent failure.
     */
    private final class PlannedJob implements Frontier.Job {
        final int index;
        final Priority priority;
        final int[] hops;
        final int attempts;
        final long[] waits;
        final boolean[] pauses;
        final boolean fails;
        final boolean givenUp;
        final AtomicInteger runs = new AtomicInteger();
        private volatile int hop;
        private volatile int attempt;
        private volatile long notBefore = Long.MIN_VALUE;
        private volatile boolean ended;

        PlannedJob(int index, Random r) {
            this.index = index;
            this.priority = Priority.values()[r.nextInt(Priority.values().length)];
            this.hops = new int[1 + r.nextInt(3)];
            for (int i = 0; i < hops.length; i++) hops[i] = r.nextInt(HOSTS);
            this.attempts = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
            this.waits = new long[attempts];
            this.pauses = new boolean[attempts];
            for (int i = 0; i < attempts; i++) {
                pauses[i] = r.nextInt(3) == 0;
                waits[i] = (1 + r.nextInt(pauses[i] ? 2_000 : 300)) * MS;
            }
            this.fails = r.nextInt(10) == 0;
            this.givenUp = index % 40 == 7;
        }

        /** One plain request to host {@code h}. */
        PlannedJob(int index, int h) {
            this.index = index;
            this.priority = Priority.FEED;
            this.hops = new int[] {h};
            this.attempts = 1;
            this.waits = new long[1];
            this.pauses = new boolean[1];
            this.fails = false;
            this.givenUp = false;
        }

        int turns() {
            return attempts * hops.length;
        }

        String name() {
            return "job-" + index;
        }

        @Override
        public String host() {
            return hostName(hops[hop]);
        }

        @Override
        public URI url() {
            return URI.create("http://" + hostName(hops[0]) + "/" + name());
        }

        @Override
        public Frontier.Turn run() {
            runs.incrementAndGet();
            int h = hops[hop];
            long n = inFlight.incrementAndGet(h);
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (ended) violations.add(name() + " ran after it ended");
                if (n > PERMITS) violations.add(hostName(h) + " had " + n + " requests at once");
                if (clock.nanos() < notBefore) violations.add(name() + " retried before its time");
                if (index % 7 == 0) Thread.yield(); // let the others overlap this turn now and then
                if (hop < hops.length - 1) {
                    hop++;
                    return Frontier.Turn.next();
                }
                hop = 0;
                if (attempt < attempts - 1) {
                    notBefore = clock.nanos() + waits[attempt];
                    return Frontier.Turn.retryAt(notBefore, pauses[attempt++]);
                }
                ended = true;
                if (fails) return Frontier.Turn.failed(new FetchException(Kind.HTTP_CLIENT, url(), name() + " is gone", null));
                return Frontier.Turn.done(new FetchResult(url(), url(), 200, false, List.of(), new byte[0], null, null,
                    null, Instant.EPOCH, Duration.ZERO));
            } finally {
                running.decrementAndGet();
                inFlight.decrementAndGet(h);
            }
        }
    }

    /** Virtual time that jumps ahead by whatever a worker waits for, at once: waits cost no real time. */
    static final class JumpClock implements Ticker {
        private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

        @Override
        public long nanos() {
            return nanos.get();
        }

        @Override
        public void await(Condition condition, long wait) {
            nanos.addAndGet(Math.max(1, wait));
        }
    }
}
