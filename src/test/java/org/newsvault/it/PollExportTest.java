package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.newsvault.Newsvault;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.export.ExportFormat;
import org.newsvault.export.Exporter;
import org.newsvault.poll.PollRun;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleQuery;
import org.yaml.snakeyaml.Yaml;

/** A fresh archive written by a poll (both variants, awkward titles and authors) exports to all four formats. */
class PollExportTest {
    @TempDir
    Path dir;
    MockWebServer server;

    static final String TEXT = "<p>" + "这是一篇完整的文章，内容很长，足以被当作全文，而且每篇都不一样。".repeat(12) + "</p>";

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String base = server.url("/").toString();
                return switch (req.getPath()) {
                    case "/plain.xml" -> rss(item("纯文本一", base + "p/1", "Thu, 20 Jun 2024 12:11:16 GMT", null, TEXT + "<p>一</p>")
                        + item("只有摘要", base + "p/2", null, null, null));
                    case "/jekyll.xml" -> rss(item("引号\"与\\反斜杠: 冒号 {{ x }}", base + "j/1", "Fri, 21 Jun 2024 01:07:39 GMT",
                        "记者: 张三", TEXT + "<p>三</p>"));
                    case "/p/2" -> new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                        .setBody("<html><head><title>只有摘要</title></head><body><article><h1>只有摘要</h1>" + TEXT
                            + "<p>二</p></article></body></html>");
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        server.start();
    }

    static MockResponse rss(String items) {
        return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T</title>" + items + "</channel></rss>");
    }

    static String item(String title, String link, String date, String author, String html) {
        return "<item><title><![CDATA[" + title + "]]></title><link>" + link + "</link>"
            + (date == null ? "" : "<pubDate>" + date + "</pubDate>") + (author == null ? "" : "<dc:creator>" + author + "</dc:creator>")
            + (html == null ? "<description>摘要…</description>" : "<content:encoded><![CDATA[" + html + "]]></content:encoded>")
            + "</item>";
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    Settings settings() {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, 2,
            Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig plain = new OutletConfig("plainer", "纯文本台", List.of(new FeedConfig(server.url("/plain.xml").toString(), true)),
            null, List.of(), Duration.ofMinutes(15), Variant.PLAIN, null, false, null);
        OutletConfig jekyll = new OutletConfig("jek", "杰奇台", List.of(new FeedConfig(server.url("/jekyll.xml").toString(), true)),
            null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, null);
        return new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS, null,
            List.of(plain, jekyll));
    }

    @Test
    void aPolledArchiveExportsToAllFourFormats() throws Exception {
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.articles.count()).isEqualTo(3);
            Exporter exporter = Exporter.of(nv);
            for (ExportFormat f : ExportFormat.values()) {
                Path out = dir.resolve(switch (f) {
                    case SEED -> "seed";
                    case JEKYLL -> "site";
                    case JSONL -> "all.jsonl";
                    case WARC -> "all.warc.gz";
                });
                assertThat(exporter.export(f, ArticleQuery.ALL, out, n -> {}).articles()).isEqualTo(3);
            }
        }

        List<Path> archived = files(s.archive());
        assertThat(archived).hasSize(3);
        for (Path p : archived) {
            assertThat(dir.resolve("seed/articles").resolve(s.archive().relativize(p))).hasBinaryContent(Files.readAllBytes(p));
        }
        assertThat(files(dir.resolve("seed/lists"))).extracting(p -> p.getFileName().toString())
            .containsExactlyInAnyOrder("纯文本台.md", "杰奇台.md");

        List<Path> posts = files(dir.resolve("site/_posts"));
        assertThat(posts).hasSize(3);
        for (Path p : posts) {
            Object fm = new Yaml().load(ArticleFileReader.read(Files.readAllBytes(p)).frontMatter());
            assertThat(fm).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) fm).get("title")).isInstanceOf(String.class);
            assertThat(((Map<?, ?>) fm).get("date")).isInstanceOf(java.util.Date.class);
        }
        assertThat(posts).anySatisfy(p -> assertThat(Files.readString(p)).contains("title: \"引号\\\"与\\\\反斜杠: 冒号 {{ x }}\""));

        List<String> lines = Files.readAllLines(dir.resolve("all.jsonl"));
        assertThat(lines).hasSize(3);
        for (String l : lines) assertThat(new ObjectMapper().readTree(l).get("bodyHtml").asText()).contains("完整的文章");

        List<Integer> statuses = new ArrayList<>();
        int metadata = 0;
        try (WarcReader r = new WarcReader(dir.resolve("all.warc.gz"))) {
            for (WarcRecord rec : r) {
                if (rec instanceof WarcResponse resp) {
                    statuses.add(resp.http().status());
                    assertThat(resp.http().headers().first("Content-Type")).isPresent();
                    assertThat(resp.http().body().stream().readAllBytes()).isNotEmpty();
                }
                if (rec instanceof WarcMetadata) metadata++;
            }
        }
        assertThat(statuses).hasSize(3).containsOnly(200); // two feeds and one page
        assertThat(metadata).isEqualTo(3);
    }

    static List<Path> files(Path root) throws Exception {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
