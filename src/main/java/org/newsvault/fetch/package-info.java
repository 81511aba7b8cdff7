/**
 * The fetch stage: turns a {@link org.newsvault.fetch.FetchRequest} into bytes or a classified
 * {@link org.newsvault.fetch.FetchException}.
 *
 * <p>{@link org.newsvault.fetch.HttpFetcher} is the one implementation: http/https (and {@code file:}
 * for configured feeds) with a decompressed-size cap, call timeout, self-followed redirects, conditional
 * GET, and retries with jittered backoff that honour Retry-After. Politeness (per-host concurrency and spacing,
 * Retry-After pauses) has one owner, {@link org.newsvault.fetch.Frontier}: per-host queues served round-robin by
 * {@link org.newsvault.fetch.Priority}, in which requests, redirect hops and retries wait without holding a thread.
 * Every connection passes the address policy ({@code AddressPolicy}) (SSRF): public addresses, the hosts of
 * configured feeds as written, and {@code http.allow-private} ranges; the check is on the address connected to
 * (OkHttp {@code Dns} and socket level), not on the URL's spelling.
 * {@link org.newsvault.fetch.Charsets} decodes fetched HTML pages (BOM, header, meta, sniffing; GBK and
 * Big5 aware).
 */
package org.newsvault.fetch;
