package org.newsvault.poll;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The entry pool's work queue: the items of feeds already parsed go before the parse of another feed. A poll
 * fetches its feeds much faster than it archives their items, so with one FIFO queue every fetched feed was
 * parsed before most items ran, and the parsed bodies of all of them (1.5 GB of heap for 200 feeds of 50
 * full-text items) waited together, promoted from GC to GC. Taking item work first keeps about as many parsed
 * feeds in memory as there are entry threads, and each feed is done (and reported) sooner. Nothing waits in
 * here for a host, so no kind of work can hold the other back for longer than the work queued ahead of it.
 *
 * <p>A task wrapped by {@link #later} goes to the second queue; every other task to the first. Each queue is
 * FIFO. Unbounded, like the queue of {@link java.util.concurrent.Executors#newFixedThreadPool}.
 */
public final class EntryQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Runnable> first = new ArrayDeque<>();
    private final ArrayDeque<Runnable> second = new ArrayDeque<>();

    /** A task that yields to everything not so marked (a feed's parse, which makes item work). */
    public static Runnable later(Runnable task) {
        return new Later(task);
    }

    private record Later(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    @Override
    public boolean offer(Runnable r) {
        if (r == null) throw new NullPointerException();
        lock.lock();
        try {
            (r instanceof Later ? second : first).addLast(r);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(Runnable r) {
        offer(r);
    }

    @Override
    public boolean offer(Runnable r, long timeout, TimeUnit unit) {
        return offer(r);
    }

    private Runnable next() {
        Runnable r = first.pollFirst();
        return r != null ? r : second.pollFirst();
    }

    @Override
    public Runnable poll() {
        lock.lock();
        try {
            return next();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Runnable r;
            while ((r = next()) == null) notEmpty.await();
            return r;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            Runnable r;
            while ((r = next()) == null) {
                if (nanos <= 0) return null;
                nanos = notEmpty.awaitNanos(nanos);
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable peek() {
        lock.lock();
        try {
            Runnable r = first.peekFirst();
            return r != null ? r : second.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return first.size() + second.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean remove(Object o) {
        lock.lock();
        try {
            return first.remove(o) || second.remove(o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super Runnable> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Runnable> c, int maxElements) {
        if (c == this) throw new IllegalArgumentException();
        lock.lock();
        try {
            int n = 0;
            Runnable r;
            while (n < maxElements && (r = next()) != null) {
                c.add(r);
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot, in the order the tasks would be taken. */
    @Override
    public Iterator<Runnable> iterator() {
        lock.lock();
        try {
            List<Runnable> all = new ArrayList<>(first);
            all.addAll(second);
            return java.util.Collections.unmodifiableList(all).iterator();
        } finally {
            lock.unlock();
        }
    }
}
