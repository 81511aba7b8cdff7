package org.newsvault.config;

import java.time.Duration;
import java.util.List;

/**
 * How newsvault talks to the network. Every value has a default (see {@link #DEFAULTS}).
 *
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        longest silence between two reads
 * @param callTimeout        time spent talking to servers for one request, all its redirects included (waits
 *                           for a busy host's permit do not count), so a server that dribbles bytes forever stops
 * @param maxBodyBytes       cap on any body after decompression (streamed; gzip bombs stop here)
 * @param maxRedirects       redirects followed before giving up
 * @param perHostConcurrency concurrent requests to one host
 * @param perHostGap         pause between two requests to one host
 * @param retries            retries of transient failures (exponential backoff with jitter)
 * @param userAgent          sent with every request
 * @param proxy              global proxy: {@code http://host:port}, {@code socks5://host:port}, or null
 * @param allowPrivate       address ranges ({@link Cidr} text) that may be fetched although they are loopback,
 *                           private, link-local or otherwise not public; empty = only the configured feed hosts
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                           long maxBodyBytes, int maxRedirects, int perHostConcurrency, Duration perHostGap,
                           int retries, String userAgent, String proxy, List<String> allowPrivate) {
    public static final String USER_AGENT =
        "newsvault/0.1 (+https://github.com/newsvault/newsvault; news archiver)";

    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(60), 10L * 1024 * 1024, 5, 2, Duration.ofMillis(250), 2, USER_AGENT, null);

    public HttpSettings {
        allowPrivate = allowPrivate == null ? List.of() : List.copyOf(allowPrivate);
    }

    /** Settings without extra private ranges. */
    public HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxBodyBytes,
                        int maxRedirects, int perHostConcurrency, Duration perHostGap, int retries, String userAgent,
                        String proxy) {
        this(connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxRedirects, perHostConcurrency, perHostGap,
            retries, userAgent, proxy, List.of());
    }

    /** The same settings with {@code ranges} as {@code allowPrivate}. */
    public HttpSettings withAllowPrivate(List<String> ranges) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxRedirects,
            perHostConcurrency, perHostGap, retries, userAgent, proxy, ranges);
    }

    /** {@link #allowPrivate} parsed; each entry was validated when the config was loaded. */
    public List<Cidr> allowPrivateRanges() {
        return allowPrivate.stream().map(Cidr::parse).toList();
    }
}
