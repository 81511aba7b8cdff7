package org.newsvault.fetch;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches one URL politely: size cap, timeouts, bounded redirects, conditional GET, per-host limits,
 * retries with backoff for transient failures. Thread-safe; one instance is shared by all jobs so
 * that per-host limits hold across them.
 *
 * <p>Expected outcomes are values: a 304 is a {@link FetchResult} with {@code notModified()}.
 * Failures (DNS, connect, timeout, too large, 4xx/5xx after retries, redirect loop, blocked scheme)
 * are a {@link FetchException} carrying its {@link FetchException.Kind}, the URL and a one-line reason.
 *
 * <p>{@link #submit} is the form that holds no thread while the request waits for its host; the blocking forms wait
 * in the caller's thread. Implementations that have no queue (tests' fakes) fetch at once in the caller's thread.
 */
public interface Fetcher {
    /** A {@link Priority#PAGE} request, waited for in this thread. */
    FetchResult fetch(FetchRequest request) throws FetchException;

    /** The request queued at {@code priority}, waited for in this thread. */
    default FetchResult fetch(FetchRequest request, Priority priority) throws FetchException {
        return fetch(request);
    }

    /**
     * The request queued at {@code priority}; the future fails with the {@link FetchException}. It may complete on
     * a fetch thread: continue with the {@code *Async} stages on an executor of your own.
     */
    default CompletableFuture<FetchResult> submit(FetchRequest request, Priority priority) {
        try {
            return CompletableFuture.completedFuture(fetch(request, priority));
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
