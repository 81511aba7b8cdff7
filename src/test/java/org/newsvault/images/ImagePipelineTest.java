package org.newsvault.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.ManualClock;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.model.Urls;
import org.newsvault.poll.PollRun;

/**
 * A real poll of a local outlet whose pages show every kind of image, then the image fetcher: each state, the caps,
 * the address policy, one request and one blob for an image two articles share, and the original URLs kept.
 */
class ImagePipelineTest {
    @TempDir
    Path dir;
    MockWebServer server;
    final Map<String, Supplier<MockResponse>> paths = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    Path config;

    static final byte[] A_JPG = Pictures.jpeg(0xAA0000);
    static final byte[] SHARED_PNG = Pictures.png(0x00AA00);
    static final byte[] BIG_SRCSET_PNG = Pictures.png(0x0000AA);
    static final byte[] POSTER_GIF = Pictures.gif(0x123456);
    static final byte[] B_JPG = Pictures.jpeg(0x654321);

    static MockResponse bytes(String type, byte[] b) {
        return new MockResponse().setHeader("Content-Type", type).setBody(new Buffer().write(b));
    }

    static MockResponse html(String html) {
        return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody(html);
    }

    static String page(String title, String lead, String body) {
        return "<html><head><title>" + title + "</title>" + (lead == null ? "" : "<meta property=\"og:image\" content=\""
            + lead + "\">") + "</head><body><article><h1>" + title + "</h1>" + body + "</article></body></html>";
    }

    static final String TEXT = "<p>今天，东北亚发生一件历史性的大事件：俄罗斯总统普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。"
        + "普京在会谈后表示，这是将两国协作提升至新水平的突破性文件；条约中规定，当任何缔约方遭受侵略时，另一方将向其提供援助。</p>"
        + "<p>分析人士认为，这一条约给北京带来了更多麻烦，因为它加深了中俄朝三边轴心的印象。中国外交部对此反应低调。</p>";

    String url(String path) {
        return server.url(path).toString();
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                hits.computeIfAbsent(req.getPath(), k -> new AtomicInteger()).incrementAndGet();
                Supplier<MockResponse> p = paths.get(req.getPath());
                return p == null ? new MockResponse().setResponseCode(404).setBody("not found") : p.get();
            }
        });
        server.start();
        paths.put("/img/a.jpg", () -> bytes("image/jpeg", A_JPG));
        paths.put("/img/shared.png", () -> bytes("image/png", SHARED_PNG));
        paths.put("/img/big.png", () -> bytes("image/png", BIG_SRCSET_PNG));
        paths.put("/img/poster.gif", () -> bytes("image/gif", POSTER_GIF));
        paths.put("/img/lead.webp", () -> bytes("image/webp", Pictures.webp()));
        paths.put("/img/b.jpg", () -> bytes("image/jpeg", B_JPG));
        paths.put("/img/logo.svg", () -> bytes("image/svg+xml",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)));
        paths.put("/img/fake.jpg", () -> html("<!DOCTYPE html><html><body>not a picture</body></html>"));
        // Larger than max-bytes, chunked (no Content-Length): only the streaming cap can stop it.
        byte[] huge = new byte[600 * 1024];
        System.arraycopy(A_JPG, 0, huge, 0, 16);
        paths.put("/img/huge.jpg", () -> new MockResponse().setHeader("Content-Type", "image/jpeg")
            .setChunkedBody(new Buffer().write(huge), 8192));
        paths.put("/img/flaky.png", () -> new MockResponse().setResponseCode(500).setBody("oops"));
        paths.put("/img/gone.jpg", () -> new MockResponse().setResponseCode(410).setBody("gone"));
        String privateImage = "http://127.0.0.1:" + server.getPort() + "/img/a.jpg"; // not the feed's host as written
        paths.put("/news/a.html", () -> html(page("第一篇", "/img/lead.webp", TEXT
            + "<figure><img src=\"/img/a.jpg\"><figcaption>图</figcaption></figure>"
            + "<img srcset=\"/img/small.png 200w, /img/big.png 1200w\">"
            + "<img src=\"/img/shared.png\"><img src=\"/img/logo.svg\"><img src=\"/img/fake.jpg\">"
            + "<img src=\"/img/huge.jpg\"><img src=\"/img/missing.jpg\"><img src=\"/img/gone.jpg\">"
            + "<img src=\"/img/flaky.png\"><img src=\"" + privateImage + "\">"
            + "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\">"
            + "<video poster=\"/img/poster.gif\" src=\"/v.mp4\" controls></video>")));
        paths.put("/news/b.html", () -> html(page("第二篇", null, TEXT.replace("北京", "华盛顿")
            + "<p><img src=\"/img/shared.png\"></p><p><img src=\"/img/b.jpg\"></p>")));
        paths.put("/feed.xml", () -> new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
            .setBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<item><title>第一篇</title><link>" + url("/news/a.html") + "</link><description>摘要</description></item>"
                + "<item><title>第二篇</title><link>" + url("/news/b.html") + "</link><description>摘要</description></item>"
                + "</channel></rss>"));
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n"
            + "http:\n  retries: 0\n  per-host-gap: 1ms\n  read-timeout: 2s\n"
            + "images:\n  max-bytes: 256KB\n  max-per-article: 1MB\n  max-count: 20\n"
            + "outlets:\n  - id: test\n    name: 测试台\n    content: article\n    feeds:\n      - " + url("/feed.xml") + "\n",
            StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    Map<String, ArticleImage> byPath(List<ArticleImage> images) {
        return images.stream().collect(Collectors.toMap(i -> i.url().replaceFirst("^https?://[^/]+", ""), i -> i,
            (x, y) -> x, java.util.LinkedHashMap::new));
    }

    @Test
    void aPollKeepsEveryImageOnceWithItsState() throws Exception {
        Settings s = ConfigLoader.load(config);
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            long a = nv.articles.findBySighting(Urls.canonical(url("/news/a.html"))).orElseThrow();
            long b = nv.articles.findBySighting(Urls.canonical(url("/news/b.html"))).orElseThrow();
            // Listed with the article, before any image request.
            assertThat(nv.images.ofArticle(a)).hasSize(12).allMatch(i -> i.state() == ImageState.PENDING);
            assertThat(hits).doesNotContainKey("/img/a.jpg");

            ImageSummary sum = nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
            Map<String, ArticleImage> ia = byPath(nv.images.ofArticle(a));
            assertThat(nv.images.ofArticle(a)).extracting(i -> i.url().replaceFirst("^https?://[^/]+", "")).containsExactly(
                "/img/a.jpg", "/img/big.png", "/img/shared.png", "/img/logo.svg", "/img/fake.jpg", "/img/huge.jpg",
                "/img/missing.jpg", "/img/gone.jpg", "/img/flaky.png", "/img/a.jpg", "/img/poster.gif", "/img/lead.webp");
            ArticleImage jpg = nv.images.ofArticle(a).get(0);
            assertThat(jpg.url()).isEqualTo(url("/img/a.jpg"));
            assertThat(jpg.state()).isEqualTo(ImageState.STORED);
            assertThat(jpg.contentType()).isEqualTo("image/jpeg");
            assertThat(jpg.sha256()).isEqualTo(ContentHash.sha256Hex(A_JPG));
            assertThat(jpg.bytes()).isEqualTo(A_JPG.length);
            assertThat(nv.originals.read(jpg.sha256())).isEqualTo(A_JPG);
            assertThat(nv.originalRows.find(jpg.originalId()).orElseThrow().kind()).isEqualTo("image");
            assertThat(ia.get("/img/big.png").state()).as("the widest srcset candidate").isEqualTo(ImageState.STORED);
            assertThat(ia.get("/img/poster.gif").role()).isEqualTo(ImageRole.POSTER);
            assertThat(ia.get("/img/poster.gif").state()).isEqualTo(ImageState.STORED);
            assertThat(ia.get("/img/lead.webp").role()).isEqualTo(ImageRole.LEAD);
            assertThat(ia.get("/img/lead.webp").state()).as(ia.get("/img/lead.webp").toString()).isEqualTo(ImageState.STORED);
            assertThat(ia.get("/img/lead.webp").contentType()).isEqualTo("image/webp");
            assertThat(ia.get("/img/logo.svg").state()).isEqualTo(ImageState.NOT_IMAGE);
            assertThat(ia.get("/img/logo.svg").reason()).startsWith("unwanted: SVG refused");
            assertThat(ia.get("/img/fake.jpg").state()).isEqualTo(ImageState.NOT_IMAGE);
            assertThat(ia.get("/img/huge.jpg").state()).isEqualTo(ImageState.TOO_LARGE);
            assertThat(ia.get("/img/huge.jpg").reason()).contains("256");
            assertThat(ia.get("/img/missing.jpg").state()).isEqualTo(ImageState.GONE);
            assertThat(ia.get("/img/gone.jpg").state()).isEqualTo(ImageState.GONE);
            ArticleImage flaky = ia.get("/img/flaky.png");
            assertThat(flaky.state()).isEqualTo(ImageState.FAILED);
            assertThat(flaky.attempts()).isEqualTo(1);
            // The loopback address the config does not name: refused by the address policy, nothing sent.
            ArticleImage blocked = nv.images.ofArticle(a).get(9);
            assertThat(blocked.url()).startsWith("http://127.0.0.1:");
            assertThat(blocked.state()).isEqualTo(ImageState.FAILED);
            assertThat(blocked.reason()).startsWith("blocked:");
            assertThat(server.getRequestCount()).isEqualTo(hits.values().stream().mapToInt(AtomicInteger::get).sum());

            // The image both articles show: one request, one blob, two rows naming it.
            Map<String, ArticleImage> ib = byPath(nv.images.ofArticle(b));
            assertThat(ib.get("/img/shared.png").state()).isEqualTo(ImageState.STORED);
            assertThat(ib.get("/img/shared.png").sha256()).isEqualTo(ia.get("/img/shared.png").sha256());
            assertThat(hits.get("/img/shared.png").get()).isEqualTo(1);
            assertThat(ib.get("/img/b.jpg").state()).isEqualTo(ImageState.STORED);
            assertThat(nv.images.stored(ContentHash.sha256Hex(SHARED_PNG))).isPresent();
            var counts = nv.images.counts();
            assertThat(counts.of(ImageState.STORED)).isEqualTo(7);
            assertThat(counts.storedBlobs()).isEqualTo(6);
            assertThat(counts.storedBytes()).isEqualTo(A_JPG.length + SHARED_PNG.length + BIG_SRCSET_PNG.length
                + POSTER_GIF.length + Pictures.webp().length + B_JPG.length);
            assertThat(sum.stored()).isEqualTo(7);
            assertThat(sum.failed()).isEqualTo(2);
            assertThat(sum.gone()).isEqualTo(2);
            long blobs;
            try (var walk = Files.walk(dir.resolve("data/originals"))) {
                blobs = walk.filter(Files::isRegularFile).count();
            }
            assertThat(blobs).as("2 pages, 1 feed, 6 distinct images").isEqualTo(9);

            // Nothing due until the backoff has passed; then the flaky image is tried again and kept.
            assertThat(nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE).rows()).isZero();
            paths.put("/img/flaky.png", () -> bytes("image/png", Pictures.png(0x777777)));
            clock.advance(ImageFetcher.retryDelay(1).plusSeconds(1));
            nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
            ArticleImage again = byPath(nv.images.ofArticle(a)).get("/img/flaky.png");
            assertThat(again.state()).isEqualTo(ImageState.STORED);
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.reason()).isNull();

            // The article file keeps the outlet's URLs: it is never rewritten for the images.
            String file = Files.readString(dir.resolve("archive").resolve(nv.articles.find(a).orElseThrow().filePath()));
            assertThat(file).contains(url("/img/a.jpg")).doesNotContain("/images/");
        }
    }

    @Test
    void allowPrivateLetsTheConfigNameALoopbackImageHost() throws Exception {
        Files.writeString(config, Files.readString(config).replace("  read-timeout: 2s\n",
            "  read-timeout: 2s\n  allow-private: [127.0.0.1/32]\n"));
        Settings s = ConfigLoader.load(config);
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
            long a = nv.articles.findBySighting(Urls.canonical(url("/news/a.html"))).orElseThrow();
            ArticleImage loopback = nv.images.ofArticle(a).get(9);
            assertThat(loopback.url()).startsWith("http://127.0.0.1:");
            assertThat(loopback.state()).isEqualTo(ImageState.STORED);
            assertThat(loopback.sha256()).isEqualTo(ContentHash.sha256Hex(A_JPG));
        }
    }

    @Test
    void anOutletWithImagesFalseListsNoneAndTheCountCapsTheRest() throws Exception {
        Files.writeString(config, Files.readString(config).replace("    content: article\n",
            "    content: article\n    images: false\n"));
        Settings s = ConfigLoader.load(config);
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.images.counts().byState()).isEmpty();
        }
        Files.writeString(config, Files.readString(config).replace("    images: false\n", "")
            .replace("max-count: 20", "max-count: 3"));
        // A fresh archive (the first one knows these articles already).
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(config).replace(dir.resolve("data").toString(), dir.resolve("data2").toString())
            .replace(dir.resolve("archive").toString(), dir.resolve("archive2").toString()));
        Settings s2 = ConfigLoader.load(other);
        try (Newsvault nv = Newsvault.open(s2, clock)) {
            PollRun.pollAll(s2.outlets(), nv.refresher, nv.feedPool, r -> {});
            long a = nv.articles.findBySighting(Urls.canonical(url("/news/a.html"))).orElseThrow();
            var rows = nv.images.ofArticle(a);
            assertThat(rows).hasSize(12);
            assertThat(rows.subList(0, 3)).allMatch(i -> i.state() == ImageState.PENDING);
            assertThat(rows.subList(3, 12)).allMatch(i -> i.state() == ImageState.TOO_LARGE
                && i.reason().contains("images.max-count"));
        }
    }

    @Test
    void thePerArticleCapStopsAnArticlesImagesOnceReached() throws Exception {
        int cap = A_JPG.length + 50;
        Files.writeString(config, Files.readString(config).replace("max-per-article: 1MB", "max-per-article: " + cap)
            .replace("max-bytes: 256KB", "max-bytes: " + cap));
        Settings s = ConfigLoader.load(config);
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
            long a = nv.articles.findBySighting(Urls.canonical(url("/news/a.html"))).orElseThrow();
            // Images arrive in any order: whichever come first use the allowance, the rest are refused.
            assertThat(nv.images.storedBytes(a)).isPositive().isLessThanOrEqualTo(cap);
            assertThat(nv.images.ofArticle(a)).filteredOn(i -> i.state() == ImageState.TOO_LARGE)
                .anyMatch(i -> i.reason().contains("images.max-per-article"));
            // The other article has its own allowance: the image it shares is kept for it.
            long b = nv.articles.findBySighting(Urls.canonical(url("/news/b.html"))).orElseThrow();
            assertThat(nv.images.ofArticle(b)).anyMatch(i -> i.state() == ImageState.STORED);
            assertThat(nv.images.storedBytes(b)).isLessThanOrEqualTo(cap);
        }
    }
}
