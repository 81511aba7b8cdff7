package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.ContentHash;

/** The reading room's kept images: {@code /images/<sha>} and the article page pointing at them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesPageTest {
    WebFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fx = new WebFixture(dir, "");
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void aKeptImageIsServedWithItsSniffedTypeAndCachedForGood() throws Exception {
        try (Response r = fx.get("/images/" + fx.pngSha)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("image/png");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("ETag")).isEqualTo("\"" + fx.pngSha + "\"");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(r.header("Content-Security-Policy")).contains("img-src 'self';").contains("default-src 'none'");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(WebFixture.PNG.length));
            assertThat(r.body().bytes()).isEqualTo(WebFixture.PNG);
        }
        try (Response r = fx.get("/images/" + fx.jpegSha)) {
            assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(r.body().bytes()).isEqualTo(WebFixture.JPEG);
        }
    }

    @Test
    void aRevalidationIsAnswered304AndHeadSendsNoBody() throws Exception {
        try (Response r = fx.get("/images/" + fx.pngSha, "If-None-Match", "\"" + fx.pngSha + "\"")) {
            assertThat(r.code()).isEqualTo(304);
            assertThat(r.body().bytes()).isEmpty();
        }
        try (Response r = fx.get("/images/" + fx.pngSha, "If-None-Match", "\"other\"")) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = fx.client.newCall(new okhttp3.Request.Builder().url(fx.url("/images/" + fx.pngSha)).head().build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("image/png");
            assertThat(r.body().bytes()).isEmpty();
        }
    }

    @Test
    void onlyABlobAStoredImageRowNamesIsServed() throws Exception {
        // the page original exists as a blob, but no image row names it: never served as an image
        String page = ContentHash.sha256Hex(WebFixture.ORIGINAL);
        assertThat(fx.nv.originals.has(page)).isTrue();
        for (String path : new String[] {"/images/" + page, "/images/" + "0".repeat(64), "/images/" + fx.pngSha.toUpperCase(),
            "/images/" + fx.pngSha.substring(1), "/images/" + fx.pngSha + ".png", "/images/" + fx.pngSha + "/x", "/images/"}) {
            WebFixture.Page p = fx.page(path);
            assertThat(p.status()).as(path).isEqualTo(404);
            assertThat(p.headers().get("Content-Type")).as(path).startsWith("text/html");
            ReadingRoomTest.pageHeaders(p.headers());
        }
    }

    @Test
    void aStoredRowWhoseBlobIsGoneIs404() throws Exception {
        byte[] lost = org.newsvault.export.TestImages.image("gif", 9);
        String sha = org.newsvault.export.TestImages.stored(fx.nv.db, fx.nv.originals, fx.pictured, WebFixture.CDN + "lost.gif",
            org.newsvault.model.ImageRole.BODY, 9, lost, "image/gif", java.time.Instant.now()).sha256();
        assertThat(fx.page("/images/" + sha).status()).isEqualTo(200);
        Files.delete(fx.nv.originals.blobPath(sha));
        assertThat(fx.page("/images/" + sha).status()).isEqualTo(404);
    }

    @Test
    void theArticlePagePointsKeptImagesAtTheirCopiesAndShowsTheLeadImage() throws Exception {
        WebFixture.Page p = fx.page("/article/" + fx.pictured, "Accept-Language", "en");
        assertThat(p.status()).isEqualTo(200);
        ReadingRoomTest.pageHeaders(p.headers());
        Document doc = Jsoup.parse(p.body());
        assertThat(doc.select(".body img").eachAttr("src")).containsExactly("/images/" + fx.pngSha,
            "/images/" + ContentHash.sha256Hex(WebFixture.BODY_PNG), WebFixture.CDN + "gone.jpg", WebFixture.CDN + "big.jpg");
        assertThat(doc.select(".body img").eachAttr("alt")).startsWith("甲图", "乙");
        assertThat(doc.select(".body figcaption").text()).isEqualTo("说明");
        assertThat(doc.select("figure.lead img").attr("src")).isEqualTo("/images/" + fx.jpegSha);
        String list = doc.select("ol.images").text();
        assertThat(list).contains("kept").contains("gone from the outlet (404/410)").contains("HTTP 404")
            .contains("too large, not kept").contains("28.6 MB").contains("lead image").contains(WebFixture.CDN + "big.jpg");
        assertThat(doc.select("ol.images a").eachAttr("href")).contains("/images/" + fx.pngSha, "/images/" + fx.jpegSha);
        // the others stay remote, which this CSP does not load: the page says so
        assertThat(doc.text()).contains("Remote images are not loaded");
    }

    @Test
    void theImageStatesReadInChinese() throws Exception {
        String list = Jsoup.parse(fx.page("/article/" + fx.pictured, "Accept-Language", "zh-CN").body()).select("ol.images").text();
        assertThat(list).contains("已保存").contains("媒体已删除（404/410）").contains("太大，未保存").contains("题图").contains("正文图片");
    }

    @Test
    void anArticleWithoutImagesHasNoImageList() throws Exception {
        Document doc = Jsoup.parse(fx.page("/article/" + fx.edited).body());
        assertThat(doc.select("ol.images")).isEmpty();
        assertThat(doc.select("figure.lead")).isEmpty();
    }

    @Test
    void feedBodiesPointAtTheKeptCopiesOnThisSite() throws Exception {
        String atom = fx.page("/feeds/outlet/other.atom").body();
        assertThat(atom).contains(fx.url("/images/" + fx.pngSha)).contains(WebFixture.CDN + "gone.jpg");
    }
}
