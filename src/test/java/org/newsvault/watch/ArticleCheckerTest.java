package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.Newsvault;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchException.Kind;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.model.ContentHash;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.WatchRepository;
import org.newsvault.watch.CheckResult.Outcome;

/**
 * One article, re-checked against scripted answers: which answers are deletions, outages or nothing.
 * One data directory for the class (opening one costs more than the tests); a fresh article per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleCheckerTest {
    static final String URL = "https://news.test/world/2024/article-77001.html";
    static int articles;
    static final String TITLE = "俄朝签署条约";
    static final String BODY = "<p>俄罗斯总统普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。普京在会谈后表示，这是将两国协作提升至新水平的突破性文件。</p>"
        + "<p>分析人士认为，这一条约给北京带来了更多麻烦，因为它加深了中俄朝三边轴心的印象。</p>";
    static final Instant ARCHIVED = Instant.parse("2024-06-20T12:00:00Z");

    @TempDir
    static Path dir;
    Newsvault nv;
    ArticleChecker checker;
    WatchRepository watch;
    long id;
    final List<Answer> answers = new ArrayList<>();
    Instant now = ARCHIVED;

    /** One scripted response to a page fetch. */
    interface Answer {
        FetchResult answer(URI url) throws FetchException;
    }

    static String page(String title, String body, String noise) {
        return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>"
            + "<span class=\"timestamp\">" + noise + "</span>" + body + "</article></body></html>";
    }

    static FetchResult ok(URI url, URI finalUrl, String html) {
        return new FetchResult(url, finalUrl, 200, false, List.of(), html.getBytes(StandardCharsets.UTF_8),
            "text/html; charset=utf-8", null, null, Instant.now(), Duration.ZERO);
    }

    @BeforeAll
    void open() {
        Settings s = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), HttpSettings.DEFAULTS,
            WatchSettings.DEFAULTS, null, List.of());
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        nv = Newsvault.open(s, clock);
        nv.outlets.upsert("test", "测试台");
        watch = new WatchRepository(nv.db);
        RevisionRepository revisions = new RevisionRepository(nv.db);
        Fetcher scripted = req -> answers.remove(0).answer(req.url());
        checker = new ArticleChecker(scripted, new PageReader(new ArticleExtractor(), new HtmlSanitizer(false),
            new HtmlSanitizer(true)), new ArticleChecker.Stores(nv.originals, nv.originalRows, watch, revisions,
            new RevisionFiles(s.archive(), revisions, nv.archiver)), WatchSettings.DEFAULTS,
            o -> new ArticleChecker.OutletView("测试台", ExtractRules.GENERIC, null, false), clock);
    }

    /** A new article, as a poll would have archived it from its page (the same URL under a new query each time). */
    @BeforeEach
    void archive() throws Exception {
        now = ARCHIVED;
        answers.clear();
        String url = URL + "?v=" + (++articles);
        byte[] first = page(TITLE, BODY, "5 分钟前").getBytes(StandardCharsets.UTF_8);
        var orig = nv.originals.save(url, 200, List.of(), "text/html; charset=utf-8", first, ARCHIVED, "page");
        String clean = new HtmlSanitizer(false).sanitize(BODY, URI.create(url));
        ArticleFile file = ArticleFiles.create(Variant.JEKYLL, TITLE, url, "测试台", "测试台", ARCHIVED, ARCHIVED, clean);
        ArticleRow row = new ArticleRow(0, "test", null, null, url, TITLE, "测试台", ARCHIVED, ARCHIVED,
            ContentHash.ofHtml(clean), file, "test/2024/article-" + articles + ".md", false, orig.id(), "poll", "live");
        id = nv.articles.insert(row, ARCHIVED); // not archive(): that would dedupe the same text
        nv.archiver.writeFile(id, row);
    }

    @AfterAll
    void close() {
        nv.close();
    }

    static Answer answer(String kind) {
        return switch (kind) {
            case "timeout" -> u -> { throw new FetchException(Kind.TIMEOUT, u, "read timed out", null); };
            case "dns" -> u -> { throw new FetchException(Kind.DNS, u, "unknown host", null); };
            case "503" -> u -> { throw new FetchException(Kind.HTTP_SERVER, u, 503, null, "HTTP 503", null); };
            case "429" -> u -> { throw new FetchException(Kind.RATE_LIMITED, u, 429, Duration.ofMinutes(1), "HTTP 429", null); };
            case "403" -> u -> { throw new FetchException(Kind.HTTP_CLIENT, u, 403, null, "HTTP 403", null); };
            case "404" -> u -> { throw new FetchException(Kind.NOT_FOUND, u, 404, null, "HTTP 404", null); };
            case "410" -> u -> { throw new FetchException(Kind.NOT_FOUND, u, 410, null, "HTTP 410", null); };
            case "451" -> u -> { throw new FetchException(Kind.HTTP_CLIENT, u, 451, null, "HTTP 451", null); };
            case "home" -> u -> ok(u, u.resolve("/"), "<html><head><title>首页</title></head><body><p>今日要闻</p></body></html>");
            case "section" -> u -> ok(u, u.resolve("/world/"), "<html><body><ul><li>其他新闻</li></ul></body></html>");
            case "other" -> u -> ok(u, u, page("页面不存在", "<p>您访问的页面不存在或已被删除，请返回首页继续浏览其他精彩内容。</p>", ""));
            case "same" -> u -> ok(u, u, page(TITLE, BODY, "5 分钟前"));
            case "noise" -> u -> ok(u, u, page(TITLE, BODY, "12 分钟前"));
            case "moved" -> u -> ok(u, URI.create("https://news.test/zh/article-77001"), page(TITLE, BODY, "1 小时前"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}, {0} → {1}, {2}; status {3}")
    @CsvSource({
        "timeout, UNREACHABLE, UNREACHABLE, live",
        "dns,     UNREACHABLE, UNREACHABLE, live",
        "503,     UNREACHABLE, UNREACHABLE, live",
        "429,     UNREACHABLE, UNREACHABLE, live",
        "403,     ERROR,       ERROR,       live",
        "404,     MISSING,     DELETED,     deleted",
        "410,     MISSING,     DELETED,     deleted",
        "451,     MISSING,     DELETED,     deleted",
        "home,    MISSING,     DELETED,     deleted",
        "section, MISSING,     DELETED,     deleted",
        "other,   MISSING,     DELETED,     deleted",
        "same,    UNCHANGED,   UNCHANGED,   live",
        "noise,   UNCHANGED,   UNCHANGED,   live",
        "moved,   UNCHANGED,   UNCHANGED,   live",
    })
    void twoChecksWithTheSameAnswer(String kind, Outcome first, Outcome second, String status) throws Exception {
        assertThat(check(kind).outcome()).isEqualTo(first);
        assertThat(check(kind).outcome()).isEqualTo(second);
        assertThat(nv.articles.find(id).orElseThrow().status()).isEqualTo(status);
        assertThat(new RevisionRepository(nv.db).latest(id)).isZero();
        var events = watch.events(id);
        if (status.equals("deleted")) {
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo("deleted");
                assertThat(e.at()).isEqualTo(now);
                assertThat(e.detail()).contains("2 consecutive checks");
            });
        } else {
            assertThat(events).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "404 timeout 404,       MISSING UNREACHABLE DELETED,   deleted",     // an outage does not break the run
        "404 same 404,          MISSING UNCHANGED MISSING,     live",        // the article came back in between
        "timeout timeout timeout same, UNREACHABLE UNREACHABLE UNREACHABLE UNCHANGED, live",
        "404 404 same,          MISSING DELETED UNCHANGED,     live",
    })
    void sequences(String kinds, String outcomes, String status) throws Exception {
        List<Outcome> seen = new ArrayList<>();
        for (String k : kinds.split(" ")) seen.add(check(k).outcome());
        assertThat(seen).containsExactlyElementsOf(java.util.Arrays.stream(outcomes.split(" ")).map(Outcome::valueOf).toList());
        assertThat(nv.articles.find(id).orElseThrow().status()).isEqualTo(status);
    }

    @org.junit.jupiter.api.Test
    void threeOutagesInARowMakeItUnreachableUntilItAnswers() throws Exception {
        for (int i = 0; i < 3; i++) check("timeout");
        assertThat(nv.articles.find(id).orElseThrow().status()).isEqualTo("unreachable");
        check("same");
        assertThat(watch.events(id)).extracting(e -> e.status()).containsExactly("unreachable", "live");
    }

    @org.junit.jupiter.api.Test
    void eachCheckSchedulesTheNextOnTheDecayingSchedule() throws Exception {
        check("same");
        assertThat(watch.state(id).orElseThrow().nextRecheckAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        now = ARCHIVED.plus(Duration.ofDays(2));
        check("timeout");
        assertThat(watch.state(id).orElseThrow().nextRecheckAt()).isEqualTo(now.plus(Duration.ofHours(3)));
        now = ARCHIVED.plus(Duration.ofDays(400));
        check("same");
        assertThat(watch.state(id).orElseThrow().nextRecheckAt()).isNull();
    }

    CheckResult check(String kind) throws Exception {
        now = now.plus(Duration.ofMinutes(20));
        answers.add(answer(kind));
        return checker.check(watch.state(id).orElseThrow());
    }
}
