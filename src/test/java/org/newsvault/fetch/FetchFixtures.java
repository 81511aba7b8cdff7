package org.newsvault.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import okhttp3.Dns;
import org.newsvault.config.HttpSettings;

/** Shared test settings: tiny timeouts and caps, no real DNS, no real waiting between retries. */
final class FetchFixtures {
    static final Instant NOW = Instant.parse("2024-06-20T12:00:00Z");
    static final String UA = "newsvault-test/1";

    /** Resolves only loopback; every other name fails as if it did not exist. */
    static final Dns LOOPBACK_DNS = host -> {
        if (host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    };

    private FetchFixtures() {
    }

    static HttpSettings settings() {
        return settings(0, 4, null);
    }

    static HttpSettings settings(int retries, int perHost, String proxy) {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
            64 * 1024, 3, perHost, Duration.ZERO, retries, UA, proxy);
    }

    static HttpSettings withCallTimeout(HttpSettings s, Duration call) {
        return new HttpSettings(s.connectTimeout(), s.readTimeout(), call, s.maxBodyBytes(), s.maxRedirects(),
            s.perHostConcurrency(), s.perHostGap(), s.retries(), s.userAgent(), s.proxy());
    }

    /** Below the address policy: refuses any connect that is not to loopback, so no test can reach a real network. */
    static final CheckedSockets.ConnectGuard LOOPBACK_ONLY = target -> {
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new java.net.ConnectException("test guard: refused to connect to " + target);
        }
    };

    /** The hosts MockWebServer URLs use; a test allows them as configuration would (they are its feed hosts). */
    static final java.util.Set<String> TEST_HOSTS = java.util.Set.of("localhost", "127.0.0.1");

    static Tuning tuning(RecordingSleeper sleeper) {
        return new Tuning(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60),
            Clock.fixed(NOW, ZoneOffset.UTC), sleeper, () -> 0.5, LOOPBACK_DNS, LOOPBACK_ONLY);
    }

    /** A fetcher for tests whose servers stand in for configured feed hosts on loopback. */
    static HttpFetcher fetcher(HttpSettings s, Tuning t) {
        HttpFetcher f = new HttpFetcher(s, t);
        f.allowHosts(TEST_HOSTS);
        return f;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /**
     * The frontier's clock in tests: virtual time that moves only when the frontier waits, each wait recorded (so a
     * test of a 30 s Retry-After takes no 30 s, and sees exactly the waits the frontier made).
     */
    static final class RecordingSleeper implements Ticker {
        final List<Duration> sleeps = new ArrayList<>();
        private long nanos = 1_000_000_000L;

        @Override
        public synchronized long nanos() {
            return nanos;
        }

        @Override
        public synchronized void await(java.util.concurrent.locks.Condition condition, long wait) {
            sleeps.add(Duration.ofNanos(wait));
            nanos += wait;
        }

        synchronized List<Duration> sleeps() {
            return List.copyOf(sleeps);
        }
    }
}
