package org.newsvault.images;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's image fetching: one thread of its own that fetches due images batch after batch, and when none is due
 * looks again every {@link #IDLE} (or at once on {@link #wake}, which the poll calls when it lists new ones). It
 * holds no feed or entry thread and its requests are the fetcher's lowest priority, so it never delays a poll.
 * Stopping never interrupts the thread (H2 breaks on interrupts): the flag stops new requests, the fetcher's
 * {@code stopQueued} fails those still waiting for their host, and rows not reached are given back.
 */
public final class ImageWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImageWorker.class);
    static final Duration IDLE = Duration.ofSeconds(5);

    private final ImageFetcher fetcher;
    private final Consumer<ImageSummary> onBatch;
    private final Duration idle;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean stopping;
    private boolean woken;

    public ImageWorker(ImageFetcher fetcher, Consumer<ImageSummary> onBatch) {
        this(fetcher, onBatch, IDLE);
    }

    ImageWorker(ImageFetcher fetcher, Consumer<ImageSummary> onBatch, Duration idle) {
        this.fetcher = fetcher;
        this.onBatch = onBatch;
        this.idle = idle;
        this.thread = new Thread(this::loop, "nv-images");
        thread.setDaemon(true);
    }

    public ImageWorker start() {
        thread.start();
        return this;
    }

    /** New rows are listed: look now rather than at the end of the idle wait. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!stopping) {
            ImageSummary s;
            try {
                s = fetcher.fetchDueBatch(() -> stopping, ImageFetcher.Listener.NONE);
            } catch (RuntimeException e) {
                log.warn("images: a batch failed: {}", e.toString());
                s = ImageSummary.EMPTY;
            }
            if (s.rows() > 0) {
                onBatch.accept(s);
                if (s.rows() > s.released()) log.info("images: {}", s.line());
            }
            if (s.rows() == 0 || s.rows() == s.released()) pause();
        }
    }

    private void pause() {
        synchronized (signal) {
            if (!woken && !stopping) {
                try {
                    signal.wait(idle.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            woken = false;
        }
    }

    /** Stops taking rows and waits at most {@code bound} for the batch in hand to end. */
    public boolean stop(Duration bound) {
        stopping = true;
        wake();
        if (!thread.isAlive()) return true;
        try {
            thread.join(Math.max(1, bound.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
