package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;
import org.newsvault.render.Variant;

/** End to end: a local outlet served by MockWebServer, polled twice into a temp data dir. */
class PollPipelineTest {
    @TempDir
    Path dir;
    MockWebServer server;

    static final String BODY = "<p>今天，东北亚发生一件历史性的大事件：俄罗斯总统普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。"
        + "普京在会谈后表示，这是将两国协作提升至新水平的突破性文件；条约中规定，当任何缔约方遭受侵略时，另一方将向其提供援助。</p>"
        + "<p>分析人士认为，这一条约给北京带来了更多麻烦，因为它加深了中俄朝三边轴心的印象。中国外交部对此反应低调，只是表示这是两国之间的事情。</p>"
        + "<script>alert(1)</script><p onclick=\"steal()\">第三段：美国和韩国对此表示关切，并呼吁各方遵守联合国安理会的制裁决议。</p>"
        + "<p>第四段：日本政府发言人表示，将与盟国密切合作，共同应对地区安全形势的新变化，并继续关注事态发展。</p>"
        + "<p>第五段：俄罗斯方面称，这份条约不针对任何第三国，而是为了维护两国的合法安全利益。朝鲜官方媒体则称赞这是“历史性的一天”，"
        + "并表示两国关系已经上升到同盟的高度。观察人士指出，条约的具体执行细节仍有待观察。</p>";

    static final String PAGE_BODY = "<p>短讯全文：香港立法会今天三读通过一项新的法案，批评者认为这将进一步压缩公民社会的空间。</p>"
        + "<p>多个国际人权组织发表声明，呼吁当局撤回法案，并释放因言获罪的人士。政府则表示法案符合国际惯例。</p>";

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String p = req.getPath();
                if (p.equals("/feed.xml")) {
                    if ("\"v1\"".equals(req.getHeader("If-None-Match"))) return new MockResponse().setResponseCode(304);
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .setHeader("ETag", "\"v1\"").setBody(feed());
                }
                if (p.startsWith("/a/")) {
                    return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                        .setBody("<html><head><title>x</title></head><body><nav>首页 国际 中国</nav><article><h1>标题</h1>"
                            + PAGE_BODY + "</article><div class=share>分享到微博</div></body></html>");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    String feed() {
        String base = server.url("/").toString();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>T</title>"
            + "<item><title>俄朝签署条约 \"盟友\"</title><link>" + base + "a/1?utm_source=rss</link>"
            + "<pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><content:encoded><![CDATA[" + BODY + "]]></content:encoded></item>"
            + "<item><title>短讯</title><link>" + base + "a/2</link><description>只有摘要…</description></item>"
            + "<item><title>同一篇文章的转载</title><link>" + base + "a/3</link><content:encoded><![CDATA[" + BODY + "]]></content:encoded></item>"
            + "</channel></rss>";
    }

    Settings settings() {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, 2,
            Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig o = new OutletConfig("test", "测试台", List.of(new FeedConfig(server.url("/feed.xml").toString(), true)),
            null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml"));
        return new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS, null, List.of(o));
    }

    /**
     * Each HTML document of an item is parsed once: the feed's body (teaser check, sanitizing, hash on that tree)
     * and, for a teaser, its page (extraction, sanitizing, hash on that tree). The markup path parsed a full-text
     * body three times (teaser check, sanitize, hash) and a teaser item four times (teaser check, page, sanitize,
     * hash): 10 parses for this feed, now 4.
     */
    @Test
    void eachDocumentOfAnItemIsParsedOnce() throws Exception {
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            long before = org.newsvault.model.HtmlTrees.parses();
            List<FeedReport> reports = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            long parses = org.newsvault.model.HtmlTrees.parses() - before;
            assertThat(reports).singleElement().satisfies(r -> assertThat(r.archived()).isEqualTo(2));
            assertThat(parses).isEqualTo(1 + 1 + 2);
        }
    }

    @Test
    void pollsArchivesDedupesAndRepollsConditionally() throws Exception {
        Settings s = settings();
        List<FeedReport> first;
        try (Newsvault nv = Newsvault.open(s)) {
            first = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.articles.count()).isEqualTo(2);
        }
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(FeedReport.Result.NEW);
            assertThat(r.archived()).isEqualTo(2);
            assertThat(r.duplicates()).isEqualTo(1);
        });
        List<Path> files;
        try (Stream<Path> w = Files.walk(s.archive())) {
            files = w.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(2);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(text).startsWith("---\nlayout: post\n").doesNotContain("<script").doesNotContain("onclick")
                .doesNotContain("分享到微博").doesNotContain("首页 国际").endsWith("</div>\n");
            assertThat(text.lines().count()).isEqualTo(17);
        }
        assertThat(files.stream().map(p -> p.toString())).allMatch(p -> p.contains("/test/"));

        try (Newsvault nv = Newsvault.open(s)) {
            List<FeedReport> second = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(second).singleElement().satisfies(r -> {
                assertThat(r.result()).isEqualTo(FeedReport.Result.UNCHANGED);
                assertThat(r.notModified()).isTrue();
            });
            assertThat(nv.articles.count()).isEqualTo(2);
        }
        RecordedRequest last = null;
        for (int i = server.getRequestCount(); i > 0; i--) last = server.takeRequest();
        assertThat(last.getPath()).isEqualTo("/feed.xml");
        assertThat(last.getHeader("If-None-Match")).isEqualTo("\"v1\"");
    }
}
