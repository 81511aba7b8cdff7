package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.newsvault.cli.NewsvaultCommand;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.model.Original;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;

/** Feeds that used to break a poll, merge articles, lose them for good or grow the originals without bound. */
class PollFaultsTest {
    static final String FULL = "<p>" + "这是一篇完整的文章，内容很长，足以被当作全文，讲述了当天发生的事情。".repeat(12) + "</p>";

    @TempDir
    Path dir;
    MockWebServer server;
    volatile String feedBody = "";
    final AtomicBoolean pagesUp = new AtomicBoolean(false);
    final AtomicInteger feedRequests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                if (req.getPath().equals("/feed.xml")) {
                    feedRequests.incrementAndGet();
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .setBody(feedBody.replace("{n}", String.valueOf(feedRequests.get())));
                }
                if (req.getPath().startsWith("/a/") && pagesUp.get()) {
                    String id = req.getPath().substring(3);
                    return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                        .setBody("<html><head><title>第" + id + "篇</title></head><body><article><h1>第" + id + "篇</h1><p>"
                            + ("第" + id + "篇文章的全文：记者在现场看到，很多人排队等候，场面十分混乱。").repeat(10)
                            + "</p></article></body></html>");
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

    String link(String path) {
        return server.url(path).toString();
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- build {n} --><rss version=\"2.0\""
            + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title>" + items
            + "</channel></rss>";
    }

    static String item(String title, String link, String guid, String body) {
        return "<item><title>" + title + "</title><link>" + link + "</link>"
            + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
            + "<pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><description><![CDATA[" + body + "]]></description></item>";
    }

    Settings settings() {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 22, 3,
            2, Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig o = new OutletConfig("test", "测试台", List.of(new FeedConfig(link("/feed.xml"), true)), null,
            List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml"));
        return new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS,
            null, List.of(o));
    }

    FeedReport pollOnce(Newsvault nv, Settings s) {
        return PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {}).get(0);
    }

    @Test
    void identicalTeasersOfPagesThatFailAreThreeArticlesAndThePagesAreTriedAgain() throws Exception {
        String teaser = "<p>点击查看全文…</p>";
        feedBody = rss(item("第一篇", link("/a/1"), null, teaser) + item("第二篇", link("/a/2"), null, teaser)
            + item("第三篇", link("/a/3"), null, teaser));
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            FeedReport r = pollOnce(nv, s);
            assertThat(r.archived()).isEqualTo(3);
            assertThat(r.duplicates()).isZero();
            assertThat(nv.articles.count()).isEqualTo(3);
            for (long id = 1; id <= 3; id++) {
                assertThat(nv.articles.find(id).orElseThrow().bodyKind()).isEqualTo(ArticleRow.TEASER);
            }

            // The pages come back; the feed (changed) lists the items again: each page is read, revision 2.
            pagesUp.set(true);
            FeedReport again = pollOnce(nv, s);
            assertThat(again.revised()).isEqualTo(3);
            for (long id = 1; id <= 3; id++) {
                ArticleRow a = nv.articles.find(id).orElseThrow();
                assertThat(a.bodyKind()).isEqualTo(ArticleRow.FULL);
                assertThat(a.file().body()).contains("篇文章的全文").doesNotContain("点击查看全文");
                assertThat(new RevisionRepository(nv.db).rows(id)).hasSize(2);
                assertThat(Files.readString(s.archive().resolve(a.filePath()))).contains("篇文章的全文");
            }
            // A full article is never retried: the third listing reads no page.
            int before = server.getRequestCount();
            assertThat(pollOnce(nv, s).revised()).isZero();
            assertThat(server.getRequestCount() - before).isEqualTo(1);
        }
    }

    @Test
    void anItemThatCannotBeWrittenFailsItsFeedAndIsArchivedByTheNextPoll() throws Exception {
        feedBody = rss(item("好新闻", link("/a/1"), null, FULL) + item("另一篇", link("/a/2"), null, FULL.replace("这是", "那是")));
        Settings s = settings();
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + s.data() + "\narchive: " + s.archive() + "\nhttp:\n  retries: 0\n"
            + "outlets:\n  - id: test\n    name: 测试台\n    feeds: [" + link("/feed.xml") + "]\n");
        // The outlet's folder is a file: every article write fails (as on a read-only or full disk, even as root).
        Files.createDirectories(s.archive());
        Files.writeString(s.archive().resolve("test"), "in the way");

        Run first = poll(config);
        assertThat(first.code).isEqualTo(1);
        List<String> lines = first.out.lines().toList();
        assertThat(lines.get(0)).startsWith("test " + link("/feed.xml") + ": failed: 2 of 2 items not archived: "
            + "cannot write article file: ");
        assertThat(lines.get(1)).isEqualTo("total: 1 feeds, 0 new articles, 0 duplicates, 1 feeds failed");
        try (Newsvault nv = Newsvault.open(s)) {
            var state = nv.feeds.ensure("test", link("/feed.xml"));
            assertThat(state.errorCount()).isEqualTo(1);
            assertThat(state.bodyHash()).isNull();
            assertThat(state.lastResult()).isEqualTo("failed");
        }

        Files.delete(s.archive().resolve("test"));
        Run second = poll(config);
        assertThat(second.code).isEqualTo(0);
        assertThat(second.out).contains("total: 1 feeds, 0 new articles, 0 duplicates, 0 feeds failed");
        try (Stream<Path> w = Files.walk(s.archive())) {
            assertThat(w.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md"))).hasSize(2);
        }
        try (Newsvault nv = Newsvault.open(s)) {
            assertThat(nv.articles.pendingFiles()).isEmpty();
            assertThat(nv.feeds.ensure("test", link("/feed.xml")).errorCount()).isZero();
        }
    }

    record Run(int code, String out) {}

    static Run poll(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = NewsvaultCommand.execute("poll", "--config", config.toString());
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void overLongFieldsAndBadLinksAreOneItemsErrorAndTheGoodItemIsArchived() throws Exception {
        String longTitle = "标".repeat(5000);
        String longGuid = "g".repeat(5000);
        String longLink = link("/a/") + "x".repeat(5000);
        feedBody = rss(item(longTitle, link("/a/long-title"), longGuid, FULL.replace("这是", "长题"))
            + item("长链接", longLink, null, FULL.replace("这是", "长链")) 
            + item("方括号", link("/a/[1]") + "?x=[y]", null, FULL.replace("这是", "括号"))
            + item("好新闻", link("/a/good"), null, FULL));
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            FeedReport r = pollOnce(nv, s);
            assertThat(r.result()).isNotEqualTo(FeedReport.Result.FAILED);
            List<String> titles = new ArrayList<>();
            nv.articles.stream(new org.newsvault.store.ArticleQuery(null, null, null), a -> titles.add(a.title()));
            assertThat(titles).contains("好新闻");
            ArticleRow longOne = nv.articles.find(nv.articles.findBySighting(
                org.newsvault.model.Urls.canonical(link("/a/long-title"))).orElseThrow()).orElseThrow();
            assertThat(longOne.title()).hasSize(4000).endsWith("…");
            assertThat(longOne.file().title()).hasSizeLessThanOrEqualTo(4000).endsWith("…");
            assertThat(longOne.guid()).hasSize(4000).endsWith("…");
            assertThat(Files.readString(s.archive().resolve(longOne.filePath()))).contains(longOne.file().title());
            assertThat(r.itemErrors()).anySatisfy(e -> assertThat(e).contains("link longer than 4000 characters")
                .hasSizeLessThan(400));
            assertThat(r.itemErrors()).anySatisfy(e -> assertThat(e).startsWith("item '方括号': bad link ")
                .contains("Illegal character"));
            assertThat(r.itemErrors()).hasSize(2);
            assertThat(r.archived()).isEqualTo(2);
        }
    }

    @Test
    void aNestingBombIsOneItemsErrorAndThePollGoesOn() throws Exception {
        // 300,000 nested divs: over the element cap, refused before parsing; the item fails alone.
        String bomb = "<div>".repeat(300_000) + "深" + "</div>".repeat(300_000);
        feedBody = rss(item("炸弹", link("/a/bomb"), null, bomb) + item("好新闻", link("/a/good"), null, FULL));
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            long t0 = System.nanoTime();
            FeedReport r = pollOnce(nv, s);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.archived()).as(r.line()).isEqualTo(1);
            assertThat(r.itemErrors()).as(r.line()).singleElement().asString()
                .startsWith("item " + link("/a/bomb") + ": too complex to process");
            assertThat(ms).as("poll with a 3 MB nesting bomb").isLessThan(30_000);
        }
    }

    @Test
    void aFeedWhoseBodyChangesOnEveryRequestButNotItsEntriesKeepsOneOriginal() throws Exception {
        // a rotating comment of 200 KB, different on every request
        feedBody = rss(item("好新闻", link("/a/1"), null, FULL)).replace("<!-- build {n} -->",
            "<!-- build {n} " + "x".repeat(200_000) + " -->");
        Settings s = settings();
        try (Newsvault nv = Newsvault.open(s)) {
            for (int i = 0; i < 3; i++) assertThat(pollOnce(nv, s).result()).isNotEqualTo(FeedReport.Result.FAILED);
            assertThat(feedRequests.get()).isEqualTo(3);
            List<Original> kept = new ArrayList<>();
            nv.originalRows.stream(o -> {
                if (o.kind().equals("feed")) kept.add(o);
            });
            assertThat(kept).hasSize(1);
            assertThat(nv.articles.find(1).orElseThrow().originalId()).isEqualTo(kept.get(0).id());

            // the entries change: that body is kept
            feedBody = rss(item("好新闻", link("/a/1"), null, FULL) + item("又一篇", link("/a/2"), null,
                FULL.replace("这是", "那是")));
            FeedReport r = pollOnce(nv, s);
            assertThat(r.archived()).isEqualTo(1);
            List<Original> after = new ArrayList<>();
            nv.originalRows.stream(o -> {
                if (o.kind().equals("feed")) after.add(o);
            });
            assertThat(after).hasSize(2);
        }
    }
}
