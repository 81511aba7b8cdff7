package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
 * A poll of feeds that attack the fetcher. The feed's own host (127.0.0.1, configured) links items to an internal
 * server on 127.0.0.3 (loopback, not configured) directly, through a redirect, in a guid only and as a teaser's
 * page: nothing of the internal server's text may reach the archive or the originals, and each item's line names
 * the rule. A second feed sends headers too long for the database columns and must still be archived.
 */
class HostileFetchPollTest {
    static final String SECRET = "INTERNAL-ONLY 内部机密 do not publish";
    static final String BODY = "<p>香港立法会今天三读通过一项新的法案，批评者认为这将进一步压缩公民社会的空间，多个国际人权组织发表声明。</p>"
        + "<p>政府则表示法案符合国际惯例，并称将依法保障市民的各项自由。观察人士指出，法案的具体执行细节仍有待观察。</p>";

    @TempDir
    Path dir;
    final MockWebServer feeds = new MockWebServer();
    final MockWebServer internal = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        internal.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                    .setBody("<html><body><article><p>" + SECRET + "</p><p>" + SECRET + "</p></article></body></html>");
            }
        });
        internal.start(InetAddress.getByName("127.0.0.3"), 0);
        feeds.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String p = req.getPath();
                if (p.equals("/hostile.xml")) return rss(hostileFeed());
                if (p.equals("/go")) return new MockResponse().setResponseCode(302).setHeader("Location", internal("/secret2"));
                if (p.equals("/page")) {
                    return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                        .setBody("<html><body><nav>首页</nav><article><h1>本站</h1>" + BODY + "</article></body></html>");
                }
                if (p.equals("/headers.xml")) {
                    String ct = "application/rss+xml; charset=utf-8; profile=";
                    String lm = "Wed, 19 Jun 2024 10:00:00 GMT; ";
                    return rss(headerFeed())
                        .setHeader("ETag", "\"" + "e".repeat(1998) + "\"")
                        .setHeader("Content-Type", ct + "p".repeat(538 - ct.length()))
                        .setHeader("Last-Modified", lm + "m".repeat(330 - lm.length()));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        feeds.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        feeds.shutdown();
        internal.shutdown();
    }

    String base() {
        return "http://127.0.0.1:" + feeds.getPort();
    }

    String internal(String path) {
        return "http://127.0.0.3:" + internal.getPort() + path;
    }

    static MockResponse rss(String body) {
        return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(body);
    }

    String hostileFeed() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
            + "<channel><title>T</title><link>" + base() + "/</link>"
            + "<item><title>直接</title><link>" + internal("/secret1") + "</link></item>"
            + "<item><title>跳转</title><link>" + base() + "/go</link></item>"
            + "<item><title>只有guid</title><guid isPermaLink=\"true\">" + internal("/secret3") + "</guid></item>"
            + "<item><title>别名</title><link>http://[::ffff:127.0.0.3]:" + internal.getPort() + "/secret4</link></item>"
            + "<item><title>摘要</title><link>http://0x7f000003:" + internal.getPort() + "/secret5</link>"
            + "<description>只有摘要…</description></item>"
            + "<item><title>本站全文</title><link>" + base() + "/page</link></item>"
            + "</channel></rss>";
    }

    String headerFeed() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
            + "<channel><title>H</title>"
            + "<item><title>长头</title><link>" + base() + "/h/1</link><content:encoded><![CDATA[" + BODY
            + "<p>第二篇不同。</p>]]></content:encoded></item>"
            + "</channel></rss>";
    }

    Settings settings() {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, 2,
            Duration.ZERO, 2, HttpSettings.USER_AGENT, null);
        OutletConfig hostile = new OutletConfig("hostile", "敌意台", List.of(new FeedConfig(base() + "/hostile.xml", true)),
            null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml"));
        OutletConfig headers = new OutletConfig("headers", "长头台", List.of(new FeedConfig(base() + "/headers.xml", true)),
            null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml"));
        return new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS,
            null, List.of(hostile, headers));
    }

    @Test
    void internalPagesNeverReachTheArchiveAndEachRefusalNamesTheRule() throws Exception {
        Settings s = settings();
        List<FeedReport> reports;
        try (Newsvault nv = Newsvault.open(s)) {
            reports = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
        }
        assertThat(internal.getRequestCount()).as("requests that reached 127.0.0.3").isZero();

        FeedReport hostile = reports.stream().filter(r -> r.outletId().equals("hostile")).findFirst().orElseThrow();
        assertThat(hostile.result()).as(hostile.line()).isEqualTo(FeedReport.Result.NEW);
        String p = ":" + internal.getPort();
        assertThat(hostile.itemErrors()).as(hostile.line()).containsExactlyInAnyOrder(
            "item " + internal("/secret1") + ": blocked: 127.0.0.3 is a loopback address"
                + " (not a configured feed host; see http.allow-private)",
            "item " + base() + "/go: blocked: 127.0.0.3 is a loopback address"
                + " (not a configured feed host; see http.allow-private)",
            "item " + internal("/secret3") + ": blocked: 127.0.0.3 is a loopback address"
                + " (not a configured feed host; see http.allow-private)",
            "item http://[::ffff:127.0.0.3]" + p + "/secret4: blocked: 127.0.0.3 is a loopback address"
                + " (not a configured feed host; see http.allow-private)",
            // a teaser whose page is refused is not archived in any form: the refusal is its line
            "item http://0x7f000003" + p + "/secret5: blocked: 127.0.0.3 is a loopback address"
                + " (not a configured feed host; see http.allow-private)");

        // the configured host's own page was fetched and archived
        List<String> texts = new ArrayList<>();
        try (Stream<Path> w = Files.walk(s.archive())) {
            for (Path f : w.filter(Files::isRegularFile).toList()) texts.add(Files.readString(f));
        }
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("香港立法会今天三读通过"));
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains("INTERNAL-ONLY"));
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains("内部机密"));
        for (String original : originals(s.data())) {
            assertThat(original).doesNotContain("INTERNAL-ONLY").doesNotContain("内部机密");
        }
    }

    @Test
    void overLongResponseHeadersDoNotStopThePoll() throws Exception {
        Settings s = settings();
        List<FeedReport> first;
        List<FeedReport> second;
        try (Newsvault nv = Newsvault.open(s)) {
            first = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            second = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
        }
        FeedReport headers = first.stream().filter(r -> r.outletId().equals("headers")).findFirst().orElseThrow();
        assertThat(headers.line()).isEqualTo("headers " + base() + "/headers.xml: new 1");
        assertThat(first).filteredOn(r -> r.outletId().equals("hostile")).singleElement()
            .satisfies(r -> assertThat(r.result()).isEqualTo(FeedReport.Result.NEW));
        FeedReport again = second.stream().filter(r -> r.outletId().equals("headers")).findFirst().orElseThrow();
        assertThat(again.result()).as(again.line()).isEqualTo(FeedReport.Result.UNCHANGED);
        // the dropped ETag is not sent back; the request went out without one
        RecordedRequest last = null;
        for (int i = feeds.getRequestCount(); i > 0; i--) {
            RecordedRequest r = feeds.takeRequest();
            if (r.getPath().equals("/headers.xml")) last = r;
        }
        assertThat(last).isNotNull();
        assertThat(last.getHeader("If-None-Match")).isNull();
    }

    static List<String> originals(Path data) throws IOException {
        List<String> out = new ArrayList<>();
        Path root = data.resolve("originals");
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> w = Files.walk(root)) {
            for (Path f : w.filter(Files::isRegularFile).toList()) {
                byte[] raw = Files.readAllBytes(f);
                if (f.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        raw = in.readAllBytes();
                    }
                }
                out.add(new String(raw, StandardCharsets.UTF_8));
            }
        }
        assertThat(out).as("originals were kept at all").isNotEmpty();
        return out;
    }
}
