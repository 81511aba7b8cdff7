package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.model.ManualClock;
import org.newsvault.cli.NewsvaultCommand;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import org.newsvault.model.Revision;
import org.newsvault.model.Urls;
import org.newsvault.poll.PollRun;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;
import org.newsvault.watch.ArticleHistory;
import org.newsvault.watch.CheckResult;
import org.newsvault.watch.CheckResult.Outcome;
import org.newsvault.watch.RecheckSummary;
import org.newsvault.watch.Rechecker;

/**
 * End to end: a local outlet whose articles are archived by a real poll, then edited, retitled, taken
 * down, redirected and given new ads and timestamps; re-check passes record exactly the real changes,
 * keep every version on disk, and {@code changes}/{@code diff} show them.
 */
class RecheckPipelineTest {
    static final String P1 = "<p>今天，东北亚发生一件历史性的大事件：俄罗斯总统普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。"
        + "普京在会谈后表示，这是将两国协作提升至新水平的突破性文件；条约中规定，当任何缔约方遭受侵略时，另一方将向其提供援助。</p>";
    static final String P2 = "<p>分析人士认为，这一条约给北京带来了更多麻烦，因为它加深了中俄朝三边轴心的印象。"
        + "中国外交部对此反应低调，只是表示这是两国之间的事情。</p>";
    static final String P3 = "<p>美国和韩国对此表示关切，并呼吁各方遵守联合国安理会的制裁决议。日本政府也表示将密切关注事态发展。</p>";

    @TempDir
    Path dir;
    MockWebServer server;
    final Map<String, Supplier<MockResponse>> pages = new ConcurrentHashMap<>();
    /** Items the feed no longer lists. */
    final java.util.Set<String> unlisted = ConcurrentHashMap.newKeySet();
    final ManualClock clock = new ManualClock(Instant.now());
    Path config;

    /** An article page with the usual chrome and the noise that changes on every load ({@code tick}). */
    static MockResponse page(String title, String body, int tick) {
        return html("<html><head><title>" + title + "</title><meta property=\"og:title\" content=\"" + title + "\"></head>"
            + "<body><nav><a href=\"/\">首页</a> <a href=\"/news/\">国际</a></nav><article><h1>" + title + "</h1>"
            + "<div class=\"meta\"><span class=\"timestamp\">" + (5 + tick) + " 分钟前</span>"
            + " <span class=\"views\">阅读 " + (1000 + 37 * tick) + "</span></div>" + body
            + "<div class=\"ad\">广告：" + (tick % 2 == 0 ? "暑期特价机票，立即预订" : "买房就找安居地产，首付两成") + "</div></article>"
            + "<div class=\"related\">相关新闻：" + (tick % 2 == 0 ? "日本首相访问美国" : "欧盟峰会在布鲁塞尔召开") + "</div>"
            + "<footer>版权所有</footer></body></html>");
    }

    static MockResponse html(String html) {
        return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody(html);
    }

    String url(String id) {
        return server.url("/news/2024/article-" + id + ".html").toString();
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                if (req.getPath().equals("/feed.xml")) {
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(feed());
                }
                Supplier<MockResponse> p = pages.get(req.getPath());
                return p == null ? new MockResponse().setResponseCode(404).setBody("not found") : p.get();
            }
        });
        server.start();
        serve("10001", () -> page("俄朝签署条约", P1 + P2 + P3, 0));
        serve("10002", () -> page("噪音测试", P2 + P3 + P1, 0));
        serve("10003", () -> page("旧标题：朝鲜与俄罗斯", P3 + P1 + P2, 0));
        serve("10004", () -> page("即将删除的文章", P1 + P3, 0));
        serve("10005", () -> page("将被重定向的文章", P2 + P1, 0));
        serve("10006", () -> page("全文输出的文章", P3 + P2, 0));
        pages.put("/news/", () -> html("<html><head><title>国际新闻</title></head><body><h1>国际新闻</h1>"
            + "<ul><li><a href=\"/x\">欧盟峰会在布鲁塞尔召开</a></li><li><a href=\"/y\">日本首相访问美国</a></li></ul></body></html>"));
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n"
            + "http:\n  retries: 0\n  per-host-gap: 1ms\n  read-timeout: 2s\n"
            + "outlets:\n  - id: test\n    name: 测试台\n    feeds:\n      - " + server.url("/feed.xml") + "\n",
            StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    void serve(String id, Supplier<MockResponse> page) {
        pages.put("/news/2024/article-" + id + ".html", page);
    }

    String feed() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\""
            + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>测试台</title>");
        String[][] teasers = {{"10001", "俄朝签署条约"}, {"10002", "噪音测试"}, {"10003", "旧标题：朝鲜与俄罗斯"},
            {"10004", "即将删除的文章"}, {"10005", "将被重定向的文章"}};
        for (String[] t : teasers) {
            if (unlisted.contains(t[0])) continue;
            sb.append("<item><title>").append(t[1]).append("</title><link>").append(url(t[0]))
                .append("</link><pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><description>摘要…</description></item>");
        }
        // A full-text item: archived from the feed, its page only read by re-checks.
        sb.append("<item><title>全文输出的文章</title><link>").append(url("10006"))
            .append("</link><pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><content:encoded><![CDATA[")
            .append(P3 + P2).append("]]></content:encoded></item></channel></rss>");
        return sb.toString();
    }

    @Test
    void recordsRealEditsAndConfirmedDeletionsAndKeepsEveryVersion() throws Exception {
        Settings s = ConfigLoader.load(config);
        Map<String, Long> ids = new ConcurrentHashMap<>();
        Map<String, byte[]> firstFiles = new ConcurrentHashMap<>();
        List<CheckResult> pass1, pass2, pass3, pass4;
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.articles.count()).isEqualTo(6);
            for (String id : List.of("10001", "10002", "10003", "10004", "10005", "10006")) {
                long aid = nv.articles.findBySighting(Urls.canonical(url(id))).orElseThrow();
                ids.put(id, aid);
                firstFiles.put(id, Files.readAllBytes(file(s, nv.articles.find(aid).orElseThrow())));
            }
            Rechecker rechecker = Rechecker.of(nv);
            assertThat(rechecker.runDue(100).checked()).as("nothing is due right after archiving").isZero();

            // Pass 1: A edited, B only noise, C retitled, D outage, E redirected home, F's page read first time.
            serve("10001", () -> page("俄朝签署条约", P1.replace("平壤", "莫斯科") + P2 + P3, 1));
            serve("10002", () -> page("噪音测试", P2 + P3 + P1, 1));
            serve("10003", () -> page("新标题：俄罗斯与朝鲜", P3 + P1 + P2, 1));
            serve("10004", () -> new MockResponse().setResponseCode(503).setBody("maintenance"));
            serve("10005", () -> new MockResponse().setResponseCode(301).setHeader("Location", "/news/"));
            serve("10006", () -> page("全文输出的文章", P3 + P2, 1));
            pass1 = pass(rechecker, 20);

            // Pass 2: noise again, D now 404 (once), E still redirected (second time: deleted).
            serve("10002", () -> page("噪音测试", P2 + P3 + P1, 2));
            serve("10004", () -> new MockResponse().setResponseCode(404).setBody("not found"));
            pass2 = pass(rechecker, 20);

            // Pass 3: D 404 a second time; A edited again.
            serve("10001", () -> page("俄朝签署条约", P1.replace("平壤", "莫斯科") + P2 + P3.replace("日本政府", "日本外务省"), 3));
            pass3 = pass(rechecker, 20);

            // Pass 4: D comes back unchanged.
            serve("10004", () -> page("即将删除的文章", P1 + P3, 4));
            pass4 = pass(rechecker, 20);
            assertThat(rechecker.runDue(100).checked()).as("everything was rescheduled into the future").isZero();

            assertThat(outcomes(pass1, ids)).containsExactlyInAnyOrderEntriesOf(Map.of("10001", Outcome.EDITED,
                "10002", Outcome.UNCHANGED, "10003", Outcome.EDITED, "10004", Outcome.UNREACHABLE, "10005", Outcome.MISSING,
                "10006", Outcome.UNCHANGED));
            assertThat(outcomes(pass2, ids)).containsExactlyInAnyOrderEntriesOf(Map.of("10001", Outcome.UNCHANGED,
                "10002", Outcome.UNCHANGED, "10003", Outcome.UNCHANGED, "10004", Outcome.MISSING, "10005", Outcome.DELETED,
                "10006", Outcome.UNCHANGED));
            assertThat(outcomes(pass3, ids)).containsEntry("10001", Outcome.EDITED).containsEntry("10004", Outcome.DELETED)
                .containsEntry("10002", Outcome.UNCHANGED).containsEntry("10003", Outcome.UNCHANGED);
            assertThat(outcomes(pass4, ids)).containsEntry("10004", Outcome.UNCHANGED).containsEntry("10005", Outcome.DELETED)
                .containsEntry("10001", Outcome.UNCHANGED);
            assertThat(RecheckSummary.of(pass1).line())
                .isEqualTo("checked 6: 2 unchanged, 2 edited, 0 deleted (1 more awaiting confirmation), 1 unreachable, 0 errors");

            RevisionRepository revisions = new RevisionRepository(nv.db);
            WatchRepository watch = new WatchRepository(nv.db);
            assertThat(revisions.countFound()).isEqualTo(3);
            assertThat(revisions.revisions(ids.get("10002"))).isEmpty();
            assertThat(revisions.revisions(ids.get("10006"))).isEmpty();
            assertThat(revisions.revisions(ids.get("10004"))).isEmpty();
            List<Revision> a = revisions.revisions(ids.get("10001"));
            assertThat(a).extracting(Revision::n).containsExactly(1, 2, 3);
            assertThat(a.get(1).fetchedAt()).isAfter(a.get(0).fetchedAt());
            List<Revision> c = revisions.revisions(ids.get("10003"));
            assertThat(c).extracting(Revision::title).containsExactly("旧标题：朝鲜与俄罗斯", "新标题：俄罗斯与朝鲜");

            assertThat(status(nv, ids, "10001")).isEqualTo("edited");
            assertThat(status(nv, ids, "10002")).isEqualTo("live");
            assertThat(status(nv, ids, "10003")).isEqualTo("edited");
            assertThat(status(nv, ids, "10004")).isEqualTo("live");
            assertThat(status(nv, ids, "10005")).isEqualTo("deleted");
            assertThat(status(nv, ids, "10006")).isEqualTo("live");
            assertThat(watch.events(ids.get("10004"))).extracting(StatusEvent::status).containsExactly("deleted", "live");
            StatusEvent gone = watch.events(ids.get("10004")).get(0);
            assertThat(gone.httpStatus()).isEqualTo(404);
            assertThat(gone.detail()).contains("2 consecutive checks");
            StatusEvent redirected = watch.events(ids.get("10005")).get(0);
            assertThat(redirected.finalUrl()).isEqualTo(server.url("/news/").toString());
            assertThat(redirected.detail()).contains("redirected");

            // Files: the latest at the article's path, every version in <name>.revisions/, 1.md byte-equal to the first.
            for (String id : List.of("10001", "10003")) {
                ArticleRow row = nv.articles.find(ids.get(id)).orElseThrow();
                Path main = file(s, row);
                Path revDir = main.resolveSibling(main.getFileName().toString().replace(".md", ".revisions"));
                assertThat(Files.readAllBytes(revDir.resolve("1.md"))).isEqualTo(firstFiles.get(id));
                int latest = revisions.latest(row.id());
                assertThat(Files.readAllBytes(revDir.resolve(latest + ".md"))).isEqualTo(Files.readAllBytes(main));
                try (var files = Files.list(revDir)) {
                    assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .isEqualTo(latest == 3 ? List.of("1.md", "2.md", "3.md") : List.of("1.md", "2.md"));
                }
            }
            Path aMain = file(s, nv.articles.find(ids.get("10001")).orElseThrow());
            String latestA = Files.readString(aMain, StandardCharsets.UTF_8);
            assertThat(latestA).contains("莫斯科签署").contains("日本外务省").doesNotContain("<script").endsWith("</div>\n");
            assertThat(latestA.lines().count()).isEqualTo(17);
            String secondA = Files.readString(aMain.resolveSibling(aMain.getFileName().toString().replace(".md", ".revisions"))
                .resolve("2.md"), StandardCharsets.UTF_8);
            assertThat(secondA).contains("莫斯科签署").contains("日本政府");
            // Same stamp and date: the publication time does not change with an edit.
            assertThat(latestA.lines().toList().subList(0, 11)).isEqualTo(new String(firstFiles.get("10001"),
                StandardCharsets.UTF_8).lines().toList().subList(0, 11));
            String latestC = Files.readString(file(s, nv.articles.find(ids.get("10003")).orElseThrow()), StandardCharsets.UTF_8);
            assertThat(latestC).contains("[新标题：俄罗斯与朝鲜](").contains("title: \"新标题：俄罗斯与朝鲜\"");
            // Unchanged and deleted articles keep their files untouched.
            for (String id : List.of("10002", "10004", "10005", "10006")) {
                assertThat(Files.readAllBytes(file(s, nv.articles.find(ids.get(id)).orElseThrow()))).isEqualTo(firstFiles.get(id));
            }

            assertThat(ArticleHistory.of(nv).revisions(ids.get("10001"))).isEqualTo(a);
        }

        // The commands, as a user runs them.
        String changes = cli("--config", config.toString(), "changes");
        List<String> lines = changes.lines().toList();
        assertThat(lines).hasSize(6); // A ×2, C, D deleted + back, E deleted
        assertThat(lines.get(0)).contains("live").contains(url("10004")).contains("back after deletion");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("deleted").contains("即将删除的文章").contains("HTTP 404"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("deleted").contains("final URL " + server.url("/news/")));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("edited").contains("新标题：俄罗斯与朝鲜")
            .contains("revision 2: title"));
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("  test  "));
        assertThat(cli("--config", config.toString(), "changes", "--since", "2999-01-01")).startsWith("no changes recorded");

        String diff = cli("--config", config.toString(), "diff", url("10001"), "--from", "1", "--to", "2", "--color", "never");
        assertThat(diff).contains("version 1").contains("version 2").contains("title: 俄朝签署条约 (unchanged)")
            .contains("[-平壤-]{+莫斯科+}").doesNotContain("日本外务省");
        String latest = cli("--config", config.toString(), "diff", String.valueOf(ids.get("10001")), "--color", "never");
        assertThat(latest).contains("version 2").contains("version 3").contains("日本[-政府-]{+外务省+}");
        assertThat(cli("--config", config.toString(), "diff", url("10003"), "--color", "never"))
            .contains("title: ").contains("[-旧-]{+新+}标题");
        assertThat(cli("--config", config.toString(), "diff", url("10002"))).contains("one version");

        String recheck = cli("--config", config.toString(), "recheck", "--all", "--outlet", "test");
        assertThat(recheck.lines().reduce((x, y) -> y).orElse("")).startsWith("checked 6: ");
    }

    @Test
    void anEntryTakenOutOfItsFeedIsRecheckedAtOnceAndCitedInTheDeletion() throws Exception {
        Settings s = ConfigLoader.load(config);
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            long first = nv.articles.findBySighting(Urls.canonical(url("10001"))).orElseThrow();
            long middle = nv.articles.findBySighting(Urls.canonical(url("10003"))).orElseThrow();
            WatchRepository watch = new WatchRepository(nv.db);
            Rechecker rechecker = Rechecker.of(nv);

            // The newest item scrolls off (normal); one from the middle is taken out, and its page is gone.
            unlisted.addAll(List.of("10001", "10003"));
            serve("10003", () -> new MockResponse().setResponseCode(404).setBody("not found"));
            clock.advance(Duration.ofMinutes(1));
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(watch.state(first).orElseThrow().unlistedAt()).isNull();
            assertThat(watch.state(middle).orElseThrow().unlistedAt()).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));
            assertThat(watch.state(middle).orElseThrow().unlistedFrom()).isEqualTo(server.url("/feed.xml").toString());

            List<CheckResult> now = new ArrayList<>();
            rechecker.runDue(null, 100, now::add);
            assertThat(now).as("only the unlisted article is due, at once").singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.MISSING))
                .satisfies(r -> assertThat(r.detail()).contains("gone from feed"));
            List<CheckResult> later = pass(rechecker, 15);
            assertThat(outcomes(later, Map.of("10003", middle))).containsEntry("10003", Outcome.DELETED);
            StatusEvent deleted = watch.events(middle).get(0);
            assertThat(deleted.status()).isEqualTo("deleted");
            assertThat(deleted.httpStatus()).isEqualTo(404);
            assertThat(deleted.detail()).contains("gone from feed " + server.url("/feed.xml")).contains("2 consecutive checks");

            // Listed again: the mark goes (the article stays deleted until a page check finds it).
            unlisted.clear();
            clock.advance(Duration.ofMinutes(1));
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(watch.state(middle).orElseThrow().unlistedAt()).isNull();
        }
    }

    @Test
    void twoNodesOnOneDatabaseNeverRecheckTheSameArticleTwice() throws Exception {
        Settings s = ConfigLoader.load(config);
        Map<String, java.util.concurrent.atomic.AtomicInteger> hits = new ConcurrentHashMap<>();
        for (String id : List.of("10001", "10002", "10003", "10004", "10005", "10006")) {
            Supplier<MockResponse> p = pages.get("/news/2024/article-" + id + ".html");
            serve(id, () -> {
                hits.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                return p.get();
            });
        }
        try (Newsvault nv = Newsvault.open(s, clock)) {
            PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            hits.clear();
            Rechecker alpha = Rechecker.of(nv, () -> s.withNode("alpha"));
            Rechecker beta = Rechecker.of(nv, () -> s.withNode("beta"));
            for (int round = 0; round < 3; round++) {
                clock.advance(Duration.ofMinutes(20));
                List<CheckResult> all = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread a = new Thread(() -> alpha.runDue(null, 100, all::add));
                Thread b = new Thread(() -> beta.runDue(null, 100, all::add));
                a.start();
                b.start();
                a.join();
                b.join();
                assertThat(all).as("round %d", round).hasSize(6);
                assertThat(all.stream().map(CheckResult::articleId).distinct()).hasSize(6);
                int expected = round + 1;
                assertThat(hits.values()).as("page requests per article, round %d", round)
                    .allMatch(n -> n.get() == expected);
            }
        }
    }

    List<CheckResult> pass(Rechecker rechecker, int minutes) {
        clock.advance(Duration.ofMinutes(minutes));
        List<CheckResult> out = new ArrayList<>();
        rechecker.runDue(null, 100, out::add);
        return out;
    }

    static Map<String, Outcome> outcomes(List<CheckResult> results, Map<String, Long> ids) {
        Map<String, Outcome> out = new java.util.HashMap<>();
        for (var e : ids.entrySet()) {
            results.stream().filter(r -> r.articleId() == e.getValue()).findFirst().ifPresent(r -> out.put(e.getKey(), r.outcome()));
        }
        return out;
    }

    static String status(Newsvault nv, Map<String, Long> ids, String id) {
        return nv.articles.find(ids.get(id)).orElseThrow().status();
    }

    static Path file(Settings s, ArticleRow row) {
        return s.archive().resolve(row.filePath());
    }

    static String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = NewsvaultCommand.execute(args);
            assertThat(code).as("exit status of %s", List.of(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** A clock the test moves forward. */
}
