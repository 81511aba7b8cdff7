// What a page of the reading room costs on a large archive: the store's read side (store.Reading) alone, no
// HTTP, no templates. Runs against a newsvault jar:
//   java -cp target/newsvault.jar bench/ReadingPages.java [ARTICLES] [EVENTS]
// Fills a fresh database with ARTICLES articles (default 1,000,000) over 20 outlets, half of them in one, one
// every 30 s, by SQL (seconds, no files), and EVENTS status events (default 20,000: edits, deletions, returns,
// outages), then times each query of the pages (home, outlet, day, changes, article, URL lookup) REPEAT times
// with varying arguments and prints the median and p95 in milliseconds.
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.newsvault.store.Database;
import org.newsvault.store.OutletRepository;
import org.newsvault.store.Reading;

public class ReadingPages {
    static final int REPEAT = 200;

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long events = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        Path dir = Files.createTempDirectory("reading-pages");
        try (Database db = Database.open(dir)) {
            var outlets = new OutletRepository(db);
            for (int i = 0; i < 20; i++) outlets.upsert("o" + i, "Outlet " + i);
            long t0 = System.nanoTime();
            db.read(c -> {
                try (var st = c.createStatement()) {
                    // outlet o0 has half the articles; every 7th has no published time (its fetch time counts)
                    st.executeUpdate("INSERT INTO article (outlet_id, guid, canonical_url, title, author, published_at,"
                        + " fetched_at, content_hash, variant, stamp, file_title, file_url, body, file_path, file_written,"
                        + " source, status, created_at)"
                        + " SELECT CASE WHEN MOD(X, 2) = 0 THEN 'o0' ELSE 'o' || MOD(X, 19) + 1 END,"
                        + " 'https://bench.invalid/' || X, 'https://bench.invalid/' || X, '存档文章 ' || X, '记者',"
                        + " CASE WHEN MOD(X, 7) = 0 THEN NULL ELSE TIMESTAMP WITH TIME ZONE '2015-01-01 00:00:00Z' + X * INTERVAL '30' SECOND END,"
                        + " TIMESTAMP WITH TIME ZONE '2015-01-01 00:00:00Z' + X * INTERVAL '30' SECOND + INTERVAL '5' MINUTE,"
                        + " LPAD(CAST(X AS VARCHAR), 64, '0'), 'PLAIN', 'NaN', '存档文章 ' || X, 'https://bench.invalid/' || X,"
                        + " '<p>存档正文 ' || X || '</p>', 'o/' || X || '.md', TRUE, 'poll', 'live', CURRENT_TIMESTAMP"
                        + " FROM SYSTEM_RANGE(1, " + n + ")");
                    st.executeUpdate("INSERT INTO sighting (article_id, outlet_id, url, reason, seen_at)"
                        + " SELECT id, outlet_id, canonical_url, 'self', fetched_at FROM article");
                    // events on articles spread over the archive: an edit, a deletion, a return, an outage in turn
                    st.executeUpdate("INSERT INTO status_event (article_id, at, status, http_status, detail)"
                        + " SELECT MOD(X * 7919, " + n + ") + 1, TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00Z' + X * INTERVAL '60' SECOND,"
                        + " CASE MOD(X, 4) WHEN 0 THEN 'edited' WHEN 1 THEN 'deleted' WHEN 2 THEN 'live' ELSE 'unreachable' END,"
                        + " 200, CASE MOD(X, 4) WHEN 0 THEN 'revision 2: text changed' ELSE 'HTTP 404' END"
                        + " FROM SYSTEM_RANGE(1, " + events + ")");
                    st.executeUpdate("UPDATE article SET status = 'deleted' WHERE id IN (SELECT article_id FROM status_event"
                        + " WHERE status = 'deleted')");
                }
                return null;
            });
            System.out.printf("filled %,d articles and %,d events in %.1f s%n", n, events, (System.nanoTime() - t0) / 1e9);
            Reading r = new Reading(db);
            if (System.getenv("EXPLAIN") != null) {
                db.read(c -> {
                    for (String q : new String[] {
                        "SELECT id FROM article WHERE 1=1 AND outlet_id = 'o0' AND listed_at < TIMESTAMP WITH TIME ZONE '9999-12-31 00:00:00Z' ORDER BY outlet_id, listed_at DESC, id DESC LIMIT 50 OFFSET 500",
                        "SELECT COUNT(*) FROM (SELECT id FROM article WHERE 1=1 AND outlet_id = 'o0' AND listed_at < TIMESTAMP WITH TIME ZONE '9999-12-31 00:00:00Z' ORDER BY outlet_id, listed_at DESC, id DESC LIMIT 10551) t"}) {
                        try (var st = c.createStatement(); var rs = st.executeQuery("EXPLAIN " + q)) {
                            rs.next();
                            System.out.println(rs.getString(1).replace('\n', ' '));
                        }
                        long t = System.nanoTime();
                        try (var st = c.createStatement(); var rs = st.executeQuery(q)) {
                            while (rs.next()) { }
                        }
                        System.out.printf("  %.1f ms%n", (System.nanoTime() - t) / 1e6);
                    }
                    return null;
                });
            }
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            LocalDate last = Instant.parse("2015-01-01T00:00:00Z").plusSeconds(30 * n).atZone(zone).toLocalDate();
            // Arguments differ at every call: H2 hands back a stored result for a query it ran with the same ones.
            time("home: newest 50 of all (offset i)", i -> r.list(Reading.ListFilter.ALL, i, 50));
            time("outlet o0 (half the archive), page i", i -> r.list(new Reading.ListFilter("o0", null, null, null), 50 * i, 50));
            time("outlet o7 (1/38 of it), page i", i -> r.list(new Reading.ListFilter("o7", null, null, null), 50 * (i % 400), 50));
            time("outlet o0, deep page (offset 100,000 + i)", i -> r.list(new Reading.ListFilter("o0", null, null, null), 100_000 + i, 50));
            time("status deleted, offset i", i -> r.list(new Reading.ListFilter(null, null, null, "deleted"), i, 50));
            time("o0 since a date, page 1", i -> r.list(new Reading.ListFilter("o0",
                Instant.parse("2015-01-01T00:00:00Z").plusSeconds(3_600L * i), null, null), 0, 50));
            time("day digest (2,880 articles, capped at 2,000)", i -> r.day(last.minusDays(1 + i % 300), zone));
            time("days of o0, newest 30", i -> r.days("o0", java.time.ZoneOffset.ofTotalSeconds((i * 60) % 50_400), 30));
            time("days of all, newest 30", i -> r.days(null, java.time.ZoneOffset.ofTotalSeconds((i * 60) % 50_400), 30));
            time("archived since (today's counts)", i -> r.archivedSince(Instant.parse("2015-01-01T00:00:00Z")
                .plusSeconds(30 * n - 86_400 + i)));
            time("changes, all kinds, offset i", i -> r.changes(Reading.ChangeFilter.ALL, i, 50));
            time("changes, deletions only, offset i", i -> r.changes(new Reading.ChangeFilter(null,
                Set.of(Reading.ChangeKind.DELETED), null, null), i, 50));
            time("changes of o3, offset i", i -> r.changes(new Reading.ChangeFilter("o3", Set.of(), null, null), i % 500, 50));
            time("article detail", i -> r.article(1 + (i * 4099L) % n));
            time("URL lookup (non-canonical form)", i -> r.idOf("http://bench.invalid/" + (1 + (i * 4099L) % n) + "?utm_source=x"));
        }
    }

    static void time(String what, IntConsumer q) {
        for (int i = 0; i < 20; i++) q.accept(REPEAT + i);
        double[] ms = new double[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            long t = System.nanoTime();
            q.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-48s median %7.2f ms   p95 %7.2f ms%n", what, ms[REPEAT / 2], ms[(int) (REPEAT * 0.95)]);
    }
}
