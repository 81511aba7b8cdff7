package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;

/**
 * An aggregator claims an outlet's article URL with fake text first; the outlet's own feed lists it later
 * with the real text. Two sites on loopback: the aggregator is {@code 127.0.0.1}, the outlet {@code localhost}
 * (different registrable domains, see {@code SitesTest}).
 */
class SourceTrustTest {
    static final String REAL = "<p>" + "自由亚洲电台报道：当局今天拘押了三名维权律师，家属说他们至今没有收到任何通知。".repeat(8) + "</p>";
    static final String FAKE = "<p>" + "FAKE TEXT 一切正常，没有任何人被拘押，这条消息纯属谣言，请大家不要相信。".repeat(16) + "</p>";

    @TempDir
    Path dir;
    MockWebServer aggregator;
    MockWebServer outlet;
    final AtomicInteger ownFeedRequests = new AtomicInteger();

    String articleUrl() {
        return "http://localhost:" + outlet.getPort() + "/mandarin/a/1.html";
    }

    static String rss(String link, String title, String body, String comment) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!--" + comment + "--><rss version=\"2.0\""
            + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title><item><title>" + title
            + "</title><link>" + link + "</link><pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate><content:encoded><![CDATA["
            + body + "]]></content:encoded></item></channel></rss>";
    }

    @BeforeEach
    void start() throws Exception {
        aggregator = new MockWebServer();
        outlet = new MockWebServer();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        aggregator.start(loopback, 0);
        outlet.start(loopback, 0);
        aggregator.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                    .setBody(rss(articleUrl(), "律师被拘押", FAKE, "agg"));
            }
        });
        outlet.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                if (req.getPath().equals("/feed.xml")) {
                    // a new comment on every request: the body changes, the entry does not
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .setBody(rss(articleUrl(), "律师被拘押", REAL, "n" + ownFeedRequests.incrementAndGet()));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        aggregator.shutdown();
        outlet.shutdown();
    }

    String aggregatorFeed() {
        return "http://127.0.0.1:" + aggregator.getPort() + "/rss/rfa.xml";
    }

    String ownFeed() {
        return "http://localhost:" + outlet.getPort() + "/feed.xml";
    }

    Settings settings() {
        HttpSettings h = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3,
            2, Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
        OutletConfig o = new OutletConfig("rfa", "自由亚洲电台", List.of(new FeedConfig(aggregatorFeed(), true),
            new FeedConfig(ownFeed(), true)), null, List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false,
            dir.resolve("c.yaml"));
        return new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), h, WatchSettings.DEFAULTS,
            null, List.of(o));
    }

    @Test
    void theOwnSiteTextReplacesWhatAThirdPartyFeedBroughtFirstOnce() throws Exception {
        Settings s = settings();
        OutletConfig o = s.outlets().get(0);
        try (Newsvault nv = Newsvault.open(s)) {
            FeedReport first = nv.refresher.refresh(o, o.feeds().get(0));
            assertThat(first.archived()).isEqualTo(1);
            ArticleRow fake = nv.articles.find(1).orElseThrow();
            assertThat(fake.file().body()).contains("FAKE TEXT");
            assertThat(fake.sourceTrust()).isEqualTo(ArticleRow.THIRD_PARTY);
            assertThat(fake.bodyKind()).isEqualTo(ArticleRow.FULL);
            assertThat(outlet.getRequestCount()).isZero();
            long aggId = nv.feeds.ensure("rfa", aggregatorFeed()).feedId();
            long ownId = nv.feeds.ensure("rfa", ownFeed()).feedId();
            assertThat(fake.feedId()).isEqualTo(aggId);

            FeedReport own = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(own.result()).isEqualTo(FeedReport.Result.UNCHANGED);
            assertThat(own.revised()).isEqualTo(1);
            assertThat(own.line()).contains("1 revised");
            assertThat(nv.articles.count()).isEqualTo(1);

            ArticleRow now = nv.articles.find(1).orElseThrow();
            assertThat(now.file().body()).doesNotContain("FAKE TEXT").contains("当局今天拘押了三名维权律师");
            assertThat(now.sourceTrust()).isEqualTo(ArticleRow.OWN_SITE);
            assertThat(now.feedId()).isEqualTo(ownId);
            assertThat(now.status()).isEqualTo("edited");
            var revisions = new RevisionRepository(nv.db).rows(1);
            assertThat(revisions).hasSize(2);
            assertThat(revisions.get(0).file().body()).contains("FAKE TEXT");
            assertThat(revisions.get(1).file().body()).contains("当局今天拘押了三名维权律师").doesNotContain("FAKE");
            assertThat(Files.readString(s.archive().resolve(now.filePath()))).contains("当局今天拘押了三名维权律师")
                .doesNotContain("FAKE TEXT");
            assertThat(Files.readString(s.archive().resolve(revisions.get(0).revision().filePath()))).contains("FAKE TEXT");

            var sightings = nv.articles.sightings(1);
            assertThat(sightings).extracting(x -> x.feedId()).containsExactly(aggId, ownId);
            assertThat(sightings.get(0).ownSite()).isFalse();
            assertThat(sightings.get(0).contentHash()).isEqualTo(fake.contentHash());
            assertThat(sightings.get(1).ownSite()).isTrue();
            assertThat(sightings.get(1).contentHash()).isEqualTo(now.contentHash());

            // The next listings (the own feed's body changes by a comment each time) are one read, no revision.
            FeedReport again = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(again.revised()).isZero();
            assertThat(again.known()).isEqualTo(1);
            FeedReport aggAgain = nv.refresher.refresh(o, o.feeds().get(0));
            assertThat(aggAgain.revised()).isZero();
            assertThat(new RevisionRepository(nv.db).rows(1)).hasSize(2);
            assertThat(nv.articles.find(1).orElseThrow().file().body()).doesNotContain("FAKE TEXT");

            Path jsonl = dir.resolve("a.jsonl");
            org.newsvault.export.Exporter.of(nv).export(org.newsvault.export.ExportFormat.JSONL,
                org.newsvault.store.ArticleQuery.ALL, jsonl, n -> {});
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readAllLines(jsonl).get(0));
            assertThat(json.get("sourceTrust").asText()).isEqualTo("own-site");
            assertThat(json.get("bodyKind").asText()).isEqualTo("full");
        }
    }

    @Test
    void aReloadedWatchScheduleReachesTheRevisionTheOwnSiteRecords() throws Exception {
        Settings s = settings();
        OutletConfig o = s.outlets().get(0);
        try (Newsvault nv = Newsvault.open(s)) {
            assertThat(nv.refresher.refresh(o, o.feeds().get(0)).archived()).isEqualTo(1);
            // as the daemon's reload does: every 5 h in the first day instead of the default 15 min
            var watch = new WatchSettings(true, List.of(new WatchSettings.Step(Duration.ofDays(1), Duration.ofHours(5))), 2);
            nv.reload(new Settings(s.configFile(), s.data(), s.archive(), s.http(), watch, s.listen(), s.outlets()));
            java.time.Instant before = java.time.Instant.now();
            assertThat(nv.refresher.refresh(o, o.feeds().get(1)).revised()).isEqualTo(1);
            java.time.Instant next = nv.db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT next_recheck_at FROM article WHERE id = 1")) {
                    rs.next();
                    return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                }
            });
            assertThat(next).isBetween(before.plus(Duration.ofHours(5)).minusSeconds(5), before.plus(Duration.ofHours(5)).plusSeconds(60));
        }
    }

    @Test
    void anOwnSiteTextThatSaysTheSameOnlyRecordsItsSource() throws Exception {
        Settings s = settings();
        OutletConfig o = s.outlets().get(0);
        aggregator.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                // the mirror carries the real text, with a view counter the noise filter ignores
                return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                    .setBody(rss(articleUrl(), "律师被拘押", REAL + "<p>阅读 1,234</p>", "agg"));
            }
        });
        try (Newsvault nv = Newsvault.open(s)) {
            nv.refresher.refresh(o, o.feeds().get(0));
            FeedReport own = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(own.revised()).isZero();
            ArticleRow a = nv.articles.find(1).orElseThrow();
            assertThat(a.sourceTrust()).isEqualTo(ArticleRow.OWN_SITE);
            assertThat(a.feedId()).isEqualTo(nv.feeds.ensure("rfa", ownFeed()).feedId());
            assertThat(new RevisionRepository(nv.db).rows(1)).isEmpty();
            assertThat(nv.articles.sightings(1)).hasSize(2);
        }
    }

    @Test
    void aThirdPartyTextArchivedWhileTheOwnSitePageWasBeingReadIsStillReplaced() throws Exception {
        Settings s = settings();
        var open = new java.util.concurrent.atomic.AtomicReference<Newsvault>();
        outlet.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) throws InterruptedException {
                if (req.getPath().equals("/feed.xml")) {
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .setBody(rss(articleUrl(), "律师被拘押", "<p>点击查看全文…</p>", "own"));
                }
                // The page answers only once the aggregator's copy is archived: the own-site item found the
                // URL unknown, and its commit now meets the third party's row.
                for (int i = 0; i < 200 && open.get().articles.count() == 0; i++) Thread.sleep(50);
                return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody(
                    "<html><head><title>律师被拘押</title></head><body><article><h1>律师被拘押</h1>" + REAL
                        + "</article></body></html>");
            }
        });
        try (Newsvault nv = Newsvault.open(s)) {
            open.set(nv);
            List<FeedReport> reports = org.newsvault.poll.PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
            assertThat(nv.articles.count()).isEqualTo(1);
            assertThat(reports.get(0).archived()).isEqualTo(1);
            assertThat(reports.get(1).revised()).isEqualTo(1);
            ArticleRow a = nv.articles.find(1).orElseThrow();
            assertThat(a.file().body()).contains("当局今天拘押了三名维权律师").doesNotContain("FAKE TEXT");
            assertThat(a.sourceTrust()).isEqualTo(ArticleRow.OWN_SITE);
            assertThat(new RevisionRepository(nv.db).rows(1)).hasSize(2);
            assertThat(nv.articles.sightings(1)).hasSize(2);
        }
    }

    @Test
    void anOwnSitePageThatIsGoneIsAskedForOnceAndTheArticleStays() throws Exception {
        Settings s = settings();
        OutletConfig o = s.outlets().get(0);
        AtomicInteger pages = new AtomicInteger();
        outlet.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                if (req.getPath().equals("/feed.xml")) {
                    return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .setBody(rss(articleUrl(), "律师被拘押", "<p>点击查看全文…</p>", "n" + ownFeedRequests.incrementAndGet()));
                }
                pages.incrementAndGet();
                return new MockResponse().setResponseCode(404);
            }
        });
        try (Newsvault nv = Newsvault.open(s)) {
            nv.refresher.refresh(o, o.feeds().get(0));
            FeedReport own = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(own.revised()).isZero();
            assertThat(own.itemErrors()).isEmpty();
            assertThat(pages.get()).isEqualTo(1);
            ArticleRow a = nv.articles.find(1).orElseThrow();
            assertThat(a.file().body()).contains("FAKE TEXT");
            assertThat(a.sourceTrust()).isEqualTo(ArticleRow.THIRD_PARTY);
            var sightings = nv.articles.sightings(1);
            assertThat(sightings).hasSize(2);
            assertThat(sightings.get(1).ownSite()).isTrue();
            assertThat(sightings.get(1).contentHash()).isNull();

            nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(pages.get()).isEqualTo(1);
        }
    }

    @Test
    void aRevisionThatCannotBeWrittenFailsTheFeedAndIsWrittenAtTheNextListing() throws Exception {
        Settings s = settings();
        OutletConfig o = s.outlets().get(0);
        try (Newsvault nv = Newsvault.open(s)) {
            nv.refresher.refresh(o, o.feeds().get(0));
            String file = nv.articles.find(1).orElseThrow().filePath();
            Path revisionsDir = s.archive().resolve(file.substring(0, file.length() - 3) + ".revisions");
            Files.writeString(revisionsDir, "in the way");

            FeedReport failed = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(failed.result()).isEqualTo(FeedReport.Result.FAILED);
            assertThat(failed.line()).contains("failed: 1 of 1 items not archived: cannot write revision file: ");

            Files.delete(revisionsDir);
            FeedReport ok = nv.refresher.refresh(o, o.feeds().get(1));
            assertThat(ok.result()).isEqualTo(FeedReport.Result.UNCHANGED);
            assertThat(Files.readString(revisionsDir.resolve("1.md"))).contains("FAKE TEXT");
            assertThat(Files.readString(revisionsDir.resolve("2.md"))).contains("当局今天拘押了三名维权律师");
            assertThat(Files.readString(s.archive().resolve(file))).contains("当局今天拘押了三名维权律师");
            assertThat(nv.articles.pendingFiles()).isEmpty();
            assertThat(new RevisionRepository(nv.db).pendingFiles()).isEmpty();
        }
    }
}
