package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsvault.config.HttpSettings;

/**
 * The frontier through real requests: two loopback servers reached under two host names ({@code localhost} and
 * {@code 127.0.0.1}), which the frontier keeps apart as two hosts. Real time, as small as the assertions allow.
 */
class FrontierHttpTest {
    private final MockWebServer busy = new MockWebServer();
    private final MockWebServer quiet = new MockWebServer();
    private final AtomicInteger busyInFlight = new AtomicInteger();
    private final AtomicInteger busyMax = new AtomicInteger();
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        busy.start(InetAddress.getByName("127.0.0.1"), 0);
        quiet.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (fetcher != null) fetcher.close();
        busy.shutdown();
        quiet.shutdown();
    }

    private HttpFetcher fetcher(int perHost, Duration gap, int retries) {
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
            64 * 1024, 3, perHost, gap, retries, FetchFixtures.UA, null);
        fetcher = FetchFixtures.fetcher(s, FetchFixtures.tuning(new FetchFixtures.RecordingSleeper())
            .withTicker(Ticker.REAL));
        return fetcher;
    }

    private URI busy(String path) {
        return URI.create("http://localhost:" + busy.getPort() + path);
    }

    private URI quiet(String path) {
        return URI.create("http://127.0.0.1:" + quiet.getPort() + path);
    }

    private void countingBusy(MockResponse answer) {
        busy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                busyMax.accumulateAndGet(busyInFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(30);
                    return answer.clone();
                } finally {
                    busyInFlight.decrementAndGet();
                }
            }
        });
    }

    @Test
    void aSingleRequestIsNotQueuedBehindAnotherHostsBacklog() throws Exception {
        countingBusy(new MockResponse().setBody("page"));
        quiet.enqueue(new MockResponse().setBody("feed"));
        HttpFetcher f = fetcher(2, Duration.ofMillis(60), 0);
        List<CompletableFuture<FetchResult>> pages = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) pages.add(f.submit(FetchRequest.page(busy("/p/" + i), null), Priority.PAGE));
        FetchResult feed = f.submit(FetchRequest.page(quiet("/feed"), null), Priority.PAGE).get(5, TimeUnit.SECONDS);
        long quietDone = System.nanoTime() - t0;
        CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        long busyDone = System.nanoTime() - t0;

        assertThat(new String(feed.body())).isEqualTo("feed");
        assertThat(Duration.ofNanos(busyDone)).as("the backlog, 19 gaps").isGreaterThanOrEqualTo(Duration.ofMillis(19 * 60));
        assertThat(Duration.ofNanos(quietDone)).as("served beside it, not after it")
            .isLessThan(Duration.ofNanos(busyDone / 2));
        assertThat(busyMax.get()).isLessThanOrEqualTo(2);
        assertThat(f.hostLoads()).extracting(Frontier.HostLoad::host).contains("localhost", "127.0.0.1");
    }

    @Test
    void perHostConcurrencyHoldsWithoutAGap() throws Exception {
        countingBusy(new MockResponse().setBody("page"));
        HttpFetcher f = fetcher(3, Duration.ZERO, 0);
        List<CompletableFuture<FetchResult>> pages = new ArrayList<>();
        for (int i = 0; i < 12; i++) pages.add(f.submit(FetchRequest.page(busy("/p/" + i), null), Priority.PAGE));
        CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(busyMax.get()).isEqualTo(3);
    }

    @Test
    void retryAfterOnOneHostDelaysNoOtherHost() throws Exception {
        AtomicInteger limitedCalls = new AtomicInteger();
        busy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getPath().equals("/limited")) return new MockResponse().setBody("same host");
                return limitedCalls.incrementAndGet() == 1
                    ? new MockResponse().setResponseCode(429).setHeader("Retry-After", "1")
                    : new MockResponse().setBody("after the pause");
            }
        });
        quiet.enqueue(new MockResponse().setBody("other host"));
        HttpFetcher f = fetcher(2, Duration.ZERO, 1);
        long t0 = System.nanoTime();
        CompletableFuture<FetchResult> limited = f.submit(FetchRequest.page(busy("/limited"), null), Priority.PAGE);
        while (busy.getRequestCount() == 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) Thread.sleep(2);
        Thread.sleep(50); // the 429 has been read: the host is paused
        CompletableFuture<FetchResult> sameHost = f.submit(FetchRequest.page(busy("/next"), null), Priority.PAGE);
        FetchResult other = f.submit(FetchRequest.page(quiet("/x"), null), Priority.PAGE).get(5, TimeUnit.SECONDS);
        long otherDone = System.nanoTime() - t0;

        assertThat(new String(other.body())).isEqualTo("other host");
        assertThat(Duration.ofNanos(otherDone)).isLessThan(Duration.ofMillis(900));
        assertThat(sameHost).as("the paused host is not asked").isNotDone();
        assertThat(new String(limited.get(5, TimeUnit.SECONDS).body())).isEqualTo("after the pause");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(new String(sameHost.get(5, TimeUnit.SECONDS).body())).isEqualTo("same host");
    }

    @Test
    void aBlockingCallerInterruptedWhileQueuedGivesItsRequestUp() throws Exception {
        countingBusy(new MockResponse().setBody("page"));
        HttpFetcher f = fetcher(1, Duration.ofSeconds(5), 0);
        f.fetch(FetchRequest.page(busy("/first"), null)); // the next turn is 5 s away
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the test ended first
            }
            caller.interrupt();
        });
        interrupter.start();
        try {
            f.fetch(FetchRequest.page(busy("/second"), null));
            throw new AssertionError("expected the wait to be interrupted");
        } catch (FetchException e) {
            assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("timeout: interrupted while waiting for localhost");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
            interrupter.join();
        }
        assertThat(f.hostLoads().get(0).waiting()).as("dropped from the queue").isZero();
        assertThat(busy.getRequestCount()).isEqualTo(1);
    }
}
