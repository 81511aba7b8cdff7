package org.newsvault.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;

/** The one place where HTTP statuses and I/O exceptions become a {@link Kind} and a one-line reason. */
final class FailureClassifier {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
        Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
        Map.entry(303, "See Other"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
        Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
        Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
        Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
        Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(414, "URI Too Long"),
        Map.entry(429, "Too Many Requests"), Map.entry(451, "Unavailable For Legal Reasons"),
        Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
        Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final HttpSettings settings;
    private final Clock clock;

    FailureClassifier(HttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A response that is neither 2xx, 304 nor a followable redirect. {@code retryAfterHeader} only
     * counts on 429 and 503.
     */
    FetchException status(URI url, int code, String serverReason, String retryAfterHeader) {
        Duration retryAfter = code == 429 || code == 503 ? RetryAfter.parse(retryAfterHeader, clock.instant()) : null;
        Kind kind;
        if (code == 404 || code == 410) {
            kind = Kind.NOT_FOUND;
        } else if (code == 429 || (code == 503 && retryAfter != null)) {
            kind = Kind.RATE_LIMITED;
        } else if (code >= 400 && code < 500) {
            kind = Kind.HTTP_CLIENT;
        } else {
            kind = Kind.HTTP_SERVER; // 5xx, and anything odd such as a 3xx without Location
        }
        String reason = "HTTP " + code + phrase(code, serverReason);
        if (code >= 300 && code < 400) {
            reason += " without a usable Location";
        }
        if (retryAfter != null) {
            reason += " (retry after " + Sizes.duration(retryAfter) + ")";
        }
        return new FetchException(kind, url, code, retryAfter, reason, null);
    }

    /** A failure below HTTP: no response, or the body broke off. */
    FetchException io(URI url, IOException e) {
        if (e instanceof FetchException fe) {
            return fe;
        }
        String host = url.getHost() == null ? String.valueOf(url) : url.getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            // first: the policy's refusal is an UnknownHostException only for OkHttp's sake
            if (t instanceof AddressBlockedException) {
                // not cut at 200: the rule comes after the host name, which may be 253 characters
                return new FetchException(Kind.BLOCKED, url, t.getMessage().replaceAll("[\\p{Cntrl}\\s]+", " "), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new FetchException(Kind.DNS, url, "unknown host " + host, e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new FetchException(Kind.CONNECT, url,
                    "cannot connect to " + hostPort(url) + " (" + oneLine(root(t)) + ")", e);
            }
            if (t instanceof SSLException) {
                return new FetchException(Kind.TLS, url, oneLine(t), e);
            }
            if (t instanceof SocketTimeoutException) {
                String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return new FetchException(Kind.TIMEOUT, url, msg.contains("connect")
                    ? "connect to " + hostPort(url) + " timed out after " + Sizes.duration(settings.connectTimeout())
                    : "no data for " + Sizes.duration(settings.readTimeout()), e);
            }
            if (t instanceof InterruptedIOException) {
                // OkHttp's call timeout; a plain thread interrupt lands here too
                return new FetchException(Kind.TIMEOUT, url,
                    "request took longer than " + Sizes.duration(settings.callTimeout()), e);
            }
        }
        return new FetchException(Kind.IO, url, oneLine(e), e);
    }

    private static String phrase(int code, String serverReason) {
        String known = REASONS.get(code);
        if (known != null) {
            return " " + known;
        }
        String s = serverReason == null ? "" : oneLine(serverReason);
        return s.isEmpty() ? "" : " " + (s.length() > 60 ? s.substring(0, 60) : s);
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String hostPort(URI url) {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : oneLine(m);
    }

    static String oneLine(String s) {
        String line = s.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
