package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.export.ExportFormat;
import org.newsvault.export.Exporter;
import org.newsvault.export.ImageMode;
import org.newsvault.export.TestImages;
import org.newsvault.metrics.HttpEndpoints;
import org.newsvault.model.ContentHash;
import org.newsvault.poll.PollRun;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.Variant;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRow;

/**
 * Issue 13's "done when" for the consumers: an article polled from a simulated outlet, its pictures fetched by the
 * image fetcher and kept in the real original store; then the outlet is stopped, and the reading room and a jekyll export with {@code --images local}
 * still show every picture, byte for byte what the outlet served.
 */
class PicturesOfflineTest {
    @TempDir
    Path dir;

    static final String TEXT = "<p>" + "这是一篇完整的文章，内容很长，足以被当作全文，图片是证据。".repeat(12) + "</p>";
    final Map<String, byte[]> served = Map.of("/img/a.png", TestImages.image("png", 11), "/img/b.jpg", TestImages.image("jpg", 12),
        "/img/poster.gif", TestImages.image("gif", 13), "/img/lead.jpg", TestImages.image("jpg", 14));
    final Map<String, String> types = Map.of("/img/a.png", "image/png", "/img/b.jpg", "image/jpeg", "/img/poster.gif", "image/gif", "/img/lead.jpg", "image/jpeg");

    @Test
    void withTheOutletStoppedTheReadingRoomAndALocalJekyllExportShowEveryPicture() throws Exception {
        MockWebServer outlet = new MockWebServer();
        outlet.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String base = outlet.url("/").toString();
                if (req.getPath().equals("/feed.xml")) {
                    String body = TEXT + "<figure><img src=\"" + base + "img/a.png\" alt=\"证据\"><figcaption>现场</figcaption></figure>"
                        + "<p><img src=\"" + base + "img/b.jpg\" srcset=\"" + base + "img/b-small.jpg 300w, " + base + "img/b.jpg 1200w\"></p>"
                        + "<video controls src=\"" + base + "v.mp4\" poster=\"" + base + "img/poster.gif\"></video>";
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                            + "<channel><title>T</title><item><title>有图为证</title><link>" + base + "story/1</link>"
                            + "<pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><content:encoded><![CDATA[" + body
                            + "]]></content:encoded></item>"
                            + "<item><title>只有摘要</title><link>" + base + "story/2</link><pubDate>Thu, 20 Jun 2024 13:00:00 GMT</pubDate>"
                            + "<description>摘要…</description></item></channel></rss>");
                }
                if (req.getPath().equals("/story/2")) {
                    // a teaser's page: its body and its lead image (og:image, relative to the page, not in the body)
                    return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody("<html><head><title>只有摘要</title>"
                        + "<meta property=\"og:image\" content=\"/img/lead.jpg\"></head><body><article><h1>只有摘要</h1>" + TEXT
                        + "<p><img src=\"/img/a.png\" alt=\"同一张\"></p>" + TEXT + "</article></body></html>");
                }
                byte[] img = served.get(req.getPath());
                if (img == null) return new MockResponse().setResponseCode(404);
                return new MockResponse().setHeader("Content-Type", types.get(req.getPath())).setBody(new Buffer().write(img));
            }
        });
        outlet.start();
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, 2,
            Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig o = new OutletConfig("sim", "模拟台", List.of(new FeedConfig(outlet.url("/feed.xml").toString(), true)), null,
            List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, null);
        Settings s = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS, null,
            List.of(o));
        long articleId;
        long teaserId;
        try (Newsvault nv = Newsvault.open(s)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            List<ArticleRow> rows = new ArrayList<>();
            nv.articles.stream(ArticleQuery.ALL, rows::add);
            assertThat(rows).hasSize(2);
            ArticleRow row = rows.stream().filter(r -> r.canonicalUrl().endsWith("/story/1")).findFirst().orElseThrow();
            articleId = row.id();
            teaserId = rows.stream().filter(r -> r.canonicalUrl().endsWith("/story/2")).findFirst().orElseThrow().id();
            // the new article's images, fetched and kept by the real image fetcher (as `poll` does after the feeds)
            var summary = nv.imageFetcher.fetchAllDue(() -> false, org.newsvault.images.ImageFetcher.Listener.NONE);
            assertThat(summary.line()).isNotBlank();
            List<org.newsvault.model.ArticleImage> images = nv.images.ofArticle(row.id());
            assertThat(images).hasSize(3).allMatch(i -> i.state() == org.newsvault.model.ImageState.STORED);
            assertThat(nv.images.ofArticle(teaserId)).extracting(i -> i.role().dbValue() + " " + i.state().dbValue())
                .containsExactly("body stored", "lead stored");
        }
        outlet.shutdown(); // from here on, nothing answers at the outlet's address

        Map<String, String> shaToPath = new HashMap<>();
        served.forEach((path, bytes) -> shaToPath.put(ContentHash.sha256Hex(bytes), path));
        try (Newsvault nv = Newsvault.open(s);
             HttpEndpoints http = HttpEndpoints.start(new java.net.InetSocketAddress("127.0.0.1", 0), ReadingRoom.site(nv,
                 () -> StatusSnapshot.of(s, nv.feeds.all(), Instant.now(), false, f -> Optional.empty()),
                 inner -> HttpEndpoints.handler(null, null, () -> "{}", inner), "127.0.0.1:0"))) {
            OkHttpClient client = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
            String site = "http://127.0.0.1:" + http.address().getPort();
            Document page;
            try (Response r = client.newCall(new Request.Builder().url(site + "/article/" + articleId).build()).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Content-Security-Policy")).contains("img-src 'self';");
                page = Jsoup.parse(r.body().string());
            }
            List<String> shown = new ArrayList<>(page.select(".body img").eachAttr("src"));
            shown.addAll(page.select(".body video").eachAttr("poster"));
            assertThat(shown).hasSize(3).allMatch(src -> src.startsWith("/images/"));
            assertThat(page.select(".body [srcset]")).isEmpty();
            for (String src : shown) {
                try (Response r = client.newCall(new Request.Builder().url(site + src).build()).execute()) {
                    assertThat(r.code()).isEqualTo(200);
                    String path = shaToPath.get(src.substring("/images/".length()));
                    assertThat(r.header("Content-Type")).isEqualTo(types.get(path));
                    assertThat(r.body().bytes()).isEqualTo(served.get(path));
                }
            }

            // the teaser's page: its lead image at the top, and the picture it shares with the first article (kept once)
            try (Response r = client.newCall(new Request.Builder().url(site + "/article/" + teaserId).build()).execute()) {
                Document teaser = Jsoup.parse(r.body().string());
                assertThat(teaser.select("figure.lead img").attr("src")).isEqualTo("/images/" + ContentHash.sha256Hex(served.get("/img/lead.jpg")));
                assertThat(teaser.select(".body img").attr("src")).isEqualTo("/images/" + ContentHash.sha256Hex(served.get("/img/a.png")));
            }
            try (Response r = client.newCall(new Request.Builder().url(site + "/images/" + ContentHash.sha256Hex(served.get("/img/lead.jpg"))).build()).execute()) {
                assertThat(r.body().bytes()).isEqualTo(served.get("/img/lead.jpg"));
            }

            Path out = dir.resolve("site");
            Exporter.of(nv).export(ExportFormat.JEKYLL, ArticleQuery.ALL, out, false, n -> {}, () -> false, ImageMode.LOCAL);
            List<Path> posts;
            try (var w = Files.list(out.resolve("_posts"))) {
                posts = w.toList();
            }
            assertThat(posts).hasSize(2);
            Path first = posts.stream().filter(p -> !p.getFileName().toString().contains("只有摘要")).findFirst().orElseThrow();
            Document post = Jsoup.parseBodyFragment(ArticleFileReader.read(Files.readAllBytes(first)).bodyHtml());
            List<String> inPost = new ArrayList<>(post.select("img").eachAttr("src"));
            inPost.addAll(post.select("video").eachAttr("poster"));
            assertThat(inPost).hasSize(3);
            for (String src : inPost) {
                // built by Jekyll to /2024/06/20/<title>.html
                Path file = out.resolve("2024/06/20").resolve(src).normalize();
                assertThat(file).as(src).startsWith(out.resolve("assets/images")).exists();
                String path = shaToPath.get(ContentHash.sha256Hex(Files.readAllBytes(file)));
                assertThat(path).as(src).isNotNull();
            }
            try (var w = Files.walk(out.resolve("assets/images"))) {
                assertThat(w.filter(Files::isRegularFile).count()).isEqualTo(served.size()); // each blob once
            }
        }
    }
}
