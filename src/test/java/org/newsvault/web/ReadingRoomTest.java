package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import okhttp3.Response;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every page over a real archive, by plain HTTP on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingRoomTest {
    WebFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fx = new WebFixture(dir, "");
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    /** The endpoints' own responses (JSON, text) have a stricter policy still: nothing at all may load. */
    static void strictHeaders(okhttp3.Headers h) {
        String csp = h.get("Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'none';").contains("frame-ancestors 'none'").contains("base-uri 'none'")
            .doesNotContain("unsafe").doesNotContain("script-src");
        assertThat(h.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(h.get("Referrer-Policy")).isEqualTo("no-referrer");
    }

    static void pageHeaders(okhttp3.Headers h) {
        assertThat(h.get("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(h.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(h.get("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/outlet/test", "/outlet/test?page=2", "/changes", "/changes?kind=deleted&outlet=test",
        "/feeds", "/day/2024-06-23", "/static/style.css", "/status",
        "/nope", "/article/999999", "/article/abc", "/article/0", "/article/1/nope", "/day/2024-02-30", "/day/x",
        "/outlet/..", "/outlet/test?page=-1", "/outlet/test?page=abc", "/changes?kind=bogus", "/outlet/test?page=99999"})
    void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
        try (Response r = fx.get(path)) {
            if (path.equals("/status")) strictHeaders(r.headers());
            else pageHeaders(r.headers());
            assertThat(r.header("Server")).isNull();
        }
    }

    @Test
    void statusCodes() throws Exception {
        assertThat(fx.page("/").status()).isEqualTo(200);
        assertThat(fx.page("/nope").status()).isEqualTo(404);
        assertThat(fx.page("/article/999999").status()).isEqualTo(404);
        assertThat(fx.page("/article/abc").status()).isEqualTo(404);
        assertThat(fx.page("/article/00" + fx.edited).status()).isEqualTo(404);
        assertThat(fx.page("/article/99999999999999999999999").status()).isEqualTo(404);
        assertThat(fx.page("/day/2024-02-30").status()).isEqualTo(404);
        assertThat(fx.page("/outlet/no-such-outlet").status()).isEqualTo(404);
        assertThat(fx.page("/outlet/test?page=abc").status()).isEqualTo(400);
        assertThat(fx.page("/outlet/test?page=0").status()).isEqualTo(400);
        assertThat(fx.page("/outlet/test?page=999").status()).isEqualTo(404);
        assertThat(fx.page("/changes?kind=bogus").status()).isEqualTo(400);
        assertThat(fx.page("/article/" + fx.edited + "/diff?from=1&to=9").status()).isEqualTo(404);
        WebFixture.Page nf = fx.page("/nope");
        assertThat(nf.body()).contains("<h1>Error 404</h1>").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(nf.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        try (Response r = fx.client.newCall(new okhttp3.Request.Builder().url(fx.url("/"))
            .post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
            assertThat(r.code()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
            strictHeaders(r.headers());
        }
        try (Response r = fx.client.newCall(new okhttp3.Request.Builder().url(fx.url("/")).head().build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void aFailureIsAnErrorPageWithoutTheException() throws Exception {
        fx.statusFails = true;
        try {
            for (String path : new String[] {"/", "/feeds", "/status"}) {
                try (Response r = fx.get(path, "Accept-Language", "zh")) {
                    assertThat(r.code()).as(path).isEqualTo(500);
                    String body = r.body().string();
                    assertThat(body).doesNotContain("IllegalStateException").doesNotContain("database closed").doesNotContain("at org.");
                    if (!path.equals("/status")) {
                        assertThat(body).contains("错误 500").contains("存档没有改变");
                        pageHeaders(r.headers());
                    } else {
                        strictHeaders(r.headers());
                    }
                }
            }
        } finally {
            fx.statusFails = false;
        }
        assertThat(fx.page("/feeds").status()).isEqualTo(200);
    }

    @Test
    void jettysOwnErrorsCarryTheHeadersToo() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", fx.http.address().getPort())) {
            s.getOutputStream().write(("GET /" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(600), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 414").contains("X-Content-Type-Options: nosniff")
                .contains("Content-Security-Policy: default-src 'none'").doesNotContain("Exception");
        }
    }

    @Test
    void homeListsTheLatestTodaysCountsAndTheStatus() throws Exception {
        WebFixture.Page p = fx.page("/");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("Latest articles").contains("修改后的标题").contains("被删除的文章")
            .contains("href=\"/article/" + fx.edited + "\"")
            .contains("Archived today").contains("测试台")
            .contains("No feed is failing.")
            .contains("<link rel=\"stylesheet\" href=\"/static/style.css\">")
            .doesNotContain("<script").doesNotContain("style=\"");
    }

    @Test
    void theImportedSeedsAreListed() throws Exception {
        WebFixture.Page p = fx.page("/day/2024-06-23");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("朝俄恢复共同防御条约 中国反应低调").contains("Daily digest 2024-06-23");
    }

    @Test
    void outletPagesAreGroupedByDayAndPaged() throws Exception {
        WebFixture.Page one = fx.page("/outlet/test");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("Outlet: 测试台").contains("href=\"/outlet/test?page=2\"").contains("第0篇")
            .doesNotContain("href=\"/outlet/test?page=0\"");
        int items = one.body().split("<li><a href=\"/article/", -1).length - 1;
        assertThat(items).isEqualTo(ReadingRoom.PAGE_SIZE);
        WebFixture.Page two = fx.page("/outlet/test?page=2");
        assertThat(two.body()).contains("href=\"/outlet/test?page=1\"").doesNotContain("href=\"/outlet/test?page=3\"")
            .doesNotContain(">第0篇<");
        assertThat(two.body()).contains("第59篇");
    }

    @Test
    void theDayGroupsByOutletWithItsEditsAndDeletions() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        // the edits were recorded a few seconds after "now": in today's page unless the test runs at midnight
        WebFixture.Page p = fx.page("/day/" + today);
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("测试台").contains("Other &lt;b&gt;Outlet&lt;/b&gt;")
            .contains("Edits and deletions that day");
        if (p.body().contains("被删除的文章")) {
            assertThat(p.body()).contains(">deleted<").contains(">edited<").contains("HTTP 404");
        }
        assertThat(p.body()).contains("href=\"/day/" + today.minusDays(1) + "\"").contains("Days run in +08:00.");
        assertThat(fx.page("/day").status()).isEqualTo(303);
    }

    @Test
    void theArticlePageShowsEverything() throws Exception {
        WebFixture.Page p = fx.page("/article/" + fx.edited);
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("<h1>修改后的标题</h1>").contains("习近平说了另一句话。").contains("https://test.example/edited")
            .contains("Version 1").contains("Version 2").contains("原来的标题")
            .contains("action=\"/article/" + fx.edited + "/diff\"").contains("Status history").contains("revision 2: text changed")
            .contains("href=\"/article/" + fx.edited + "/file\"").doesNotContain("/original\"");
        assertThat(fx.page("/article/" + fx.withOriginal).body()).contains("href=\"/article/" + fx.withOriginal + "/original\"");
        assertThat(fx.page("/article/" + fx.deleted).body()).contains("class=\"status-deleted\"").contains("HTTP 404");
    }

    @Test
    void aDiffBetweenTwoVersions() throws Exception {
        WebFixture.Page p = fx.page("/article/" + fx.edited + "/diff?from=1&to=2");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("Changes between version 1 and version 2")
            .contains("<del>原来</del><ins>修改后</ins>的标题")
            .contains("习近平说了<ins>另</ins>一句话").doesNotContain("第一段不变");
        assertThat(fx.page("/article/" + fx.edited + "/diff").body()).contains("version 1 and version 2");
        assertThat(fx.page("/article/" + fx.edited + "/diff?from=2&to=2").body()).contains("The text is unchanged.");
    }

    @Test
    void changesAreNewestFirstAndFiltered() throws Exception {
        String all = fx.page("/changes").body();
        assertThat(all).contains("被删除的文章").contains("修改后的标题");
        assertThat(all.indexOf("被删除的文章")).isLessThan(all.indexOf("修改后的标题"));
        String del = fx.page("/changes?kind=deleted").body();
        assertThat(del).contains("被删除的文章").doesNotContain("修改后的标题").contains("<option value=\"deleted\" selected>");
        assertThat(fx.page("/changes?kind=edited&outlet=test").body()).contains("修改后的标题").doesNotContain("被删除的文章");
        assertThat(fx.page("/changes?outlet=other").body()).contains("No changes recorded.");
    }

    @Test
    void feedsPageFlagsAnOutletWhoseExtractionRulesLookStale() throws Exception {
        assertThat(fx.page("/feeds").body()).doesNotContain("extraction rules look stale");
        Instant t = Instant.parse("2026-11-30T14:02:00Z");
        for (int i = 0; i < 6; i++) {
            fx.nv.extractionOutcomes.record("test", "https://test.example/p/" + i, "selector_missed", t.plusSeconds(i), 40);
        }
        // the time in the reading room's zone, as its other times
        assertThat(fx.page("/feeds").body()).containsPattern("extraction rules look stale since [^(]*2026-11-30[^(]*22:02"
            + "[^(]*\\(6 of last 6 pages: selector matched nothing\\)");
        assertThat(fx.page("/feeds", "Accept-Language", "zh").body()).contains("提取规则可能已失效");
    }

    @Test
    void feedsShowWhatStatusShows() throws Exception {
        WebFixture.Page p = fx.page("/feeds");
        assertThat(p.body()).contains("http://127.0.0.1:9/feed.xml").contains("http://127.0.0.1:9/other.xml")
            .contains("Status from the database");
        assertThat(fx.page("/status").body()).contains("\"daemon\" : false");
    }

    @Test
    void hostileTitlesAndBodiesComeOutInert() throws Exception {
        String body = fx.page("/article/" + fx.hostile).body();
        assertThat(body).contains("<h1>&lt;script&gt;alert('title')&lt;/script&gt; 标题</h1>").contains("正文 body").contains("段落")
            .doesNotContain("<script").doesNotContain("onerror").doesNotContain("onclick").doesNotContain("javascript:")
            .doesNotContain("style=");
        for (String page : new String[] {"/", "/outlet/other", "/changes", "/day/" + LocalDate.now(ZoneOffset.ofHours(8))}) {
            assertThat(fx.page(page).body()).doesNotContain("<script").doesNotContain("<b>Outlet");
        }
        // a value that reaches an attribute: the language switch's way back
        String sw = fx.page("/nope%22%3E%3Cscript%3E").body();
        assertThat(sw).doesNotContain("\"><script>");
    }

    @Test
    void downloadsAreAttachments() throws Exception {
        try (Response r = fx.get("/article/" + fx.withOriginal + "/original")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"article-" + fx.withOriginal + "-original.html\"");
            assertThat(r.body().bytes()).isEqualTo(WebFixture.ORIGINAL);
            strictHeaders(r.headers());
        }
        try (Response r = fx.get("/article/" + fx.edited + "/file")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
            assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"edited.md\"");
            assertThat(r.body().string()).startsWith("---\n").contains("[修改后的标题](https://test.example/edited)");
        }
        assertThat(fx.page("/article/" + fx.edited + "/original").status()).isEqualTo(404);
        try (Response r = fx.get("/static/style.css")) {
            assertThat(r.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        }
    }

    @Test
    void chineseByAcceptLanguageAndASwitchThatSticks() throws Exception {
        assertThat(fx.page("/", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").body()).contains("<html lang=\"zh\">").contains("最新文章");
        assertThat(fx.page("/", "Accept-Language", "en-US,en;q=0.9,zh;q=0.5").body()).contains("<html lang=\"en\">").contains("Latest articles");
        assertThat(fx.page("/", "Accept-Language", "fr").body()).contains("Latest articles");
        assertThat(fx.page("/").body()).contains("href=\"/lang?to=zh&amp;back=%2F\"");
        try (Response r = fx.get("/lang?to=zh&back=%2Fchanges%3Fkind%3Ddeleted")) {
            assertThat(r.code()).isEqualTo(303);
            assertThat(r.header("Location")).isEqualTo("/changes?kind=deleted");
            assertThat(r.header("Set-Cookie")).startsWith("lang=zh;").contains("HttpOnly");
            strictHeaders(r.headers());
        }
        assertThat(fx.page("/", "Cookie", "lang=zh", "Accept-Language", "en").body()).contains("最新文章").contains(">English<");
        for (String evil : new String[] {"%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"}) {
            try (Response r = fx.get("/lang?to=en&back=" + evil)) {
                assertThat(r.header("Location")).isEqualTo("/");
            }
        }
        assertThat(fx.page("/lang?to=xx").status()).isEqualTo(400);
    }

    @Test
    void feedsOutPerOutletForChangesAndForTheDigest() throws Exception {
        try (Response r = fx.get("/feeds/outlet/test.atom")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/atom+xml; charset=utf-8");
            strictHeaders(r.headers());
            String atom = r.body().string();
            assertThat(atom).contains("<feed").contains("修改后的标题").contains(fx.url("/article/" + fx.edited))
                .contains("习近平说了另一句话");
        }
        try (Response r = fx.get("/feeds/outlet/other.json")) {
            assertThat(r.header("Content-Type")).isEqualTo("application/feed+json; charset=utf-8");
            String json = r.body().string();
            assertThat(json).contains("jsonfeed.org/version/1.1").contains("content_html").doesNotContain("onerror").doesNotContain("alert(2)");
        }
        String deletions = fx.page("/feeds/changes.atom?kind=deleted").body();
        assertThat(deletions).contains("被删除的文章").doesNotContain("修改后的标题");
        assertThat(fx.page("/feeds/changes.json").body()).contains("被删除的文章").contains("修改后的标题");
        assertThat(fx.page("/feeds/day/2024-06-23.atom").body()).contains("朝俄恢复共同防御条约");
        assertThat(fx.page("/feeds/outlet/nosuch.atom").status()).isEqualTo(404);
        assertThat(fx.page("/feeds/changes.atom?kind=bogus").status()).isEqualTo(400);
        assertThat(fx.page("/feeds/changes.rss").status()).isEqualTo(404);
        // the pages link their feeds, for readers and for feed discovery
        assertThat(fx.page("/changes?kind=deleted").body()).contains("href=\"/feeds/changes.atom?kind=deleted\"")
            .contains("rel=\"alternate\" type=\"application/atom+xml\"");
        assertThat(fx.page("/outlet/test").body()).contains("href=\"/feeds/outlet/test.json\"");
        assertThat(fx.page("/day/2024-06-23").body()).contains("href=\"/feeds/day/2024-06-23.atom\"");
    }

    @Test
    void acceptLanguageParsing() {
        assertThat(Ui.choose(null, null)).isEqualTo(Ui.Lang.EN);
        assertThat(Ui.choose(null, "zh-TW")).isEqualTo(Ui.Lang.ZH);
        assertThat(Ui.choose(null, "en;q=0.4, zh-Hant;q=0.8")).isEqualTo(Ui.Lang.ZH);
        assertThat(Ui.choose(null, "zh;q=0, en")).isEqualTo(Ui.Lang.EN);
        assertThat(Ui.choose("en", "zh")).isEqualTo(Ui.Lang.EN);
        assertThat(Ui.choose("bogus", "zh;q=abc")).isEqualTo(Ui.Lang.EN);
    }
}
