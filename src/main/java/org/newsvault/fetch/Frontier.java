package org.newsvault.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.newsvault.fetch.FetchException.Kind;

/**
 * Politeness without waiting workers: the one place that decides when a host is asked. Requests queue per host and
 * per {@link Priority}; a worker takes only work whose host may be asked now (fewer than {@code permits} of its
 * requests in flight, at least {@code gap} since its last request started, no Retry-After pause running), so a host
 * with fifty pages queued behind its gap never holds a thread that another host could use.
 *
 * <p>Order: the most urgent priority first, and among the ready hosts with work of that priority, round-robin (a
 * host served goes to the back of the ring). A {@link Job} runs one turn at a time, each turn one request to one
 * host: a redirect is another turn, queued at the front of its new host's queue; a retry is a turn that is not due
 * before its backoff, and a Retry-After pauses the host that sent it, which delays no other host.
 *
 * <p>Workers are started as work arrives, up to {@code workers}; an idle worker waits for work, never a worker with
 * work in hand. Only a worker that would wake earlier than any other waits on the clock (the others wait for a
 * signal), so a virtual {@link Ticker} sees each wait once. Results are completed on the worker: callers continue
 * with the {@code *Async} stages on their own executor. Thread-safe.
 *
 * <p>Hosts are never evicted: they are the configured outlets and the hosts their items link to, a set small enough
 * that a few counters each cost nothing.
 */
public final class Frontier implements AutoCloseable {
    /** One request as the frontier schedules it; a retry's or redirect's state lives in the job. */
    interface Job {
        /** The host the next turn talks to, lower case. */
        String host();

        /** The requested URL, for the failure of a job the frontier gives up on (closed). */
        URI url();

        /** One request to {@link #host()}; runs on a worker, outside the frontier's lock. Never throws. */
        Turn run();
    }

    /**
     * What a turn ended in: a result, a failure, or another turn (not before {@code notBefore} on the ticker);
     * {@code pauseHost}: the host of the finished turn asked for that wait (Retry-After) and is not asked meanwhile.
     */
    record Turn(FetchResult result, FetchException failure, long notBefore, boolean pauseHost) {
        static Turn done(FetchResult r) {
            return new Turn(r, null, 0, false);
        }

        static Turn failed(FetchException e) {
            return new Turn(null, e, 0, false);
        }

        /** The next hop of a redirect, right away. */
        static Turn next() {
            return new Turn(null, null, Long.MIN_VALUE, false);
        }

        static Turn retryAt(long notBefore, boolean pauseHost) {
            return new Turn(null, null, notBefore, pauseHost);
        }

        boolean again() {
            return result == null && failure == null;
        }
    }

    /**
     * One host's load, for metrics and status: requests waiting (queued or due later), in flight, how long the
     * oldest waiting one has waited, and totals since start.
     */
    public record HostLoad(String host, int waiting, int inFlight, Duration oldestWait, long served,
                           Duration totalWait) {}

    private final int maxWorkers;
    private final int permits;
    private final long gapNanos;
    private final Ticker ticker;
    private final String threadName;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Host> hosts = new HashMap<>();
    /** Hosts with queued work, in round-robin order. */
    private final ArrayDeque<Host> ring = new ArrayDeque<>();
    private final PriorityQueue<Task> later = new PriorityQueue<>(Comparator.comparingLong(t -> t.notBefore));
    private final List<Thread> workers = new ArrayList<>();
    private int idle;
    /** The earliest time a worker waits for on the clock (MAX_VALUE: none does). */
    private long timedUntil = Long.MAX_VALUE;
    private boolean closed;
    /** Stopping: a request is sent only if its host may be asked at once; one that would wait for its host fails. */
    private boolean draining;
    /** Requests failed under the lock by draining, completed once it is released (callbacks never run under it). */
    private final List<Task> failing = new ArrayList<>();
    /** Reserves each start beyond this process (several nodes); {@link HostPacer#LOCAL}: the gap above is all. */
    private volatile HostPacer pacer = HostPacer.LOCAL;

    /**
     * @param workers threads running requests at once, over all hosts
     * @param permits requests in flight to one host at once (at least 1)
     * @param gap     least time between the starts of two requests to one host (null or zero: none)
     */
    Frontier(int workers, int permits, Duration gap, Ticker ticker, String threadName) {
        this.maxWorkers = Math.max(1, workers);
        this.permits = Math.max(1, permits);
        this.gapNanos = gap == null || gap.isNegative() ? 0 : gap.toNanos();
        this.ticker = ticker;
        this.threadName = threadName;
    }

    /** From now on, every request's start is also reserved with {@code p} (null: {@link HostPacer#LOCAL}). */
    void pace(HostPacer p) {
        pacer = p == null ? HostPacer.LOCAL : p;
    }

    /** Queues {@code job} behind the host's earlier work of the same priority. */
    CompletableFuture<FetchResult> submit(Job job, Priority priority) {
        Task t = new Task(job, priority);
        lock.lock();
        try {
            if (closed) {
                t.future.completeExceptionally(closedFailure(job));
                return t.future;
            }
            t.enqueued = ticker.nanos();
            enqueue(t, false);
            if (draining) sweep(ticker.nanos());
            wake();
        } finally {
            lock.unlock();
        }
        failPending();
        t.future.whenComplete((r, e) -> {
            if (t.future.isCancelled()) drop(t);
        });
        return t.future;
    }

    /** A request its caller gave up: out of its host's queue, if it is still waiting there. */
    private void drop(Task t) {
        lock.lock();
        try {
            Host h = t.host;
            if (h == null) return;
            if (h.queues[t.priority.ordinal()].remove(t) || later.remove(t)) {
                h.waiting--;
                if (h.inRing && !hasQueued(h)) {
                    ring.remove(h);
                    h.inRing = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every host that has had work, busiest first. */
    public List<HostLoad> snapshot() {
        lock.lock();
        try {
            long now = ticker.nanos();
            List<HostLoad> loads = new ArrayList<>(hosts.size());
            for (Host h : hosts.values()) {
                long oldest = Long.MAX_VALUE;
                for (ArrayDeque<Task> q : h.queues) {
                    for (Task t : q) oldest = Math.min(oldest, t.enqueued);
                }
                for (Task t : later) {
                    if (t.host == h) oldest = Math.min(oldest, t.enqueued);
                }
                loads.add(new HostLoad(h.name, h.waiting, h.inFlight,
                    Duration.ofNanos(oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest)), h.served,
                    Duration.ofNanos(h.waitNanos)));
            }
            loads.sort(Comparator.comparingInt((HostLoad l) -> l.waiting() + l.inFlight()).reversed()
                .thenComparing(HostLoad::host));
            return loads;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops waiting for hosts: from now on a request (queued, submitted, a redirect's next hop) is sent only if its
     * host may be asked at once, and one that would have to wait for its host's gap, permits or Retry-After, or a
     * retry's backoff, fails with {@link FetcherStoppedException}. What a stopping process still asks for is sent
     * or refused at once, so no stop waits out a host's queue; requests in flight finish.
     */
    void drain() {
        lock.lock();
        try {
            if (closed || draining) return;
            draining = true;
            sweep(ticker.nanos());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        failPending();
    }

    /** Fails every request not yet started; requests in flight finish (their caller cancels the calls). */
    @Override
    public void close() {
        List<Task> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            for (Host h : ring) {
                for (ArrayDeque<Task> q : h.queues) {
                    dropped.addAll(q);
                    q.clear();
                }
                h.waiting = 0;
            }
            ring.clear();
            dropped.addAll(later);
            later.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Task t : dropped) t.future.completeExceptionally(closedFailure(t.job));
    }

    private static FetchException closedFailure(Job job) {
        return new FetcherStoppedException(job.url());
    }

    // ---- under the lock

    /** Draining: moves every request that would have to wait for its host (or its backoff) to {@link #failing}. */
    private void sweep(long now) {
        for (Task t : later) {
            t.host.waiting--;
            failing.add(t);
        }
        later.clear();
        for (var it = ring.iterator(); it.hasNext(); ) {
            Host h = it.next();
            if (h.readyAt(permits) <= now) continue;
            for (ArrayDeque<Task> q : h.queues) {
                h.waiting -= q.size();
                failing.addAll(q);
                q.clear();
            }
            h.inRing = false;
            it.remove();
        }
    }

    private Host host(String name) {
        return hosts.computeIfAbsent(name, Host::new);
    }

    private void enqueue(Task t, boolean front) {
        Host h = host(t.job.host());
        t.host = h;
        ArrayDeque<Task> q = h.queues[t.priority.ordinal()];
        if (front) q.addFirst(t); else q.addLast(t);
        h.waiting++;
        if (!h.inRing) {
            h.inRing = true;
            ring.addLast(h);
        }
    }

    /** Lets one more worker look at the queues, starting one if none is idle and the limit allows. */
    private void wake() {
        if (idle > 0) {
            changed.signal();
        } else if (workers.size() < maxWorkers) {
            Thread w = new Thread(this::work, threadName + "-" + (workers.size() + 1));
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
    }

    /** The next task whose host may be asked now, or null when closed. */
    private Task take() throws InterruptedException {
        while (!closed) {
            long now = ticker.nanos();
            for (Task t; (t = later.peek()) != null && t.notBefore <= now; ) {
                later.poll();
                t.host.waiting--;
                enqueue(t, true);
            }
            if (draining) sweep(now); // a host asked just now is not ready again: its other requests fail
            long[] due = {later.isEmpty() ? Long.MAX_VALUE : later.peek().notBefore};
            Task t = pick(now, due);
            if (t != null) {
                if (!ring.isEmpty() || !later.isEmpty()) wake(); // there may be more for another worker
                return t;
            }
            idle++;
            try {
                long mine = due[0];
                if (mine == Long.MAX_VALUE || mine >= timedUntil) {
                    changed.await(); // another worker is on the clock for an earlier time
                } else {
                    timedUntil = mine;
                    try {
                        ticker.await(changed, mine - now);
                    } finally {
                        if (timedUntil == mine) timedUntil = Long.MAX_VALUE;
                    }
                }
            } finally {
                idle--;
            }
        }
        return null;
    }

    /** Highest priority first; among the ready hosts, the one longest since served. {@code due}: the next ready time. */
    private Task pick(long now, long[] due) {
        for (int p = 0; p < Priority.values().length; p++) {
            for (Host h : ring) {
                ArrayDeque<Task> q = h.queues[p];
                if (q.isEmpty()) continue;
                long readyAt = h.readyAt(permits);
                if (readyAt > now) {
                    due[0] = Math.min(due[0], readyAt);
                    continue;
                }
                Task t = q.pollFirst();
                h.waiting--;
                ring.remove(h);
                if (hasQueued(h)) ring.addLast(h); else h.inRing = false;
                if (t.future.isDone()) return pick(now, due); // given up by its caller while queued
                h.inFlight++;
                h.nextStart = now + gapNanos;
                h.started = true;
                h.served++;
                h.waitNanos += Math.max(0, now - t.enqueued);
                return t;
            }
        }
        return null;
    }

    private static boolean hasQueued(Host h) {
        for (ArrayDeque<Task> q : h.queues) {
            if (!q.isEmpty()) return true;
        }
        return false;
    }

    /** Completes what draining failed; called after releasing the lock. */
    private void failPending() {
        List<Task> out;
        lock.lock();
        try {
            if (failing.isEmpty()) return;
            out = new ArrayList<>(failing);
            failing.clear();
        } finally {
            lock.unlock();
        }
        for (Task t : out) t.future.completeExceptionally(closedFailure(t.job));
    }

    // ---- the workers

    private void work() {
        while (true) {
            Task t;
            lock.lock();
            try {
                t = take();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            failPending();
            if (t == null) return;
            if (!t.paced && later(t)) continue;
            t.paced = false; // a redirect's or retry's next turn is paced again
            Turn turn;
            try {
                turn = t.job.run();
            } catch (RuntimeException | Error e) {
                turn = Turn.failed(new FetchException(Kind.IO, t.job.url(), "internal error: " + e, e));
            }
            finish(t, turn);
        }
    }

    /**
     * Reserves the task's start with the pacer, outside the lock; when the start is later, the task goes back to wait
     * for it (its permit given back, its host not asked before then) and true is returned. A pacer that fails is
     * logged once per failure and the request goes on under the local gap alone: the archive keeps polling.
     */
    private boolean later(Task t) {
        HostPacer p = pacer;
        if (p == HostPacer.LOCAL || gapNanos == 0) return false;
        Duration wait;
        try {
            wait = p.reserve(t.host.name, Duration.ofNanos(gapNanos));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Frontier.class).warn("host {}: cluster pacing unavailable, local gap only: {}",
                t.host.name, e.toString());
            return false;
        }
        t.paced = true;
        if (wait == null || wait.isZero() || wait.isNegative()) return false;
        lock.lock();
        try {
            long now = ticker.nanos();
            Host h = t.host;
            h.inFlight--;
            h.served--;
            h.nextStart = Math.max(h.nextStart, now + wait.toNanos());
            t.notBefore = now + wait.toNanos();
            t.enqueued = now;
            h.waiting++;
            later.add(t);
            wake();
        } finally {
            lock.unlock();
        }
        return true;
    }

    private void finish(Task t, Turn turn) {
        boolean again = turn.again() && !t.future.isDone();
        lock.lock();
        try {
            Host h = t.host;
            h.inFlight--;
            long now = ticker.nanos();
            if (again) {
                if (turn.pauseHost()) h.pausedUntil = Math.max(h.pausedUntil, turn.notBefore());
                if (closed) {
                    again = false;
                    turn = Turn.failed(closedFailure(t.job));
                } else if (turn.notBefore() > now) {
                    t.notBefore = turn.notBefore();
                    t.enqueued = now;
                    t.host = host(t.job.host());
                    t.host.waiting++;
                    later.add(t);
                } else {
                    t.enqueued = now;
                    enqueue(t, true); // a redirect continues work already started
                }
                if (draining) sweep(now);
            }
            wake();
        } finally {
            lock.unlock();
        }
        failPending();
        if (again) return;
        if (turn.failure() != null) t.future.completeExceptionally(turn.failure());
        else t.future.complete(turn.result());
    }

    private static final class Task {
        final Job job;
        final Priority priority;
        final CompletableFuture<FetchResult> future = new CompletableFuture<>();
        Host host;
        long enqueued;
        long notBefore;
        /** Its start is reserved with the pacer already (it waited for it): the next pick runs it. */
        boolean paced;

        Task(Job job, Priority priority) {
            this.job = job;
            this.priority = priority;
        }
    }

    private static final class Host {
        final String name;
        @SuppressWarnings("unchecked")
        final ArrayDeque<Task>[] queues = new ArrayDeque[Priority.values().length];
        /** Queued plus due later. */
        int waiting;
        int inFlight;
        boolean inRing;
        boolean started;
        long nextStart;
        long pausedUntil = Long.MIN_VALUE;
        long served;
        long waitNanos;

        Host(String name) {
            this.name = name;
            for (int i = 0; i < queues.length; i++) queues[i] = new ArrayDeque<>();
        }

        /** When this host may be asked next: never while its permits are taken. */
        long readyAt(int permits) {
            if (inFlight >= permits) return Long.MAX_VALUE;
            return Math.max(started ? nextStart : Long.MIN_VALUE, pausedUntil);
        }
    }
}
