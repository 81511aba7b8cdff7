package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.Reading.ChangeFilter;
import org.newsvault.store.Reading.ChangeKind;
import org.newsvault.store.Reading.ListFilter;
import org.newsvault.store.Reading.Listed;

/** On H2; {@link ReadingOnPostgresqlTest} runs the same on PostgreSQL (when {@value TestDatabases#ENV} is set). */
class ReadingTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2024-06-20T10:00:00Z");

    @TempDir Path data;
    private TestDatabases.Fresh fresh;
    private Database db;
    private ArticleRepository articles;
    private Reading reading;

    Vendor vendor() {
        return Vendor.H2;
    }

    @BeforeEach
    void open() {
        fresh = TestDatabases.open(vendor(), data);
        db = fresh.db();
        articles = new ArticleRepository(db);
        reading = new Reading(db);
        OutletRepository outlets = new OutletRepository(db);
        outlets.upsert("rfa", "自由亚洲电台");
        outlets.upsert("dw", "德国之声");
    }

    @AfterEach
    void close() {
        if (fresh != null) fresh.close();
    }

    private long add(String outlet, String slug, Instant published, Instant fetched) {
        String url = "https://" + outlet + ".example/news/" + slug;
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题 " + slug, url, "记者", outlet, published, fetched,
            "<p>正文 " + slug + "</p>");
        return articles.insert(new ArticleRow(0, outlet, null, null, url, "标题 " + slug, "记者", published, fetched,
            "hash-" + slug, f, outlet + "/" + slug + ".md", true, null, "poll", "live"), fetched);
    }

    @Test
    void listsNewestFirstByPublishedElseFetchedTime() {
        long a = add("rfa", "a", T0, T0.plusSeconds(60));
        long b = add("rfa", "b", null, T0.plusSeconds(3600));        // no published time: its fetch time counts
        long c = add("dw", "c", T0.minusSeconds(3600), T0.plusSeconds(7200));
        var page = reading.list(ListFilter.ALL, 0, 10);
        assertThat(page.items()).extracting(Listed::id).containsExactly(b, a, c);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isFalse();
        Listed first = page.items().get(0);
        assertThat(first.when()).isEqualTo(T0.plusSeconds(3600));
        assertThat(first.outletId()).isEqualTo("rfa");
        assertThat(first.title()).isEqualTo("标题 b");
        assertThat(first.author()).isEqualTo("记者");
        assertThat(first.url()).isEqualTo("https://rfa.example/news/b");
        assertThat(first.status()).isEqualTo("live");
        assertThat(first.bodyKind()).isEqualTo("full");
    }

    @Test
    void filtersByOutletStatusAndTimeWithSinceInclusiveAndUntilExclusive() {
        long a = add("rfa", "a", T0, T0);
        long b = add("rfa", "b", T0.plusSeconds(60), T0.plusSeconds(60));
        long c = add("dw", "c", T0.plusSeconds(120), T0.plusSeconds(120));
        new WatchRepository(db).recordCheck(b, new CheckUpdate("deleted", 2, 0, null, T0, null,
            new StatusEvent(b, T0.plusSeconds(600), "deleted", 404, null, "HTTP 404 (2 consecutive checks)")));

        assertThat(ids(new ListFilter("rfa", null, null, null))).containsExactly(b, a);
        assertThat(ids(new ListFilter("dw", null, null, null))).containsExactly(c);
        assertThat(ids(new ListFilter(null, null, null, "deleted"))).containsExactly(b);
        assertThat(ids(new ListFilter(null, null, null, "live"))).containsExactly(c, a);
        assertThat(ids(new ListFilter("rfa", null, null, "live"))).containsExactly(a);
        assertThat(ids(new ListFilter(null, T0.plusSeconds(60), null, null))).containsExactly(c, b);
        assertThat(ids(new ListFilter(null, null, T0.plusSeconds(60), null))).containsExactly(a);
        assertThat(ids(new ListFilter(null, T0, T0.plusSeconds(120), null))).containsExactly(b, a);
        assertThat(ids(new ListFilter("nobody", null, null, null))).isEmpty();
        assertThat(ids(new ListFilter(null, null, null, "no-such-status"))).isEmpty();
        assertThat(reading.list(null, 0, 10).items()).hasSize(3);
        assertThat(reading.list(new ListFilter("rfa", null, null, null), 0, 10).total()).isEqualTo(2);
    }

    @Test
    void pagesCountTheWholeListingAndClampHostileLimitsAndOffsets() {
        for (int i = 0; i < 7; i++) add(i % 2 == 0 ? "rfa" : "dw", "p" + i, T0.plusSeconds(i), T0.plusSeconds(i));
        var first = reading.list(ListFilter.ALL, 0, 3);
        assertThat(first.items()).hasSize(3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.hasNext()).isTrue();
        assertThat(Reading.totalExact(first)).isTrue();
        var last = reading.list(ListFilter.ALL, 6, 3);
        assertThat(last.items()).extracting(Listed::title).containsExactly("标题 p0");
        assertThat(last.hasNext()).isFalse();
        var rfa = reading.list(new ListFilter("rfa", null, null, null), 2, 3);
        assertThat(rfa.total()).isEqualTo(4);
        assertThat(rfa.items()).extracting(Listed::title).containsExactly("标题 p2", "标题 p0");
        assertThat(reading.list(ListFilter.ALL, 100, 3).items()).isEmpty();
        assertThat(reading.list(ListFilter.ALL, 100, 3).total()).isEqualTo(7);

        var hostile = reading.list(ListFilter.ALL, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertThat(hostile.offset()).isZero();
        assertThat(hostile.limit()).isEqualTo(Reading.MAX_PAGE);
        assertThat(hostile.items()).hasSize(7);
        assertThat(reading.list(ListFilter.ALL, -1, -5).limit()).isEqualTo(Reading.MAX_PAGE);
        assertThat(reading.list(ListFilter.ALL, 0, 0).limit()).isEqualTo(Reading.MAX_PAGE);
        var far = reading.list(new ListFilter("rfa", null, null, null), Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(far.items()).isEmpty();
        assertThat(far.total()).isEqualTo(4);
        assertThat(reading.changes(ChangeFilter.ALL, Integer.MIN_VALUE, Integer.MIN_VALUE).limit())
            .isEqualTo(Reading.MAX_PAGE);
        assertThat(reading.days(null, ZoneOffset.UTC, Integer.MAX_VALUE)).hasSize(1);
        assertThat(reading.days(null, ZoneOffset.UTC, -3)).hasSize(1);
    }

    @Test
    void aTotalBeyondTheCountWindowIsALowerBound() {
        var exact = new Reading.Page<Listed>(List.of(), Reading.COUNT_AHEAD + 20L, 0, 20);
        var bound = new Reading.Page<Listed>(List.of(), Reading.COUNT_AHEAD + 21L, 0, 20);
        assertThat(Reading.totalExact(exact)).isTrue();
        assertThat(Reading.totalExact(bound)).isFalse();
    }

    @Test
    void aDayIsTheDayOfTheGivenZone() {
        // 17:30 UTC on the 20th is 01:30 on the 21st in Beijing; 15:30 UTC is 23:30 there, still the 20th.
        long late = add("rfa", "late", Instant.parse("2024-06-20T17:30:00Z"), T0);
        long evening = add("rfa", "evening", Instant.parse("2024-06-20T15:30:00Z"), T0);
        long early = add("dw", "early", Instant.parse("2024-06-20T00:10:00Z"), T0);
        long before = add("dw", "before", Instant.parse("2024-06-19T15:59:59Z"), T0);

        assertThat(reading.day(LocalDate.parse("2024-06-20"), ZoneOffset.UTC)).extracting(Listed::id)
            .containsExactly(late, evening, early);
        assertThat(reading.day(LocalDate.parse("2024-06-21"), SHANGHAI)).extracting(Listed::id).containsExactly(late);
        assertThat(reading.day(LocalDate.parse("2024-06-20"), SHANGHAI)).extracting(Listed::id)
            .containsExactly(evening, early);
        assertThat(reading.day(LocalDate.parse("2024-06-19"), SHANGHAI)).extracting(Listed::id).containsExactly(before);
        assertThat(reading.day(LocalDate.parse("2024-06-22"), SHANGHAI)).isEmpty();

        assertThat(reading.days(null, SHANGHAI, 10)).containsExactly(
            new Reading.DayCount(LocalDate.parse("2024-06-21"), 1), new Reading.DayCount(LocalDate.parse("2024-06-20"), 2),
            new Reading.DayCount(LocalDate.parse("2024-06-19"), 1));
        assertThat(reading.days(null, ZoneOffset.UTC, 10)).containsExactly(
            new Reading.DayCount(LocalDate.parse("2024-06-20"), 3), new Reading.DayCount(LocalDate.parse("2024-06-19"), 1));
        assertThat(reading.days("dw", SHANGHAI, 10)).containsExactly(
            new Reading.DayCount(LocalDate.parse("2024-06-20"), 1), new Reading.DayCount(LocalDate.parse("2024-06-19"), 1));
        assertThat(reading.days("rfa", SHANGHAI, 1)).containsExactly(new Reading.DayCount(LocalDate.parse("2024-06-21"), 1));
        assertThat(reading.days("nobody", SHANGHAI, 10)).isEmpty();
    }

    @Test
    void aDayIsBounded() {
        for (int i = 0; i < Reading.MAX_DAY + 5; i++) add("rfa", "d" + i, T0.plusSeconds(i), T0);
        List<Listed> day = reading.day(LocalDate.parse("2024-06-20"), ZoneOffset.UTC);
        assertThat(day).hasSize(Reading.MAX_DAY);
        assertThat(day.get(0).title()).isEqualTo("标题 d" + (Reading.MAX_DAY + 4));
        assertThat(reading.days("rfa", ZoneOffset.UTC, 5)).containsExactly(
            new Reading.DayCount(LocalDate.parse("2024-06-20"), Reading.MAX_DAY + 5));
    }

    @Test
    void archivedSinceCountsFetchesPerOutlet() {
        add("rfa", "old", T0.minus(3, ChronoUnit.DAYS), T0.minus(2, ChronoUnit.DAYS));
        add("rfa", "new", T0.minus(3, ChronoUnit.DAYS), T0.plusSeconds(10));   // published long ago, archived today
        add("dw", "new", null, T0.plusSeconds(20));
        add("dw", "newer", null, T0.plusSeconds(30));
        assertThat(reading.archivedSince(T0)).isEqualTo(Map.of("rfa", 1L, "dw", 2L));
        assertThat(reading.archivedSince(T0.plusSeconds(20))).isEqualTo(Map.of("dw", 2L));
        assertThat(reading.archivedSince(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void changesMapTheWatchsEventsToEditsDeletionsAndReturns() {
        WatchRepository watch = new WatchRepository(db);
        long edited = add("rfa", "edited", T0, T0);
        long deleted = add("rfa", "deleted", T0, T0);
        long flaky = add("dw", "flaky", T0, T0);
        long back = add("dw", "back", T0, T0);
        Instant t = T0.plusSeconds(3600);

        edit(edited, t.plusSeconds(1), "revision {n}: text changed");
        check(watch, deleted, t.plusSeconds(2), "deleted", 404, "HTTP 404 (2 consecutive checks)");
        check(watch, flaky, t.plusSeconds(3), "unreachable", 503, "HTTP 503 (3 consecutive checks)");
        check(watch, flaky, t.plusSeconds(4), "live", 200, "reachable again");
        check(watch, flaky, t.plusSeconds(5), "unreachable", null, "timeout (3 consecutive checks)");
        edit(flaky, t.plusSeconds(6), "revision {n}: title changed; reachable again");
        check(watch, back, t.plusSeconds(7), "deleted", 410, "HTTP 410 (1 consecutive check)");
        check(watch, back, t.plusSeconds(8), "live", 200, "back after deletion");
        check(watch, back, t.plusSeconds(9), "deleted", null, "redirected to a home or section page (2 consecutive checks)");
        edit(back, t.plusSeconds(10), "revision {n}: text changed; back after deletion");

        var all = reading.changes(ChangeFilter.ALL, 0, 50);
        assertThat(all.items()).extracting(c -> c.row().event().articleId() + " " + c.kind()).containsExactly(
            back + " RETURNED", back + " DELETED", back + " RETURNED", back + " DELETED", flaky + " EDITED",
            deleted + " DELETED", edited + " EDITED");
        assertThat(all.total()).isEqualTo(7);
        Reading.Change newest = all.items().get(0);
        assertThat(newest.row().event().detail()).isEqualTo("revision 2: text changed; back after deletion");
        assertThat(newest.row().outletId()).isEqualTo("dw");
        assertThat(newest.row().title()).isEqualTo("标题 back edited");
        assertThat(newest.row().url()).isEqualTo("https://dw.example/news/back");
        assertThat(all.items().get(5).row().event().httpStatus()).isEqualTo(404);

        assertThat(kinds(new ChangeFilter(null, Set.of(ChangeKind.DELETED), null, null)))
            .containsExactly(back, back, deleted);
        assertThat(kinds(new ChangeFilter(null, Set.of(ChangeKind.EDITED), null, null))).containsExactly(flaky, edited);
        assertThat(kinds(new ChangeFilter(null, Set.of(ChangeKind.RETURNED), null, null))).containsExactly(back, back);
        assertThat(kinds(new ChangeFilter(null, Set.of(ChangeKind.RETURNED, ChangeKind.EDITED), null, null)))
            .containsExactly(back, back, flaky, edited);
        assertThat(kinds(new ChangeFilter("rfa", null, null, null))).containsExactly(deleted, edited);
        assertThat(kinds(new ChangeFilter("rfa", Set.of(ChangeKind.DELETED), null, null))).containsExactly(deleted);
        assertThat(kinds(new ChangeFilter(null, Set.of(), t.plusSeconds(2), t.plusSeconds(8)))).containsExactly(back, flaky,
            deleted);
        assertThat(kinds(new ChangeFilter("nobody", null, null, null))).isEmpty();

        var page = reading.changes(new ChangeFilter(null, Set.of(ChangeKind.DELETED), null, null), 1, 1);
        assertThat(page.items()).hasSize(1);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void theArticleComesWithItsSightingsVersionsAndEvents() {
        long id = add("rfa", "full", T0, T0);
        articles.addSighting(id, "dw", null, "https://mirror.example/copy", "content", T0.plusSeconds(5));
        edit(id, T0.plusSeconds(60), "revision {n}: text changed");
        new WatchRepository(db).recordCheck(id, new CheckUpdate("deleted", 2, 0, null, T0, null,
            new StatusEvent(id, T0.plusSeconds(120), "deleted", 404, null, "HTTP 404")));

        Reading.Detail d = reading.article(id).orElseThrow();
        assertThat(d.row().title()).isEqualTo("标题 full edited");
        assertThat(d.row().status()).isEqualTo("deleted");
        assertThat(d.sightings()).extracting(ArticleRepository.Sighting::url)
            .containsExactly("https://rfa.example/news/full", "https://mirror.example/copy");
        assertThat(d.revisions()).extracting(r -> r.revision().n()).containsExactly(1, 2);
        assertThat(d.revisions().get(0).file().bodyHtml()).contains("正文 full");
        assertThat(d.revisions().get(1).file().bodyHtml()).contains("改过");
        assertThat(d.events()).extracting(StatusEvent::status).containsExactly("edited", "deleted");
        assertThat(reading.article(id + 1000)).isEmpty();
    }

    @Test
    void findsTheArticleByAnyUrlItWasSeenUnderInAnyEquivalentForm() {
        long id = add("rfa", "url", T0, T0);
        articles.addSighting(id, "dw", null, "https://mirror.example/copy?id=7", "content", T0.plusSeconds(5));
        assertThat(reading.idOf("https://rfa.example/news/url")).contains(id);
        assertThat(reading.idOf("  http://RFA.example:80/news/url?utm_source=x&fbclid=y#top ")).contains(id);
        assertThat(reading.idOf("https://rfa.example/news/./url")).contains(id);
        assertThat(reading.idOf("http://mirror.example/copy?id=7&utm_medium=email")).contains(id);
        assertThat(reading.idOf("https://rfa.example/news/other")).isEmpty();
        assertThat(reading.idOf("not a url")).isEmpty();
        assertThat(reading.idOf("")).isEmpty();
        assertThat(reading.idOf(null)).isEmpty();
        assertThat(reading.idOf("https://rfa.example/" + "x".repeat(20_000))).isEmpty();
    }

    @Test
    void everyListingReadsOneIndexInItsOwnOrder() {
        org.junit.jupiter.api.Assumptions.assumeTrue(vendor() == Vendor.H2, "reads H2's plan text");
        add("rfa", "a", T0, T0);
        for (ListFilter f : List.of(ListFilter.ALL, new ListFilter("rfa", null, null, null),
            new ListFilter(null, null, null, "deleted"), new ListFilter(null, T0, T0.plusSeconds(1), null),
            new ListFilter("rfa", T0, null, "live"))) {
            String plan = db.read(c -> {
                try (var ps = c.prepareStatement("EXPLAIN " + Reading.pageSql(f))) {
                    Sql.bind(ps, Reading.query(f).args().toArray());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
            assertThat(plan).as(f.toString()).contains("index sorted").containsPattern("ARTICLE_(OUTLET_|STATUS_)?LISTED");
        }
    }

    private void edit(long id, Instant at, String detail) {
        ArticleRow a = articles.find(id).orElseThrow();
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, a.title() + " edited", a.file().url(), "记者", a.outletId(),
            a.publishedAt(), a.fetchedAt(), "<p>改过的正文 " + at + "</p>");
        new RevisionRepository(db).recordEdit(new NewRevision(id, at, f.title(), "hash-" + at, null, f,
            n -> a.filePath() + "." + n, null, null, new StatusEvent(id, at, "edited", 200, a.file().url(), detail)), at);
    }

    private static void check(WatchRepository watch, long id, Instant at, String status, Integer http, String detail) {
        watch.recordCheck(id, new CheckUpdate(status, 0, 0, null, at, null, new StatusEvent(id, at, status, http, null,
            detail)));
    }

    private List<Long> ids(ListFilter f) {
        return reading.list(f, 0, 50).items().stream().map(Listed::id).toList();
    }

    private List<Long> kinds(ChangeFilter f) {
        return reading.changes(f, 0, 50).items().stream().map(c -> c.row().event().articleId()).toList();
    }
}
