package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.FeedState;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository.Claim.Outcome;

/**
 * The repositories' SQL on H2; {@link RepositoriesOnPostgresqlTest} runs the same on PostgreSQL (when
 * {@value TestDatabases#ENV} is set): the same SQL must mean the same on both.
 */
class RepositoriesTest {
    private static final Instant T0 = Instant.parse("2024-06-20T10:00:00.123456Z");

    @TempDir Path data;
    private TestDatabases.Fresh fresh;
    private Database db;
    private ArticleRepository articles;

    Vendor vendor() {
        return Vendor.H2;
    }

    @BeforeEach
    void open() {
        fresh = TestDatabases.open(vendor(), data);
        db = fresh.db();
        articles = new ArticleRepository(db);
        new OutletRepository(db).upsert("rfa", "RFA");
    }

    @AfterEach
    void close() {
        if (fresh != null) fresh.close();
    }

    @Test
    void theDatabaseSaysWhatItIs() {
        assertThat(db.vendor()).isEqualTo(vendor());
        assertThat(db.shared()).isEqualTo(vendor() == Vendor.POSTGRESQL);
        assertThat(db.problem()).isEmpty();
        assertThat(db.writable()).isTrue();
        if (db.shared()) {
            assertThat(db.compactIfGrown(0, 0)).isEmpty();
            assertThat(db.share(data)).isNull();
        }
    }

    @Test
    void anOutletIsUpsertedKeepingItsCreationTime() {
        var outlets = new OutletRepository(db);
        Instant created = createdAt("rfa");
        outlets.upsert("rfa", "Radio Free Asia");
        outlets.upsert("dw", "DW");
        assertThat(outlets.all()).containsExactly(Map.entry("dw", "DW"), Map.entry("rfa", "Radio Free Asia"));
        assertThat(createdAt("rfa")).isEqualTo(created);
    }

    @Test
    void aFeedIsCreatedOnceAndKeepsItsState() {
        var feeds = new FeedRepository(db);
        FeedState f = feeds.ensure("rfa", "https://rfa.example/feed");
        assertThat(feeds.ensure("rfa", "https://rfa.example/feed").feedId()).isEqualTo(f.feedId());
        feeds.recordFailure(f.feedId(), "HTTP 503", T0, T0.plusSeconds(60));
        FeedState failed = feeds.find(f.feedId()).orElseThrow();
        assertThat(failed.errorCount()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 503");
        assertThat(failed.nextCheckAt()).isEqualTo(T0.plusSeconds(60));
        feeds.recordEntryUrls(f.feedId(), List.of("https://rfa.example/a", "https://rfa.example/b"));
        assertThat(feeds.entryUrls(f.feedId())).containsExactly("https://rfa.example/a", "https://rfa.example/b");
        assertThat(feeds.all()).hasSize(1);
    }

    @Test
    void concurrentEnsuresOfOneFeedMakeOneRow() throws Exception {
        var feeds = new FeedRepository(db);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> calls = java.util.Collections.nCopies(8, () -> feeds.ensure("rfa", "https://rfa.example/x").feedId());
            var ids = pool.invokeAll(calls).stream().map(RepositoriesTest::get).distinct().toList();
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(feeds.all()).hasSize(1);
    }

    @Test
    void claimsDedupeByUrlAndContentAndRecordSightings() {
        long feed = new FeedRepository(db).ensure("rfa", "https://rfa.example/feed").feedId();
        var first = articles.claim(row("a", "hash-a", feed), T0);
        assertThat(first.outcome()).isEqualTo(Outcome.INSERTED);
        assertThat(articles.claim(row("a", "hash-other", feed), T0).outcome()).isEqualTo(Outcome.SAME_URL);
        var copy = articles.claim(row("a-copy", "hash-a", feed), T0);
        assertThat(copy.outcome()).isEqualTo(Outcome.SAME_CONTENT);
        assertThat(copy.id()).isEqualTo(first.id());
        assertThat(articles.findBySighting("https://rfa.example/a-copy")).contains(first.id());
        articles.addSighting(first.id(), "rfa", null, "https://mirror.example/a", "import", T0);
        articles.addSighting(first.id(), "rfa", null, "https://mirror.example/a", "import", T0); // again: left alone
        assertThat(articles.sightings(first.id())).extracting(ArticleRepository.Sighting::url)
            .containsExactlyInAnyOrder("https://rfa.example/a", "https://rfa.example/a-copy", "https://mirror.example/a");
        ArticleRow back = articles.find(first.id()).orElseThrow();
        assertThat(back.fetchedAt()).isEqualTo(T0);
        assertThat(back.file().body()).isEqualTo(row("a", "hash-a", feed).file().body());
        assertThat(articles.pendingFiles()).extracting(ArticleRow::id).containsExactly(first.id());
        articles.markFileWritten(first.id());
        assertThat(articles.pendingFiles()).isEmpty();
        assertThat(articles.count()).isEqualTo(1);
        assertThat(articles.countByOutlet()).containsExactly(Map.entry("rfa", 1L));
        assertThat(articles.countDeleted()).isZero();
        try (var lookups = articles.openLookups()) {
            assertThat(lookups.filePathTaken("rfa/a.md")).isTrue();
            assertThat(lookups.filePathTaken("rfa/none.md")).isFalse();
        }
    }

    @Test
    void bulkInsertsKeepTheirOrderAndIdentitiesGoOn() {
        long[] ids = articles.insertAll(List.of(row("b1", "h1", null), row("b2", "h2", null)), T0);
        assertThat(ids).hasSize(2);
        assertThat(ids[1]).isGreaterThan(ids[0]);
        long next = articles.insert(row("b3", "h3", null), T0);
        assertThat(next).isGreaterThan(ids[1]);
    }

    @Test
    void originalsRoundTripWithTheirHeaders() {
        var originals = new OriginalRepository(db);
        var headers = List.of(Map.entry("Content-Type", "text/html; charset=utf-8"), Map.entry("ETag", "\"x\""));
        long id = originals.insert("a".repeat(64), "https://rfa.example/a", 200, headers, "text/html", T0, 1234, "page");
        Original o = originals.find(id).orElseThrow();
        assertThat(o.headers()).containsExactlyElementsOf(headers);
        assertThat(o.fetchedAt()).isEqualTo(T0);
        assertThat(o.size()).isEqualTo(1234);
        assertThat(originals.findSame("a".repeat(64), "https://rfa.example/a", "page")).map(Original::id).contains(id);
        long[] more = originals.insertAll(List.of(new OriginalRepository.NewOriginal("b".repeat(64), "https://rfa.example/b",
            404, List.of(), null, T0, 0, "page")));
        assertThat(more[0]).isGreaterThan(id);
        assertThat(originals.count()).isEqualTo(2);
    }

    @Test
    void imagesAreLeasedOnceAndCounted() {
        long article = articles.insert(row("i", "hi", null), T0);
        var images = new ImageRepository(db);
        int added = images.add(article, List.of(new ImageRepository.NewImage("https://img.example/1.jpg", ImageRole.LEAD, 0),
            new ImageRepository.NewImage("https://img.example/2.jpg", ImageRole.BODY, 1)), 10, T0, T0);
        assertThat(added).isEqualTo(2);
        var taken = images.takeDue(T0.plusSeconds(1), 10, Duration.ofMinutes(5));
        assertThat(taken).hasSize(2).allMatch(d -> d.outletId().equals("rfa"));
        assertThat(images.takeDue(T0.plusSeconds(2), 10, Duration.ofMinutes(5))).isEmpty(); // leased
        images.finish(List.of(taken.get(1).id()), ImageState.GONE, 0, "HTTP 404", T0, null);
        assertThat(images.counts().of(ImageState.GONE)).isEqualTo(1);
        assertThat(images.ofArticle(article)).extracting(a -> a.url()).containsExactly("https://img.example/1.jpg",
            "https://img.example/2.jpg");
    }

    @Test
    void theWatchFindsDueArticlesAndRecordsChecks() {
        long a = articles.insert(row("w", "hw", null), T0);
        var watch = new WatchRepository(db);
        watch.reschedule(a, T0.plusSeconds(10));
        assertThat(watch.due(T0.plusSeconds(5), null, 10)).isEmpty();
        assertThat(watch.due(T0.plusSeconds(10), null, 10)).containsExactly(a);
        watch.recordCheck(a, new CheckUpdate("deleted", 2, 0, null, T0.plusSeconds(20), null,
            new StatusEvent(a, T0.plusSeconds(20), "deleted", 404, null, "HTTP 404")));
        assertThat(watch.countWithStatus("deleted")).isEqualTo(1);
        assertThat(watch.events(a)).extracting(StatusEvent::status).containsExactly("deleted");
        assertThat(watch.due(T0.plusSeconds(3600), null, 10)).isEmpty();
        assertThat(articles.countDeleted()).isEqualTo(1);
    }

    @Test
    void theIndexFeedFollowsNewRows() {
        var feed = new IndexFeed(db);
        var before = feed.current();
        long a = articles.insert(row("x", "hx", null), T0);
        var touches = feed.after(before, 10, T0.plus(IndexFeed.SETTLE).plusSeconds(1));
        assertThat(touches.articles()).extracting(IndexFeed.Touch::articleId).containsExactly(a);
        assertThat(feed.load(List.of(a))).extracting(i -> i.row().id()).containsExactly(a);
    }

    @Test
    void prefilledRowsAreCountedAndSighted() {
        PrefillRows.fill(db, "rfa", 3, i -> new PrefillRows.Row("https://rfa.example/p" + i, "t" + i, null, T0.plusSeconds(i),
            "p".repeat(63) + i, null, "1", "<p>" + i + "</p>", "rfa/p" + i + ".md"));
        assertThat(articles.countByOutlet()).containsEntry("rfa", 3L);
        assertThat(articles.findBySighting("https://rfa.example/p2")).isPresent();
    }

    private Instant createdAt(String outlet) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT created_at FROM outlet WHERE id = ?")) {
                Sql.bind(ps, outlet);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return Sql.instant(rs, "created_at");
                }
            }
        });
    }

    private static ArticleRow row(String slug, String hash, Long feedId) {
        String url = "https://rfa.example/" + slug;
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题 " + slug, url, "记者", "rfa", T0, T0, "<p>正文 " + slug + "</p>");
        return new ArticleRow(0, "rfa", feedId, null, url, "标题 " + slug, "记者", T0, T0, hash, f, "rfa/" + slug + ".md",
            false, null, "poll", "live");
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
