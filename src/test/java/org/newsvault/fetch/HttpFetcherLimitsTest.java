package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.settings;
import static org.newsvault.fetch.FetchFixtures.tuning;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;
import org.newsvault.fetch.FetchFixtures.RecordingSleeper;

/** Hostile and failing servers: caps, bombs, dribbles, resets, DNS/connect/TLS failures, per-host limits. */
class HttpFetcherLimitsTest {
    private static final int CAP = 64 * 1024;

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (fetcher != null) {
            fetcher.close();
        }
        server.shutdown();
    }

    private HttpFetcher fetcher(HttpSettings s) {
        fetcher = FetchFixtures.fetcher(s, tuning(sleeper));
        return fetcher;
    }

    private FetchException failure(HttpSettings s, URI url) {
        try {
            fetcher(s).fetch(FetchRequest.page(url, null));
        } catch (FetchException e) {
            return e;
        }
        throw new AssertionError("expected a FetchException for " + url);
    }

    private URI url(String path) {
        return server.url(path).uri();
    }

    @Test
    void bodyAtTheCapIsAccepted() throws Exception {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[CAP])));
        assertThat(fetcher(settings()).fetch(FetchRequest.page(url("/x"), null)).body()).hasSize(CAP);
    }

    @Test
    void contentLengthOverTheCapFailsBeforeTheBody() {
        // declares far more than it sends: only failing on the header can be this quick
        server.enqueue(new MockResponse().setBody("tiny").setHeader("Content-Length", 500_000_000L));
        long t0 = System.nanoTime();
        FetchException e = failure(settings(), url("/big"));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("too large: body exceeds 64 KB (Content-Length 500000000)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void chunkedBodyOverTheCapIsCut() {
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(new byte[CAP + 1]), 4096));
        FetchException e = failure(settings(), url("/chunked"));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("too large: body exceeds 64 KB");
    }

    @Test
    void gzipBombStopsAtTheDecompressedCap() throws Exception {
        byte[] bomb = FetchFixtures.gzip(new byte[64 * 1024 * 1024]); // 64 MB of zeros, ~64 KB on the wire
        assertThat(bomb.length).isLessThan(CAP * 2);
        server.enqueue(new MockResponse().setBody(new Buffer().write(bomb)).setHeader("Content-Encoding", "gzip")
            .removeHeader("Content-Length"));
        long t0 = System.nanoTime();
        FetchException e = failure(settings(), url("/bomb"));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void dribblingServerIsStoppedByTheCallTimeout() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[1000]))
            .throttleBody(1, 50, TimeUnit.MILLISECONDS)); // 50 s in total, never silent for long
        long t0 = System.nanoTime();
        FetchException e = failure(FetchFixtures.withCallTimeout(settings(), Duration.ofMillis(600)), url("/slow"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("timeout: request took longer than 600 ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofMillis(1800));
    }

    @Test
    void silentServerHitsTheReadTimeout() {
        server.enqueue(new MockResponse().setBody("late").setHeadersDelay(1, TimeUnit.SECONDS));
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(3),
            CAP, 3, 4, Duration.ZERO, 0, FetchFixtures.UA, null);
        FetchException e = failure(s, url("/silent"));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("timeout: no data for 200 ms");
    }

    @ParameterizedTest
    @CsvSource({"DISCONNECT_DURING_RESPONSE_BODY", "DISCONNECT_AFTER_REQUEST"})
    void brokenConnectionIsIo(SocketPolicy policy) {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[20_000])).setSocketPolicy(policy));
        FetchException e = failure(settings(), url("/cut"));
        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getMessage()).startsWith("io: ").doesNotContain("\n");
        assertThat(e.kind().transientFailure()).isTrue();
    }

    @Test
    void truncatedGzipIsIo() throws Exception {
        byte[] gz = FetchFixtures.gzip("hello world, hello world".repeat(100).getBytes());
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        server.enqueue(new MockResponse().setBody(new Buffer().write(cut)).setHeader("Content-Encoding", "gzip"));
        assertThat(failure(settings(), url("/cutgz")).kind()).isEqualTo(Kind.IO);
    }

    @Test
    void unknownHostIsDnsWithoutTouchingTheNetwork() {
        FetchException e = failure(settings(), URI.create("http://news.example.invalid/feed"));
        assertThat(e.kind()).isEqualTo(Kind.DNS);
        assertThat(e.getMessage()).isEqualTo("dns: unknown host news.example.invalid");
        assertThat(e.status()).isZero();
    }

    @Test
    void dnsFailureIsRetriedAsTransient() {
        assertThat(failure(settings(2, 4, null), URI.create("http://nowhere.invalid/")).kind()).isEqualTo(Kind.DNS);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void refusedConnectionIsConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FetchException e = failure(settings(), URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(e.kind()).isEqualTo(Kind.CONNECT);
        assertThat(e.getMessage()).startsWith("connect: cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void tlsToAPlainServerIsTls() throws Exception {
        // answers any connection with plain HTTP, which no TLS handshake accepts
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
                    s.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (IOException | InterruptedException ignored) {
                    // the client hangs up first
                }
            });
            t.start();
            URI https = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/");
            FetchException e = failure(settings(), https);
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getMessage()).startsWith("tls: ").doesNotContain("\n");
            t.join(2000);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, true", "6, false"})
    void perHostConcurrencyHoldsAcrossThreads(int perHost, boolean limited) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(150);
                inFlight.decrementAndGet();
                return new MockResponse().setBody("ok");
            }
        });
        HttpFetcher f = fetcher(settings(0, perHost, null));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<FetchResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                URI u = url("/slow/" + i);
                results.add(pool.submit(() -> f.fetch(FetchRequest.page(u, null))));
            }
            for (Future<FetchResult> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        if (limited) {
            assertThat(max.get()).isEqualTo(2);
        } else {
            assertThat(max.get()).isGreaterThan(2);
        }
    }

    @Test
    void gapSpacesRequestStartsToOneHost() throws Exception {
        List<Long> arrivals = new ArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (arrivals) {
                    arrivals.add(System.nanoTime());
                }
                return new MockResponse().setBody("ok");
            }
        });
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
            CAP, 3, 4, Duration.ofMillis(150), 0, FetchFixtures.UA, null);
        fetcher = FetchFixtures.fetcher(s, tuning(sleeper).withTicker(Ticker.REAL)); // the gap in real time
        HttpFetcher f = fetcher;
        for (int i = 0; i < 3; i++) {
            f.fetch(FetchRequest.page(url("/" + i), null));
        }
        assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }
}
