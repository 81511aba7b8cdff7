package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;
import org.newsvault.render.Variant;

/**
 * A poll as fast as the hosts allow: five outlets, each its own host (127.0.0.1 to 127.0.0.5), each a teaser feed of
 * ten items whose pages must be fetched, two requests at once and 100 ms between two request starts per host. The
 * hosts are independent, so the poll's polite bound is one host's ten gaps after its feed, 1 s, plus the work itself
 * (measured in the same run as the same poll without a gap: on a shared machine it varies by seconds). Before the
 * frontier the entry threads slept in the per-host wait while holding a worker, and a feed whose items arrived first
 * took every entry thread: the hosts queued behind each other (about 50 gaps).
 */
class PolitePollTest {
    static final int HOSTS = Integer.getInteger("politeHosts", 5); // -DpoliteHosts=12: more hosts than entry threads
    static final int PAGES = 10;
    static final Duration GAP = Duration.ofMillis(100);
    /** Each host's feed answers this much later than the one before: its items then reach the pool in one burst. */
    static final Duration FEED_STAGGER = Duration.ofMillis(30);

    @TempDir
    Path dir;
    final List<MockWebServer> servers = new ArrayList<>();
    final List<Host> hosts = new ArrayList<>();

    /** What one server saw: requests at once (most), and the starts of its requests. */
    static final class Host {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<Long> starts = new ArrayList<>();
    }

    @BeforeEach
    void start() throws IOException {
        for (int h = 1; h <= HOSTS; h++) {
            MockWebServer server = new MockWebServer();
            Host seen = new Host();
            String base = "http://127.0.0." + h;
            int host = h;
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest req) throws InterruptedException {
                    synchronized (seen.starts) {
                        seen.starts.add(System.nanoTime());
                    }
                    seen.maxInFlight.accumulateAndGet(seen.inFlight.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5); // a server that takes its time: overlapping requests would show
                        String p = req.getPath();
                        if (p.equals("/feed.xml")) {
                            Thread.sleep(FEED_STAGGER.toMillis() * (host - 1)); // as real feeds do, not all at once
                            return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                                .setBody(feed(base + ":" + req.getRequestUrl().port(), host));
                        }
                        if (p.startsWith("/a/")) {
                            return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                                .setBody(page(host, p.substring(3)));
                        }
                        return new MockResponse().setResponseCode(404);
                    } finally {
                        seen.inFlight.decrementAndGet();
                    }
                }
            });
            server.setServerSocketFactory(new LoopbackSockets()); // no reverse DNS per request (see there)
            server.start(InetAddress.getByName("127.0.0." + h), 0);
            servers.add(server);
            hosts.add(seen);
        }
    }

    @AfterEach
    void stop() throws IOException {
        for (MockWebServer s : servers) s.shutdown();
    }

    static String feed(String base, int host) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < PAGES; i++) {
            items.append("<item><title>第").append(host).append("台第").append(i).append("篇</title><link>").append(base)
                .append("/a/").append(i).append("</link><description>只有摘要…</description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T" + host
            + "</title><link>" + base + "/</link>" + items + "</channel></rss>";
    }

    static String page(int host, String n) {
        String id = "第" + host + "台第" + n + "篇";
        return "<html><body><nav>首页 新闻 评论</nav><article><h1>" + id + "</h1>"
            + "<p>" + id + "：香港立法会今天三读通过一项新的法案，批评者认为这将进一步压缩公民社会的空间，多个国际人权组织发表声明。</p>"
            + "<p>政府则表示法案符合国际惯例，并称将依法保障市民的各项自由。观察人士指出，法案的具体执行细节仍有待观察。" + id + "</p>"
            + "</article><footer>版权所有</footer></body></html>";
    }

    Settings settings(String name, Duration gap) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20,
            3, 2, gap, 0, HttpSettings.USER_AGENT, null);
        List<OutletConfig> outlets = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            String feed = "http://127.0.0." + h + ":" + servers.get(h - 1).getPort() + "/feed.xml";
            outlets.add(new OutletConfig("host-" + h, "台" + h, List.of(new FeedConfig(feed, true)), null, List.of(),
                Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml")));
        }
        return new Settings(dir.resolve("c.yaml"), dir.resolve(name).resolve("data"), dir.resolve(name).resolve("archive"), http,
            WatchSettings.DEFAULTS, null, outlets);
    }

    /** One poll of every feed into a fresh archive; its wall time. */
    long poll(String name, Duration gap, List<FeedReport> reports) {
        Settings s = settings(name, gap);
        try (Newsvault nv = Newsvault.open(s)) {
            long t0 = System.nanoTime();
            reports.addAll(PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {}));
            return System.nanoTime() - t0;
        }
    }

    @Test
    void fiveHostsAreFetchedSideBySideWithinTwiceThePoliteWaits() throws Exception {
        // The same poll without any gap first (after a warm-up): what the work itself costs on this machine now,
        // which the polite bound adds to the waits.
        List<FeedReport> warmUp = new ArrayList<>();
        poll("warm-up", Duration.ZERO, warmUp);
        List<FeedReport> freeReports = new ArrayList<>();
        long free = poll("free", Duration.ZERO, freeReports);
        for (Host h : hosts) {
            synchronized (h.starts) {
                h.starts.clear();
            }
            h.maxInFlight.set(0);
        }
        List<FeedReport> reports = new ArrayList<>();
        long elapsed = poll("polite", GAP, reports);
        Duration waits = GAP.multipliedBy(PAGES); // each host: its feed, then ten pages a gap apart
        Duration limit = waits.multipliedBy(2).plusNanos(free);
        System.out.printf("polite poll: %d hosts x %d teaser pages, per-host 2, gap %d ms: %d ms; the same with gap 0:"
            + " %d ms; polite bound %d ms + that; limit 2 x %d ms + that = %d ms%n", HOSTS, PAGES, GAP.toMillis(),
            elapsed / 1_000_000, free / 1_000_000, waits.toMillis(), waits.toMillis(), limit.toMillis());

        // Every poll archives every page: a request lost or stalled (in any of the three Newsvault instances that
        // poll these servers in turn) fails here, not only in the timed one.
        for (List<FeedReport> poll : List.of(warmUp, freeReports, reports)) {
            assertThat(poll).hasSize(HOSTS).allSatisfy(r -> {
                assertThat(r.result()).as(r.line()).isEqualTo(FeedReport.Result.NEW);
                assertThat(r.archived()).as(r.line()).isEqualTo(PAGES);
            });
        }
        for (Host h : hosts) {
            assertThat(h.starts).as("each request once").hasSize(1 + PAGES);
            assertThat(h.maxInFlight.get()).as("per-host concurrency").isLessThanOrEqualTo(2);
            // As the servers see the starts, which a loaded machine delays by tens of milliseconds one by one: the
            // span of ten gaps still holds (FrontierTest holds each gap exactly, on its own clock).
            assertThat(Duration.ofNanos(h.starts.get(PAGES) - h.starts.get(0))).as("ten gaps between request starts")
                .isGreaterThanOrEqualTo(GAP.multipliedBy(PAGES).minusMillis(25));
        }
        // Before the frontier, the hosts' pages queued behind each other: about 50 x 100 ms plus the work.
        assertThat(Duration.ofNanos(elapsed)).as("within twice the polite waits, plus the work").isLessThanOrEqualTo(limit);
    }
}
