package org.newsvault.config;

import java.time.Duration;

/**
 * How newsvault talks to the network. Every value has a default (see {@link #DEFAULTS}).
 *
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        longest silence between two reads
 * @param callTimeout        whole request including body, so a server that dribbles bytes forever stops
 * @param maxBodyBytes       cap on any body after decompression (streamed; gzip bombs stop here)
 * @param maxRedirects       redirects followed before giving up
 * @param perHostConcurrency concurrent requests to one host
 * @param perHostGap         pause between two requests to one host
 * @param retries            retries of transient failures (exponential backoff with jitter)
 * @param userAgent          sent with every request
 * @param proxy              global proxy: {@code http://host:port}, {@code socks5://host:port}, or null
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                           long maxBodyBytes, int maxRedirects, int perHostConcurrency, Duration perHostGap,
                           int retries, String userAgent, String proxy) {
    public static final String USER_AGENT =
        "newsvault/0.1 (+https://github.com/newsvault/newsvault; news archiver)";

    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(60), 10L * 1024 * 1024, 5, 2, Duration.ofMillis(250), 2, USER_AGENT, null);
}
