package org.newsvault.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One thread that hands whatever has queued up (at most {@code max} items) to {@code handler} in one call,
 * so many small database writes become a few large ones; a batch waits for more items at most its linger.
 * Should the handler throw, every item of that batch goes to {@code onFailure}, so no item is silently
 * lost (an import waits for every file's outcome). {@link #close} returns once everything queued before it
 * has been handled; {@link #abort} stops at once.
 */
final class Batcher<T> implements AutoCloseable {
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    Batcher(String name, int max, Consumer<List<T>> handler, BiConsumer<T, RuntimeException> onFailure) {
        this(name, max, Duration.ZERO, handler, onFailure);
    }

    /**
     * @param linger how long a batch that is not full waits for more items before it is handled: each batch is a
     *               commit, whose cost hardly depends on its size, so a little waiting saves many commits when the
     *               items come one at a time
     */
    Batcher(String name, int max, Duration linger, Consumer<List<T>> handler, BiConsumer<T, RuntimeException> onFailure) {
        long lingerNanos = linger.toNanos();
        this.thread = new Thread(() -> {
            List<T> batch = new ArrayList<>(max);
            while (true) {
                T first;
                try {
                    first = queue.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (first == null) {
                    if (closing && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - 1);
                long until = System.nanoTime() + lingerNanos;
                try {
                    // Closing ends the wait: everything there is has been added.
                    for (long wait = lingerNanos; batch.size() < max && wait > 0 && !closing; wait = until - System.nanoTime()) {
                        T next = queue.poll(Math.min(wait, CHECK_NANOS), TimeUnit.NANOSECONDS);
                        if (next == null) continue;
                        batch.add(next);
                        queue.drainTo(batch, max - batch.size());
                    }
                    queue.drainTo(batch, max - batch.size());
                } catch (InterruptedException e) {
                    return;
                }
                List<T> items = List.copyOf(batch);
                batch.clear();
                try {
                    handler.accept(items);
                } catch (RuntimeException e) {
                    for (T item : items) onFailure.accept(item, e);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    void add(T item) {
        queue.add(item);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join();
    }

    void abort() {
        thread.interrupt();
    }
}
