package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.settings;
import static org.newsvault.fetch.FetchFixtures.tuning;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;

/** What a hostile server or link can make the fetcher hold: header sizes, the call budget, unparsable URLs. */
class FetchBoundsTest {
    private final MockWebServer server = new MockWebServer();
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (fetcher != null) fetcher.close();
        server.shutdown();
    }

    private HttpFetcher fetcher(HttpSettings s) {
        fetcher = FetchFixtures.fetcher(s, tuning(new FetchFixtures.RecordingSleeper()));
        return fetcher;
    }

    @Test
    void overLongHeadersAreBoundedAndOverLongValidatorsDropped() throws Exception {
        String etag = "\"" + "e".repeat(1998) + "\"";
        String prefix = "application/rss+xml; charset=utf-8; x=";
        String contentType = prefix + "t".repeat(538 - prefix.length());
        String lastModified = "Wed, 19 Jun 2024 10:00:00 GMT" + " ".repeat(1) + "m".repeat(330 - 30);
        String huge = "h".repeat(20_000);
        server.enqueue(new MockResponse().setBody("<rss/>").setHeader("ETag", etag).setHeader("Content-Type", contentType)
            .setHeader("Last-Modified", lastModified).setHeader("X-Huge", huge));
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(server.url("/feed").uri(), null));

        assertThat(etag).hasSize(2000);
        assertThat(contentType).hasSize(538);
        assertThat(lastModified).hasSize(330);
        assertThat(r.etag()).as("a cut ETag would never match: dropped").isNull();
        assertThat(r.lastModified()).isNull();
        assertThat(r.contentType()).hasSize(FetchResult.MAX_CONTENT_TYPE).startsWith("application/rss+xml; charset=utf-8");
        assertThat(r.headers()).allSatisfy(h -> assertThat(h.getValue()).hasSizeLessThanOrEqualTo(FetchResult.MAX_HEADER_VALUE));
        assertThat(r.headers()).contains(Map.entry("X-Huge", huge.substring(0, FetchResult.MAX_HEADER_VALUE)));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
    }

    @Test
    void validatorsThatFitAreKeptWhole() throws Exception {
        String etag = "W/\"" + "e".repeat(FetchResult.MAX_ETAG - 4) + "\"";
        server.enqueue(new MockResponse().setBody("x").setHeader("ETag", etag)
            .setHeader("Last-Modified", "Wed, 19 Jun 2024 10:00:00 GMT"));
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(server.url("/feed").uri(), null));
        assertThat(r.etag()).isEqualTo(etag).hasSize(FetchResult.MAX_ETAG);
        assertThat(r.lastModified()).isEqualTo("Wed, 19 Jun 2024 10:00:00 GMT");
    }

    @Test
    void theWholeHeaderBlockKeptIsBounded() throws Exception {
        MockResponse m = new MockResponse().setBody("x");
        for (int i = 0; i < 40; i++) m.addHeader("X-Pad-" + i, "p".repeat(6000));
        server.enqueue(m);
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(server.url("/feed").uri(), null));
        long total = r.headers().stream().mapToLong(h -> h.getKey().length() + h.getValue().length()).sum();
        assertThat(total).isLessThanOrEqualTo(FetchResult.MAX_HEADER_BLOCK);
        assertThat(r.headers()).hasSizeLessThan(40).isNotEmpty();
    }

    @Test
    void waitingForABusyHostsPermitDoesNotCountAgainstTheCallTimeout() throws Exception {
        // per-host gap 1.5 s, call budget 1 s: the second hop of a same-host redirect waits 1.5 s for its turn
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1),
            64 * 1024, 3, 4, Duration.ofMillis(1500), 0, FetchFixtures.UA, null);
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/moved"));
        server.enqueue(new MockResponse().setBody("arrived"));
        server.enqueue(new MockResponse().setBody("second"));
        fetcher = FetchFixtures.fetcher(s, tuning(new FetchFixtures.RecordingSleeper()).withTicker(Ticker.REAL));
        HttpFetcher f = fetcher; // the gap in real time
        long t0 = System.nanoTime();
        FetchResult r = f.fetch(FetchRequest.page(server.url("/start").uri(), null));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("arrived");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        // a request queued behind the gap is not timed out either
        FetchResult again = f.fetch(FetchRequest.page(server.url("/again").uri(), null));
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    @Test
    void theBudgetStillCoversEveryHopsTimeWithServers() {
        // two hops of 400 ms each against a 600 ms budget: the second runs out
        HttpSettings s = FetchFixtures.withCallTimeout(settings(), Duration.ofMillis(600));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/b")
            .setHeadersDelay(400, java.util.concurrent.TimeUnit.MILLISECONDS));
        server.enqueue(new MockResponse().setBody("late").setHeadersDelay(400, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertThatThrownBy(() -> fetcher(s).fetch(FetchRequest.page(server.url("/a").uri(), null)))
            .isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                assertThat(e.getMessage()).isEqualTo("timeout: request took longer than 600 ms");
            });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a[1]", "/a]b", "/a b", "/x?q=a b", "/a|b", "/a{b}", "/a\"b", "/a^b"})
    void linksJavaNetUriRejectsAreFetchedAsBrowsersSendThem(String path) throws Exception {
        String link = "http://localhost:" + server.getPort() + path;
        assertThatThrownBy(() -> URI.create(link)).isInstanceOf(IllegalArgumentException.class);
        server.enqueue(new MockResponse().setBody("ok"));
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(FetchRequest.uri(link), null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.takeRequest().getPath()).doesNotContain("[", "]", " ", "|", "{", "}", "\"", "^");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[bad/", "http://exa mple.com/", "not a url", "", "http://", "mailto:a@b"})
    void whatIsNoUrlIsBlockedNotThrown(String link) {
        assertThatThrownBy(() -> FetchRequest.uri(link)).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
            assertThat(e.getMessage()).isEqualTo("blocked: not a valid URL");
        });
        assertThatThrownBy(() -> FetchRequest.uri(null)).isInstanceOf(FetchException.class);
    }

    @Test
    void aRedirectToALocationWithBracketsIsFollowed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/p[1] x|y"));
        server.enqueue(new MockResponse().setBody("ok"));
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(server.url("/start").uri(), null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.finalUrl().getRawPath()).isEqualTo("/p%5B1%5D%20x%7Cy");
    }
}
