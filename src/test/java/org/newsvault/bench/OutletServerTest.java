package org.newsvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.model.Entry;
import org.newsvault.parse.ParsedFeed;
import org.newsvault.parse.RomeFeedParser;

/** The synthetic outlet serves parseable feeds, news-sized pages, ETags and 304s, and counts what it served. */
class OutletServerTest {
    final HttpClient http = HttpClient.newHttpClient();
    OutletServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    HttpResponse<byte[]> get(String path, String etag) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (etag != null) b.header("If-None-Match", etag);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"teaser", "full"})
    void feedsParseAndAnswer304ToTheirEtag(String kind) throws Exception {
        server = OutletServer.start(Corpus.bundled(), 3, 4, 0, 0);
        var r = get("/x/" + kind + "/2.xml", null);
        assertThat(r.statusCode()).isEqualTo(200);
        ParsedFeed feed = new RomeFeedParser().parse(r.body(), "application/rss+xml; charset=utf-8", URI.create(server.baseUrl()));
        assertThat(feed.entries()).hasSize(4);
        Entry newest = feed.entries().get(0);
        assertThat(newest.link()).isEqualTo(server.baseUrl() + "/x/a/" + kind + "/2/3.html");
        assertThat(newest.published()).isAfter(feed.entries().get(1).published());
        if (kind.equals("full")) {
            assertThat(newest.contentHtml()).contains("稿件编号 x-full-2-3");
        } else {
            assertThat(newest.contentHtml()).isNull();
            assertThat(newest.summaryHtml()).endsWith("…");
        }
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/x/" + kind + "/2.xml", etag).statusCode()).isEqualTo(304);
        assertThat(server.stats().notModified()).isEqualTo(1);
    }

    @Test
    void pagesAreNewsSizedAndCarryTheUniqueMarker() throws Exception {
        server = OutletServer.start(Corpus.bundled(), 2, 30, 0, 0);
        for (int i = 0; i < 30; i++) {
            var r = get("/x/a/teaser/1/" + i + ".html", null);
            String html = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.body().length).isBetween(NewsPage.MIN_BYTES, NewsPage.MIN_BYTES + NewsPage.SPREAD_BYTES + 40_000);
            assertThat(html).contains("稿件编号 x-teaser-1-" + i + "）", "<nav", "<footer", "<script>", "相关新闻");
            assertThat(get("/x/a/teaser/1/" + i + ".html", null).body()).isEqualTo(r.body());
        }
        assertThat(server.stats().pageRequests()).isEqualTo(60);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        server = OutletServer.start(Corpus.bundled(), 2, 3, 0, 0);
        assertThat(get("/x/full/2.xml", null).statusCode()).isEqualTo(404);
        assertThat(get("/x/a/full/0/3.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/../etc/passwd", null).statusCode()).isEqualTo(404);
    }

    @Test
    void growingFeedsRevealItemsPerRequestAndCountWhatWasServed() throws Exception {
        server = OutletServer.start(Corpus.bundled(), 2, 5, 2, 0);
        var first = get("/c/full/0.xml", null);
        assertThat(count(first.body())).isEqualTo(2);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(count(get("/c/full/0.xml", etag).body())).isEqualTo(4);
        var full = get("/c/full/0.xml", null);
        assertThat(count(full.body())).isEqualTo(5);
        assertThat(get("/c/full/0.xml", full.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        get("/c/teaser/1.xml", null);
        assertThat(server.stats().servedItems()).isEqualTo(5 + 2);
        assertThat(new String(get("/_stats", null).body(), StandardCharsets.UTF_8)).contains("\"servedItems\":7");
    }

    static int count(byte[] feed) {
        return new String(feed, StandardCharsets.UTF_8).split("<item>", -1).length - 1;
    }
}
