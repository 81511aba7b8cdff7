package org.newsvault.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.newsvault.model.Urls;

/**
 * The archive as its readers see it: the queries behind the reading room's pages, its feeds out and the CLI's
 * {@code list} and {@code show}. Read-only; every limit is bounded by the caller's page size (at most
 * {@link #MAX_PAGE}). The article's own parts (row, sightings, revisions, status events) come from
 * {@link ArticleRepository}, {@link RevisionRepository} and {@link WatchRepository}; {@link #article} gathers them.
 *
 * <p>Every query reads an index in its order (V8: {@code listed_at} per outlet, per status and overall), so a
 * page costs the same on a million articles as on a hundred. Totals are counted only as far as
 * {@link #COUNT_AHEAD} matches past the page: counting a whole outlet of a million articles takes a second
 * in H2, and no reader pages that far; {@link #totalExact} tells a caller which it got. Standard SQL apart
 * from {@code LIMIT}/{@code OFFSET}, which PostgreSQL reads alike.
 */
public final class Reading {
    /** The largest page any caller may ask for (hostile {@code ?limit=} values are clamped to it). */
    public static final int MAX_PAGE = 200;

    /** How many matches past a page's end a total counts at most (see {@link #totalExact}). */
    public static final int COUNT_AHEAD = 2_000;

    /** The most articles {@link #day} returns. */
    public static final int MAX_DAY = MAX_PAGE * 10;

    /** One article in a listing. {@code when} is its published time, or its fetch time when it has none. */
    public record Listed(long id, String outletId, String title, String author, Instant when, Instant fetchedAt,
                         String url, String status, String bodyKind) {}

    /**
     * A page of a listing: {@code total} matches in all, these {@code items} from {@code offset}. A filtered total
     * is counted up to {@link #COUNT_AHEAD} past the page; beyond that it is a lower bound ({@link #totalExact}).
     */
    public record Page<T>(List<T> items, long total, int offset, int limit) {
        public boolean hasNext() {
            return offset + items.size() < total;
        }
    }

    /**
     * What a listing selects: null fields select everything. {@code since} inclusive, {@code until} exclusive,
     * both on {@link Listed#when}; {@code status} is the article status ({@code live}, {@code edited},
     * {@code deleted}, …) or null.
     */
    public record ListFilter(String outletId, Instant since, Instant until, String status) {
        public static final ListFilter ALL = new ListFilter(null, null, null, null);
    }

    /** Articles of one day, and their number. */
    public record DayCount(LocalDate day, long articles) {}

    /**
     * What the censorship watch lists. The watch records four statuses ({@link org.newsvault.model.ArticleStatus}):
     * {@code unreachable} (no usable answer: timeouts, 5xx) is not a change of the article and is not listed,
     * nor is the event that ends it ({@code reachable again}) unless that check also found a new version.
     */
    public enum ChangeKind {
        /** A new version was recorded: status event {@code edited} naming its revision ({@code revision N: …}). */
        EDITED,
        /** The page is gone: status event {@code deleted} (404/410/451, a redirect away, a page without the article). */
        DELETED,
        /**
         * A deleted article came back: the event after a {@code deleted} one, status {@code live}, or {@code edited}
         * when it came back changed (that new version is then listed as this return, its detail names the revision).
         */
        RETURNED
    }

    /** Which changes: null or empty fields select everything; {@code since} inclusive, {@code until} exclusive. */
    public record ChangeFilter(String outletId, Set<ChangeKind> kinds, Instant since, Instant until) {
        public static final ChangeFilter ALL = new ChangeFilter(null, Set.of(), null, null);
    }

    /** One change with its kind. */
    public record Change(ChangeKind kind, ChangeRow row) {}

    /** Everything the article page shows. */
    public record Detail(ArticleRow row, List<ArticleRepository.Sighting> sightings, List<RevisionRow> revisions,
                         List<StatusEvent> events) {}

    private static final String LISTED = "SELECT id, outlet_id, title, author, listed_at, fetched_at, file_url, status,"
        + " body_kind FROM article";

    /**
     * The kind of each status event, in SQL so that a filter by kind pages in the database. A return is
     * recognised by the event before it, not by its wording; an edit by the revision its detail names (the
     * form {@link RevisionRepository#recordEdit} writes), which is what tells it from a mere "reachable again".
     */
    private static final String KIND = "CASE WHEN e.status = 'deleted' THEN 'DELETED'"
        + " WHEN e.status IN ('live', 'edited') AND (SELECT p.status FROM status_event p WHERE p.article_id = e.article_id"
        + " AND (p.at < e.at OR (p.at = e.at AND p.id < e.id)) ORDER BY p.at DESC, p.id DESC LIMIT 1) = 'deleted'"
        + " THEN 'RETURNED'"
        + " WHEN e.status = 'edited' AND e.detail LIKE 'revision %' THEN 'EDITED' END";

    /** Later than any article's time (see {@link #query}). */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final Database db;

    public Reading(Database db) {
        this.db = db;
    }

    /** {@code limit} within 1..{@link #MAX_PAGE} (a hostile or missing limit gives a full page, never more). */
    public static int clampLimit(int limit) {
        return limit <= 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE);
    }

    /** {@code offset}, at least 0. */
    public static int clampOffset(int offset) {
        return Math.max(0, offset);
    }

    /**
     * True when {@code page.total()} is the exact number of matches; otherwise there are at least that many
     * (counting stopped {@link #COUNT_AHEAD} past the page).
     */
    public static boolean totalExact(Page<?> page) {
        return page.total() <= (long) page.offset() + page.limit() + COUNT_AHEAD;
    }

    /** Newest first (by {@link Listed#when}, then id). */
    public Page<Listed> list(ListFilter filter, int offset, int limit) {
        ListFilter f = filter == null ? ListFilter.ALL : filter;
        int off = clampOffset(offset);
        int lim = clampLimit(limit);
        Query q = query(f);
        boolean unfiltered = f.outletId() == null && f.status() == null && f.since() == null && f.until() == null;
        return db.read(c -> {
            List<Listed> items = new ArrayList<>();
            List<Object> pageArgs = new ArrayList<>(q.args());
            pageArgs.add(lim);
            pageArgs.add(off);
            try (var ps = c.prepareStatement(LISTED + q.where() + q.order() + " LIMIT ? OFFSET ?")) {
                Sql.bind(ps, pageArgs.toArray());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) items.add(listed(rs));
                }
            }
            long total;
            if (unfiltered) {
                total = count(c, "SELECT COUNT(*) FROM article", List.of());
            } else {
                List<Object> countArgs = new ArrayList<>(q.args());
                countArgs.add((long) off + lim + COUNT_AHEAD + 1);
                // No ORDER BY: any index that finds the matches will do to count them, and with one H2 would sort.
                total = count(c, "SELECT COUNT(*) FROM (SELECT id FROM article" + q.where() + " LIMIT ?) t", countArgs);
            }
            return new Page<>(items, total, off, lim);
        });
    }

    /** A listing's WHERE and ORDER BY and the values they bind. */
    record Query(String where, String order, List<Object> args) {}

    static Query query(ListFilter f) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.outletId() != null) {
            where.append(" AND outlet_id = ?");
            args.add(f.outletId());
        }
        if (f.status() != null) {
            where.append(" AND status = ?");
            args.add(f.status());
        }
        if (f.since() != null) {
            where.append(" AND listed_at >= ?");
            args.add(f.since());
        }
        if (f.until() != null) {
            where.append(" AND listed_at < ?");
            args.add(f.until());
        } else if (f.outletId() != null) {
            // A bound no article reaches, so that H2 sees a condition on both columns of the outlet's listing
            // index: on outlet_id alone it rates the outlet key's own index as good and sorts the outlet.
            where.append(" AND listed_at < ?");
            args.add(END_OF_TIME);
        }
        // The equality column leads the ORDER BY: only then does H2 see that the index is in the page's order
        // and read one page of it rather than sort every match.
        String order = f.outletId() != null ? " ORDER BY outlet_id, listed_at DESC, id DESC"
            : f.status() != null ? " ORDER BY status, listed_at DESC, id DESC"
            : " ORDER BY listed_at DESC, id DESC";
        return new Query(where.toString(), order, args);
    }

    /** The page query of {@link #list} (tests read its plan). */
    static String pageSql(ListFilter f) {
        Query q = query(f);
        return LISTED + q.where() + q.order() + " LIMIT 50 OFFSET 0";
    }

    /** Every article whose {@link Listed#when} falls on {@code day} in {@code zone}, newest first, at most {@link #MAX_PAGE} × 10. */
    public List<Listed> day(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return db.read(c -> {
            List<Listed> out = new ArrayList<>();
            try (var ps = c.prepareStatement(LISTED + " WHERE listed_at >= ? AND listed_at < ?"
                + " ORDER BY listed_at DESC, id DESC LIMIT ?")) {
                Sql.bind(ps, from, to, MAX_DAY);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(listed(rs));
                }
            }
            return out;
        });
    }

    /**
     * The days with articles of one outlet (all outlets when null), newest first, with their counts, at most
     * {@code limit}. Walks back a day at a time (the newest article before the day found last, then that day's
     * count), two index reads per day, instead of grouping the whole archive by day.
     */
    public List<DayCount> days(String outletId, ZoneId zone, int limit) {
        int lim = clampLimit(limit);
        String outlet = outletId == null ? "" : " AND outlet_id = ?";
        String order = outletId == null ? " ORDER BY listed_at DESC, id DESC" : " ORDER BY outlet_id, listed_at DESC, id DESC";
        return db.read(c -> {
            List<DayCount> out = new ArrayList<>();
            try (var newest = c.prepareStatement("SELECT listed_at FROM article WHERE listed_at < ?" + outlet + order
                     + " LIMIT 1");
                 var count = c.prepareStatement("SELECT COUNT(*) FROM article WHERE listed_at >= ? AND listed_at < ?"
                     + outlet)) {
                Instant before = END_OF_TIME;
                while (out.size() < lim) {
                    Sql.bind(newest, outletId == null ? new Object[] {before} : new Object[] {before, outletId});
                    Instant t;
                    try (var rs = newest.executeQuery()) {
                        if (!rs.next()) break;
                        t = Sql.instant(rs, "listed_at");
                    }
                    LocalDate d = t.atZone(zone).toLocalDate();
                    Instant from = d.atStartOfDay(zone).toInstant();
                    Instant to = d.plusDays(1).atStartOfDay(zone).toInstant();
                    Sql.bind(count, outletId == null ? new Object[] {from, to} : new Object[] {from, to, outletId});
                    try (var rs = count.executeQuery()) {
                        rs.next();
                        out.add(new DayCount(d, rs.getLong(1)));
                    }
                    before = from;
                }
            }
            return out;
        });
    }

    /** Articles archived (fetched) since {@code since}, per outlet id: the home page's "today". */
    public Map<String, Long> archivedSince(Instant since) {
        return db.read(c -> {
            Map<String, Long> out = new TreeMap<>();
            try (var ps = c.prepareStatement("SELECT outlet_id, COUNT(*) FROM article WHERE fetched_at >= ?"
                + " GROUP BY outlet_id")) {
                Sql.bind(ps, since == null ? Instant.EPOCH : since);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** Newest first (by the event's time). */
    public Page<Change> changes(ChangeFilter filter, int offset, int limit) {
        ChangeFilter f = filter == null ? ChangeFilter.ALL : filter;
        int off = clampOffset(offset);
        int lim = clampLimit(limit);
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.outletId() != null) {
            where.append(" AND a.outlet_id = ?");
            args.add(f.outletId());
        }
        if (f.since() != null) {
            where.append(" AND e.at >= ?");
            args.add(f.since());
        }
        if (f.until() != null) {
            where.append(" AND e.at < ?");
            args.add(f.until());
        }
        Set<ChangeKind> kinds = f.kinds() == null || f.kinds().isEmpty() ? EnumSet.allOf(ChangeKind.class)
            : EnumSet.copyOf(f.kinds());
        StringBuilder kindIn = new StringBuilder(" AND " + KIND + " IN (");
        for (ChangeKind k : kinds) {
            kindIn.append(kindIn.charAt(kindIn.length() - 1) == '(' ? "?" : ", ?");
            args.add(k.name());
        }
        kindIn.append(")");
        // The kind is a condition on each event, not a column of a derived table: H2 then walks status_event_at
        // newest first and stops at the page's end instead of classifying and sorting every event.
        String from = " FROM status_event e JOIN article a ON a.id = e.article_id" + where + kindIn;
        return db.read(c -> {
            List<Change> items = new ArrayList<>();
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(lim);
            pageArgs.add(off);
            try (var ps = c.prepareStatement("SELECT e.id AS event_id, e.article_id, e.at, e.status, e.http_status,"
                + " e.final_url, e.detail, a.outlet_id, a.title AS article_title, a.file_url, " + KIND + " AS kind" + from
                + " ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?")) {
                Sql.bind(ps, pageArgs.toArray());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int http = rs.getInt("http_status");
                        Integer httpStatus = rs.wasNull() ? null : http;
                        StatusEvent e = new StatusEvent(rs.getLong("article_id"), Sql.instant(rs, "at"),
                            rs.getString("status"), httpStatus, rs.getString("final_url"), rs.getString("detail"));
                        items.add(new Change(ChangeKind.valueOf(rs.getString("kind")), new ChangeRow(e,
                            rs.getString("outlet_id"), rs.getString("article_title"), rs.getString("file_url"))));
                    }
                }
            }
            List<Object> countArgs = new ArrayList<>(args);
            countArgs.add((long) off + lim + COUNT_AHEAD + 1);
            long total = count(c, "SELECT COUNT(*) FROM (SELECT e.id" + from + " LIMIT ?) t", countArgs);
            return new Page<>(items, total, off, lim);
        });
    }

    /** The article with its sightings, revisions (oldest first) and status events (oldest first). */
    public Optional<Detail> article(long id) {
        Optional<ArticleRow> row = new ArticleRepository(db).find(id);
        if (row.isEmpty()) return Optional.empty();
        return Optional.of(new Detail(row.get(), new ArticleRepository(db).sightings(id), new RevisionRepository(db).rows(id),
            new WatchRepository(db).events(id)));
    }

    /**
     * The article archived under {@code url} (any URL it was seen under, compared canonically): the URL as
     * given, then its canonical form ({@code http} for {@code https}, tracking parameters, fragment and host
     * case do not matter). Not a URL at all: empty.
     */
    public Optional<Long> idOf(String url) {
        if (url == null || url.isBlank() || url.length() > Columns.URL * 4) return Optional.empty();
        String given = url.strip();
        List<String> forms = new ArrayList<>();
        forms.add(given);
        try {
            String canonical = Urls.canonical(given);
            if (!forms.contains(canonical)) forms.add(canonical);
            String whatwg = Urls.whatwg(given);
            if (!forms.contains(whatwg)) forms.add(whatwg);
        } catch (IllegalArgumentException notAUrl) {
            // only the text as given can match
        }
        return db.read(c -> {
            for (String u : forms) {
                if (!Columns.fits(u, Columns.URL)) continue;
                for (String sql : new String[] {"SELECT article_id FROM sighting WHERE url = ? ORDER BY id LIMIT 1",
                    "SELECT id FROM article WHERE canonical_url = ?"}) {
                    try (var ps = c.prepareStatement(sql)) {
                        Sql.bind(ps, u);
                        try (var rs = ps.executeQuery()) {
                            if (rs.next()) return Optional.of(rs.getLong(1));
                        }
                    }
                }
            }
            return Optional.<Long>empty();
        });
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        return new Listed(rs.getLong("id"), rs.getString("outlet_id"), rs.getString("title"), rs.getString("author"),
            Sql.instant(rs, "listed_at"), Sql.instant(rs, "fetched_at"), rs.getString("file_url"), rs.getString("status"),
            rs.getString("body_kind"));
    }

    private static long count(Connection c, String sql, List<Object> args) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args.toArray());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
