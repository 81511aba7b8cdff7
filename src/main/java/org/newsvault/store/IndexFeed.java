package org.newsvault.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a follower of the archive (the search index) needs to keep up: the three append-only tables that every
 * change of an article leaves a row in — {@code article} (archived), {@code revision} (edited, superseded by
 * the own site) and {@code status_event} (deleted, returned, …) — read by id after a watermark.
 *
 * <p>Ids are handed out at insert but rows become visible at commit, so a row can appear below an id already
 * seen. A watermark therefore only moves past rows older than {@link #SETTLE}: the newer ones are read again
 * by the next pass (the follower skips those it has seen). No archiving transaction stays open that long.
 * Whatever process wrote the row — the daemon, an import through it, another node — the follower sees it.
 */
public final class IndexFeed {
    /** How long after its insert a row is surely committed, if it ever is. */
    public static final Duration SETTLE = Duration.ofMinutes(2);

    /** How far a follower has read each table: every row with an id at or below these, and older than SETTLE. */
    public record Marks(long article, long revision, long event) {
        public static final Marks NONE = new Marks(0, 0, 0);

        /** {@code a.b.c}: what the index stores with its commits. */
        public String encode() {
            return article + "." + revision + "." + event;
        }

        /** {@link #NONE} for an empty or foreign note (then everything is read again, which is always safe). */
        public static Marks decode(String s) {
            try {
                String[] p = s.split("\\.");
                if (p.length != 3) return NONE;
                return new Marks(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
            } catch (RuntimeException e) {
                return NONE;
            }
        }
    }

    /** One row after a watermark: the article it concerns, and whether it is old enough to move the mark past. */
    public record Touch(long id, long articleId, boolean settled) {}

    /** Rows after the marks, per table, oldest id first, at most {@code limit} each. */
    public record Touches(List<Touch> articles, List<Touch> revisions, List<Touch> events) {
        public boolean full(int limit) {
            return articles.size() >= limit || revisions.size() >= limit || events.size() >= limit;
        }
    }

    private final Database db;

    public IndexFeed(Database db) {
        this.db = db;
    }

    /** The highest id of each table now: a rebuild that reads every article after this has seen all of them. */
    public Marks current() {
        return db.read(c -> new Marks(max(c, "article"), max(c, "revision"), max(c, "status_event")));
    }

    private static long max(Connection c, String table) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows after {@code m}, at most {@code limit} per table; {@code now} decides which are settled. */
    public Touches after(Marks m, int limit, Instant now) {
        Instant settledBefore = now.minus(SETTLE);
        return db.read(c -> new Touches(
            touches(c, "SELECT id, id AS article_id, created_at AS at FROM article WHERE id > ? ORDER BY id LIMIT ?",
                m.article(), limit, settledBefore),
            touches(c, "SELECT id, article_id, created_at AS at FROM revision WHERE id > ? ORDER BY id LIMIT ?",
                m.revision(), limit, settledBefore),
            touches(c, "SELECT id, article_id, at FROM status_event WHERE id > ? ORDER BY id LIMIT ?",
                m.event(), limit, settledBefore)));
    }

    private static List<Touch> touches(Connection c, String sql, long after, int limit, Instant settledBefore)
        throws SQLException {
        List<Touch> out = new ArrayList<>();
        try (var ps = c.prepareStatement(sql)) {
            Sql.bind(ps, after, limit);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = Sql.instant(rs, "at");
                    out.add(new Touch(rs.getLong("id"), rs.getLong("article_id"), at != null && at.isBefore(settledBefore)));
                }
            }
        }
        return out;
    }

    /** What the index keeps of one article: its row and every URL it was seen under (the canonical one first). */
    public record Indexable(ArticleRow row, List<String> urls) {}

    /** The articles with these ids as they are now (ids not found are left out), in the order given. */
    public List<Indexable> load(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(c -> {
            Map<Long, ArticleRow> rows = new LinkedHashMap<>();
            Object[] array = ids.toArray();
            try (var ps = c.prepareStatement("SELECT " + ArticleRepository.COLUMNS + " FROM article WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("BIGINT", array));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ArticleRow r = ArticleRepository.map(rs);
                        rows.put(r.id(), r);
                    }
                }
            }
            Map<Long, List<String>> urls = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT article_id, url FROM sighting WHERE article_id = ANY(?) ORDER BY id")) {
                ps.setArray(1, c.createArrayOf("BIGINT", array));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) urls.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<Indexable> out = new ArrayList<>(rows.size());
            for (Long id : ids) {
                ArticleRow r = rows.get(id);
                if (r == null) continue;
                List<String> u = new ArrayList<>();
                if (r.canonicalUrl() != null) u.add(r.canonicalUrl());
                for (String s : urls.getOrDefault(id, List.of())) if (!u.contains(s)) u.add(s);
                out.add(new Indexable(r, u));
            }
            return out;
        });
    }

    /** Every article, by id, in batches of {@code batch} (a rebuild: constant memory, one short read per batch). */
    public void all(int batch, Consumer<List<Indexable>> sink) {
        long after = 0;
        while (true) {
            long from = after;
            List<Long> ids = db.read(c -> {
                List<Long> out = new ArrayList<>();
                try (var ps = c.prepareStatement("SELECT id FROM article WHERE id > ? ORDER BY id LIMIT ?")) {
                    Sql.bind(ps, from, batch);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) out.add(rs.getLong(1));
                    }
                }
                return out;
            });
            if (ids.isEmpty()) return;
            sink.accept(load(ids));
            after = ids.get(ids.size() - 1);
        }
    }
}
