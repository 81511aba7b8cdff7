package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
import org.newsvault.poll.PollRun;
import org.newsvault.render.Variant;
import org.newsvault.store.Backend;
import org.newsvault.store.TestDatabases;
import org.newsvault.store.Vendor;
import org.newsvault.verify.Verifier;
import org.newsvault.verify.VerifyReport;

/**
 * One poll of the same feed, at the same clock, into H2 and into PostgreSQL: the same article files byte for
 * byte, and {@code verify} clean on PostgreSQL. Skipped unless {@value TestDatabases#ENV} is set.
 */
class PollOnPostgresqlTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-20T12:30:00Z"), ZoneOffset.UTC);
    @TempDir Path dir;
    MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                if (!req.getPath().equals("/feed.xml")) return new MockResponse().setResponseCode(404);
                String base = server.url("/").toString();
                return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                    + "<channel><title>T</title>"
                    + item(base + "a/1", "俄朝签署条约 \"盟友\"", "Thu, 20 Jun 2024 12:11:16 GMT", PollPipelineTest.BODY)
                    + item(base + "a/2", "香港立法会三读通过新法案", "Thu, 20 Jun 2024 10:00:00 GMT", PollPipelineTest.PAGE_BODY + PollPipelineTest.PAGE_BODY)
                    + item(base + "a/3", "没有日期的短讯", null, "<p>第三篇：没有发布时间的报道，按抓取时间排列。</p>" + PollPipelineTest.PAGE_BODY)
                    + "</channel></rss>");
            }
        });
        server.start();
    }

    private static String item(String link, String title, String date, String body) {
        return "<item><title>" + title + "</title><link>" + link + "</link>" + (date == null ? "" : "<pubDate>" + date + "</pubDate>")
            + "<content:encoded><![CDATA[" + body + "]]></content:encoded></item>";
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private Settings settings(Path root, Backend database) {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, 2,
            Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig o = new OutletConfig("test", "测试台", List.of(new FeedConfig(server.url("/feed.xml").toString(), true)),
            null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, root.resolve("c.yaml"));
        return new Settings(root.resolve("c.yaml"), root.resolve("data"), root.resolve("archive"), h, WatchSettings.DEFAULTS,
            null, List.of(o)).withDatabase(database);
    }

    private Map<String, byte[]> poll(Settings s) throws Exception {
        try (Newsvault nv = Newsvault.open(s, CLOCK)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.db.vendor()).isEqualTo(s.database().vendor());
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(s.archive())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) files.put(s.archive().relativize(p).toString(), Files.readAllBytes(p));
        }
        return files;
    }

    @Test
    void aPollWritesTheSameFilesAsOnH2AndVerifiesClean() throws Exception {
        Backend pg = TestDatabases.freshPostgresql();
        try {
            Map<String, byte[]> onH2 = poll(settings(dir.resolve("h2"), Backend.EMBEDDED));
            Settings s = settings(dir.resolve("pg"), pg);
            Map<String, byte[]> onPg = poll(s);
            assertThat(onH2).hasSize(3);
            assertThat(onPg.keySet()).containsExactlyElementsOf(onH2.keySet());
            onH2.forEach((name, bytes) -> assertThat(onPg.get(name)).as(name).isEqualTo(bytes));
            assertThat(Files.exists(s.data().resolve("newsvault.mv.db"))).as("no H2 file beside PostgreSQL").isFalse();
            VerifyReport r = new Verifier(pg, s.data(), s.archive(), false, false, p -> {}).run();
            assertThat(r.problems()).isZero();
            assertThat(r.articles()).isEqualTo(3);
        } finally {
            org.newsvault.store.TestDatabasesAccess.drop(pg);
        }
        assertThat(Vendor.of(pg.url())).isEqualTo(Vendor.POSTGRESQL);
    }
}
