package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.NOW;
import static org.newsvault.fetch.FetchFixtures.UA;
import static org.newsvault.fetch.FetchFixtures.settings;
import static org.newsvault.fetch.FetchFixtures.tuning;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;
import org.newsvault.fetch.FetchFixtures.RecordingSleeper;

class HttpFetcherTest {
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

    private URI url(String path) {
        return server.url(path).uri();
    }

    private static FetchRequest get(URI url) {
        return FetchRequest.page(url, null);
    }

    @Test
    void okWithHeadersInOrderAndDefaultRequestHeaders() throws Exception {
        server.enqueue(new MockResponse().setBody("<rss/>")
            .setHeader("Content-Type", "application/rss+xml; charset=utf-8")
            .setHeader("ETag", "\"v1\"").setHeader("Last-Modified", "Wed, 19 Jun 2024 10:00:00 GMT")
            .addHeader("X-Trace", "a").addHeader("X-Trace", "b"));
        FetchResult r = fetcher(settings()).fetch(get(url("/feed")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.notModified()).isFalse();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
        assertThat(r.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(r.etag()).isEqualTo("\"v1\"");
        assertThat(r.lastModified()).isEqualTo("Wed, 19 Jun 2024 10:00:00 GMT");
        assertThat(r.url()).isEqualTo(url("/feed"));
        assertThat(r.finalUrl()).isEqualTo(url("/feed"));
        assertThat(r.fetchedAt()).isEqualTo(NOW);
        assertThat(r.elapsed()).isPositive();
        assertThat(r.headers()).containsSubsequence(Map.entry("X-Trace", "a"), Map.entry("X-Trace", "b"));
        assertThat(r.headers()).contains(Map.entry("ETag", "\"v1\""));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeader("User-Agent")).isEqualTo(UA);
        assertThat(sent.getHeader("Accept-Encoding")).isEqualTo("gzip");
        assertThat(sent.getHeader("Accept")).contains("text/html").contains("application/rss+xml");
        assertThat(sent.getHeader("If-None-Match")).isNull();
    }

    @Test
    void gzipBodyIsDecompressedAndHeadersKeptAsSent() throws Exception {
        byte[] plain = "新闻 ".repeat(500).getBytes(StandardCharsets.UTF_8);
        server.enqueue(new MockResponse().setBody(new Buffer().write(FetchFixtures.gzip(plain)))
            .setHeader("Content-Encoding", "gzip"));
        FetchResult r = fetcher(settings()).fetch(get(url("/gz")));
        assertThat(r.body()).isEqualTo(plain);
        assertThat(r.headers()).contains(Map.entry("Content-Encoding", "gzip"));
    }

    @Test
    void conditionalGetSendsValidatorsAndReturnsNotModified() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(304));
        String lastModified = "Wed, 19 Jun 2024 10:00:00 GMT";
        FetchResult r = fetcher(settings())
            .fetch(new FetchRequest(url("/feed"), "\"v1\"", lastModified, null, false));

        assertThat(r.notModified()).isTrue();
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.etag()).isEqualTo("\"v1\"");
        assertThat(r.lastModified()).isEqualTo(lastModified);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeader("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(sent.getHeader("If-Modified-Since")).isEqualTo(lastModified);
    }

    @ParameterizedTest
    @CsvSource({
        "404, NOT_FOUND,    not found: HTTP 404 Not Found",
        "410, NOT_FOUND,    not found: HTTP 410 Gone",
        "403, HTTP_CLIENT,  http client: HTTP 403 Forbidden",
        "451, HTTP_CLIENT,  http client: HTTP 451 Unavailable For Legal Reasons",
        "429, RATE_LIMITED, rate limited: HTTP 429 Too Many Requests",
        "500, HTTP_SERVER,  http server: HTTP 500 Internal Server Error",
        "503, HTTP_SERVER,  http server: HTTP 503 Service Unavailable",
    })
    void statusIsClassified(int code, Kind kind, String message) {
        server.enqueue(new MockResponse().setResponseCode(code));
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/x"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.status()).isEqualTo(code);
                assertThat(e.getMessage()).isEqualTo(message);
                assertThat(e.url()).isEqualTo(url("/x"));
            });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(502));
        server.enqueue(new MockResponse().setBody("ok"));
        FetchResult r = fetcher(settings(2, 4, null)).fetch(get(url("/flaky")));

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(3);
        // full jitter with jitter=0.5: half of base*2^attempt
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void retriesStopAtTheConfiguredCount() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        assertThatThrownBy(() -> fetcher(settings(1, 4, null)).fetch(get(url("/down"))))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HTTP_SERVER));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void notFoundIsNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404));
        server.enqueue(new MockResponse().setBody("never"));
        assertThatThrownBy(() -> fetcher(settings(3, 4, null)).fetch(get(url("/gone"))))
            .isInstanceOf(FetchException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"503, 7", "429, 2"})
    void retryAfterSecondsIsHonoured(int code, long seconds) throws Exception {
        server.enqueue(new MockResponse().setResponseCode(code).setHeader("Retry-After", seconds));
        server.enqueue(new MockResponse().setBody("back"));
        FetchResult r = fetcher(settings(2, 4, null)).fetch(get(url("/busy")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(seconds));
    }

    @Test
    void retryAfterHttpDateIsHonoured() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", date));
        server.enqueue(new MockResponse().setBody("back"));
        fetcher(settings(1, 4, null)).fetch(get(url("/busy")));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void hugeRetryAfterIsReturnedNotSlept() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600"));
        server.enqueue(new MockResponse().setBody("never"));
        assertThatThrownBy(() -> fetcher(settings(3, 4, null)).fetch(get(url("/limited"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                assertThat(e.getMessage()).isEqualTo("rate limited: HTTP 429 Too Many Requests (retry after 1 h)");
            });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRateLimited() {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "120"));
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/busy"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2));
            });
    }

    @Test
    void redirectChainIsFollowedToTheFinalUrl() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/b"));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", url("/c?x=1").toString()));
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "d"));
        server.enqueue(new MockResponse().setBody("final"));
        FetchResult r = fetcher(settings()).fetch(get(url("/a")));

        assertThat(r.url()).isEqualTo(url("/a"));
        assertThat(r.finalUrl()).isEqualTo(url("/d"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("final");
        assertThat(server.takeRequest().getPath()).isEqualTo("/a");
        assertThat(server.takeRequest().getPath()).isEqualTo("/b");
        assertThat(server.takeRequest().getPath()).isEqualTo("/c?x=1");
        assertThat(server.takeRequest().getPath()).isEqualTo("/d");
    }

    @Test
    void redirectLoopIsDetected() {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/b"));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/a"));
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/a"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
                assertThat(e.getMessage()).startsWith("too many redirects: redirect loop back to");
            });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void redirectChainLongerThanTheLimitFails() {
        for (int i = 1; i <= 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/r" + i));
        }
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/r0"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
                assertThat(e.getMessage()).isEqualTo("too many redirects: more than 3 redirects");
            });
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({"file:///etc/passwd, file", "ftp://example.org/feed.xml, ftp", "javascript:alert(1), javascript"})
    void redirectToAnotherSchemeIsBlocked(String location, String scheme) {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", location));
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/a"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
                assertThat(e.getMessage()).isEqualTo("blocked: redirect to a " + scheme + ": URL not followed");
            });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void redirectWithoutLocationIsAServerError() {
        server.enqueue(new MockResponse().setResponseCode(302));
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(url("/a"))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.HTTP_SERVER);
                assertThat(e.getMessage()).isEqualTo("http server: HTTP 302 Found without a usable Location");
            });
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.org/x, ftp: URLs are not fetched", "mailto:a@example.org, mailto: URLs are not fetched",
        "/relative/path, URL has no scheme", "file:///etc/passwd, file: URLs are not allowed here"})
    void otherSchemesAreBlockedWithoutNetwork(String url, String reason) {
        assertThatThrownBy(() -> fetcher(settings()).fetch(get(URI.create(url))))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
                assertThat(e.getMessage()).isEqualTo("blocked: " + reason);
            });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void badPerRequestProxyIsBlocked() {
        FetchRequest request = FetchRequest.page(url("/x"), "ftp://proxy:21");
        assertThatThrownBy(() -> fetcher(settings()).fetch(request))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BLOCKED));
    }
}
