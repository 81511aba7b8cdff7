package org.newsvault.fetch;

/**
 * Fetches one URL politely: size cap, timeouts, bounded redirects, conditional GET, per-host limits,
 * retries with backoff for transient failures. Thread-safe; one instance is shared by all jobs so
 * that per-host limits hold across them.
 *
 * <p>Expected outcomes are values: a 304 is a {@link FetchResult} with {@code notModified()}.
 * Failures (DNS, connect, timeout, too large, 4xx/5xx after retries, redirect loop, blocked scheme)
 * are a {@link FetchException} carrying its {@link FetchException.Kind}, the URL and a one-line reason.
 */
public interface Fetcher {
    FetchResult fetch(FetchRequest request) throws FetchException;
}
