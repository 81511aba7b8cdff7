package org.newsvault.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.newsvault.fetch.FetchException.Kind;

/**
 * One attempt at a URL: the hops of its redirect chain ({@link Chain}), each checked by the {@link AddressPolicy}
 * and sent when the {@link Frontier} gives its host a turn, ending in a 2xx/304 result or a classified failure. All
 * hops share one call-timeout budget that counts only the time spent talking to servers: waiting for a busy host's
 * turn (the first hop's or a later one's) is not the server's fault.
 *
 * <p>The header values kept in a result are bounded ({@link FetchResult}): a hostile server's 2,000-character
 * ETag must not make the feed's row unstorable.
 */
final class RedirectFollower {
    private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.\\-]*):");

    private final BodyReader reader;
    private final FailureClassifier classifier;
    private final int maxRedirects;
    private final long callTimeoutNanos;
    private final Clock clock;
    private final AddressPolicy policy;
    private final okhttp3.Dns resolver;

    /** @param resolver the plain resolver, for checking a name before a proxy resolves it */
    RedirectFollower(BodyReader reader, FailureClassifier classifier, int maxRedirects,
                     Duration callTimeout, Clock clock, AddressPolicy policy, okhttp3.Dns resolver) {
        this.policy = policy;
        this.resolver = resolver;
        this.reader = reader;
        this.classifier = classifier;
        this.maxRedirects = Math.max(0, maxRedirects);
        this.callTimeoutNanos = callTimeout == null ? 0 : callTimeout.toNanos();
        this.clock = clock;
    }

    /**
     * Where a request is in its redirect chain. A retry starts the chain over ({@link #restart}), with a fresh
     * call-timeout budget, as a new attempt.
     */
    static final class Chain {
        final FetchRequest request;
        final long startNanos;
        private final HttpUrl first;
        HttpUrl url;
        Set<HttpUrl> seen;
        int redirects;
        long spentNanos; // talking to servers, summed over the hops

        Chain(HttpUrl first, FetchRequest request, long startNanos) {
            this.first = first;
            this.request = request;
            this.startNanos = startNanos;
            restart();
        }

        void restart() {
            url = first;
            seen = new HashSet<>(List.of(first));
            redirects = 0;
            spentNanos = 0;
        }

        /** The host of the next hop (OkHttp keeps hosts in lower case). */
        String host() {
            return url.host();
        }
    }

    /**
     * One hop of {@code chain}: its result, or null when it redirected (the chain then points at the next hop, which
     * the caller sends when that host's turn comes).
     */
    FetchResult hop(OkHttpClient client, Chain chain) throws FetchException {
        FetchRequest request = chain.request;
        HttpUrl url = chain.url;
        URI current = chain.redirects == 0 ? request.url() : uri(url, request.url());
        try {
            policy.checkHop(url.host(), ProxyClients.proxied(client), resolver);
            Call call = client.newCall(build(url, request));
            if (callTimeoutNanos > 0) {
                long remaining = callTimeoutNanos - chain.spentNanos;
                if (remaining <= 0) {
                    throw classifier.io(current, new InterruptedIOException("timeout"));
                }
                call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            }
            long hopStart = System.nanoTime();
            try (Response response = call.execute()) {
                Instant arrived = clock.instant();
                int code = response.code();
                if (isRedirect(code)) {
                    HttpUrl next = resolve(url, response.header("Location"), current, code);
                    if (++chain.redirects > maxRedirects) {
                        throw new FetchException(Kind.TOO_MANY_REDIRECTS, current, code, null,
                            "more than " + maxRedirects + " redirects", null);
                    }
                    if (!chain.seen.add(next)) {
                        throw new FetchException(Kind.TOO_MANY_REDIRECTS, current, code, null,
                            "redirect loop back to " + next, null);
                    }
                    chain.url = next;
                    return null;
                }
                if (code == 304) {
                    return result(request, url, chain.redirects, response, new byte[0], arrived, chain.startNanos);
                }
                if (code >= 200 && code < 300) {
                    byte[] body = reader.read(response, current, request.maxBytes(), request.check());
                    return result(request, url, chain.redirects, response, body, arrived, chain.startNanos);
                }
                throw classifier.status(current, code, response.message(), response.header("Retry-After"));
            } finally {
                chain.spentNanos += System.nanoTime() - hopStart;
            }
        } catch (IOException e) {
            throw classifier.io(current, e);
        } catch (IllegalArgumentException e) {
            // OkHttp refuses to build the request (a header or URL it cannot send)
            throw new FetchException(Kind.BLOCKED, current, "not a valid URL: " + FailureClassifier.oneLine(e), e);
        }
    }

    /** A hop's URL as a java.net.URI; OkHttp re-encodes what URI rejects, and gives up only on broken input. */
    private static URI uri(HttpUrl url, URI fallback) throws FetchException {
        try {
            return url.uri();
        } catch (RuntimeException e) {
            throw new FetchException(Kind.BLOCKED, fallback, "redirect to something that is not a valid URL", e);
        }
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** The next hop; never anything but http(s), whatever the server asks for. */
    private HttpUrl resolve(HttpUrl base, String location, URI current, int code) throws FetchException {
        if (location != null) {
            Matcher m = SCHEME.matcher(location);
            if (m.find()) {
                String scheme = m.group(1).toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new FetchException(Kind.BLOCKED, current, code, null,
                        "redirect to a " + scheme + ": URL not followed", null);
                }
            }
            HttpUrl next = base.resolve(location.trim());
            if (next != null) {
                return next;
            }
        }
        throw classifier.status(current, code, null, null);
    }

    private static Request build(HttpUrl url, FetchRequest request) {
        Request.Builder b = new Request.Builder().url(url).get();
        if (headerSafe(request.etag())) {
            b.header("If-None-Match", request.etag());
        }
        if (headerSafe(request.lastModified())) {
            b.header("If-Modified-Since", request.lastModified());
        }
        return b.build();
    }

    /** Stored validators come from earlier responses; OkHttp rejects non-ASCII request header values. */
    private static boolean headerSafe(String v) {
        return v != null && !v.isBlank() && v.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }

    private FetchResult result(FetchRequest request, HttpUrl finalUrl, int redirects, Response response,
                               byte[] body, Instant arrived, long startNanos) throws FetchException {
        Headers h = response.headers();
        List<Map.Entry<String, String>> headers = new ArrayList<>(h.size());
        long block = 0;
        for (int i = 0; i < h.size(); i++) {
            String value = cut(h.value(i), FetchResult.MAX_HEADER_VALUE);
            block += h.name(i).length() + value.length() + 4;
            if (block > FetchResult.MAX_HEADER_BLOCK) {
                break; // the rest of an oversized header block is not kept
            }
            headers.add(Map.entry(h.name(i), value));
        }
        boolean notModified = response.code() == 304;
        // a 304 may omit the validators; the caller keeps storing the ones it sent
        String etag = h.get("ETag") != null || !notModified ? h.get("ETag") : request.etag();
        String lastModified = h.get("Last-Modified") != null || !notModified
            ? h.get("Last-Modified") : request.lastModified();
        return new FetchResult(request.url(), redirects == 0 ? request.url() : uri(finalUrl, request.url()),
            response.code(), notModified, List.copyOf(headers), body,
            cut(h.get("Content-Type"), FetchResult.MAX_CONTENT_TYPE),
            validator(etag, FetchResult.MAX_ETAG), validator(lastModified, FetchResult.MAX_LAST_MODIFIED), arrived,
            Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** A validator that does not fit is dropped, not cut: a cut ETag would never match again. */
    private static String validator(String value, int max) {
        return value == null || value.length() > max ? null : value;
    }
}
