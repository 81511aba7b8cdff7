package org.newsvault.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A fetch that failed, classified once, here. The message is one line meant for users:
 * {@code "<kind>: <reason>"} (the URL is not repeated; callers prefix the feed).
 */
public class FetchException extends IOException {
    public enum Kind {
        /**
         * Refused before or instead of connecting: a scheme other than http/https (or file where not allowed), an
         * address the {@link AddressPolicy} refuses, a URL that is not one. Never retried.
         */
        BLOCKED,
        DNS, CONNECT, TLS, TIMEOUT,
        /** body larger than the cap, or decompressed past it (gzip bomb) */ TOO_LARGE,
        TOO_MANY_REDIRECTS,
        /** 404/410 */ NOT_FOUND,
        /** other 4xx */ HTTP_CLIENT,
        /** 5xx */ HTTP_SERVER,
        /** 429, or 503 with Retry-After */ RATE_LIMITED,
        /** connection reset, truncated body, bad protocol */ IO,
        /** the body is not what the request wants (its {@link BodyCheck} refused its first bytes) */ UNWANTED;

        /** Transient failures are retried and, on a watched article, never taken as a deletion. */
        public boolean transientFailure() {
            return this == DNS || this == CONNECT || this == TIMEOUT || this == HTTP_SERVER
                || this == RATE_LIMITED || this == IO || this == TLS;
        }
    }

    private final Kind kind;
    private final URI url;
    private final int status;
    private final Duration retryAfter;

    public FetchException(Kind kind, URI url, int status, Duration retryAfter, String reason, Throwable cause) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + reason, cause);
        this.kind = kind;
        this.url = url;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public FetchException(Kind kind, URI url, String reason, Throwable cause) {
        this(kind, url, 0, null, reason, cause);
    }

    public Kind kind() { return kind; }
    public URI url() { return url; }
    /** HTTP status, or 0 when no response was received. */
    public int status() { return status; }
    /** The server's Retry-After, or null. */
    public Duration retryAfter() { return retryAfter; }
}
