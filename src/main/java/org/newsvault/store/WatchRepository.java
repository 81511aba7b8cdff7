package org.newsvault.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-check state of articles and their status events. Finding due articles is one range scan of the
 * {@code next_recheck_at} index, so its cost does not grow with the archive. Thread-safe.
 */
public final class WatchRepository {
    private final Database db;

    public WatchRepository(Database db) {
        this.db = db;
    }

    /** Ids of articles due at {@code now}, most overdue first. */
    public List<Long> due(Instant now, String outletId, int limit) {
        String sql = "SELECT id FROM article WHERE next_recheck_at <= ?" + (outletId == null ? "" : " AND outlet_id = ?")
            + " ORDER BY next_recheck_at, id LIMIT ?";
        return ids(sql, outletId == null ? new Object[] {now, limit} : new Object[] {now, outletId, limit});
    }

    /** Ids of all articles (of one outlet, or all when null) after {@code afterId}, in id order: a page of a full pass. */
    public List<Long> after(long afterId, String outletId, int limit) {
        String sql = "SELECT id FROM article WHERE id > ?" + (outletId == null ? "" : " AND outlet_id = ?")
            + " ORDER BY id LIMIT ?";
        return ids(sql, outletId == null ? new Object[] {afterId, limit} : new Object[] {afterId, outletId, limit});
    }

    /**
     * How many articles {@link #due} or (with {@code due} null) {@link #after} would list in a whole pass: the total
     * of a re-check's progress bar. Due ones: the count of the {@code next_recheck_at} index range, not of the archive.
     */
    public long count(Instant due, String outletId) {
        String sql = "SELECT COUNT(*) FROM article WHERE " + (due == null ? "1=1" : "next_recheck_at <= ?")
            + (outletId == null ? "" : " AND outlet_id = ?");
        List<Object> args = new ArrayList<>();
        if (due != null) args.add(due);
        if (outletId != null) args.add(outletId);
        return db.read(c -> {
            try (var ps = c.prepareStatement(sql)) {
                Sql.bind(ps, args.toArray());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<WatchState> state(long articleId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM article WHERE id = ?")) {
                Sql.bind(ps, articleId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new WatchState(ArticleRepository.map(rs), Sql.instant(rs, "next_recheck_at"),
                        Sql.instant(rs, "last_checked_at"), Sql.longOrNull(rs, "watch_original_id"),
                        rs.getInt("watch_misses"), rs.getInt("watch_failures"), Sql.instant(rs, "unlisted_at"),
                        rs.getString("unlisted_from")));
                }
            }
        });
    }

    /**
     * Records that the article's entry vanished from {@code feedUrl} and makes it due for a re-check now
     * (also when its schedule had ended). A deleted article is left alone.
     */
    public void recordUnlisted(long articleId, String feedUrl, Instant at) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET unlisted_at = ?, unlisted_from = ?,"
                + " next_recheck_at = LEAST(COALESCE(next_recheck_at, ?), ?) WHERE id = ? AND status <> 'deleted'")) {
                Sql.bind(ps, at, feedUrl, at, at, articleId);
                return ps.executeUpdate();
            }
        });
    }

    /** Entries listed again (by canonical URL) are no longer missing from any feed. */
    public void clearUnlisted(java.util.Collection<String> canonicalUrls) {
        if (canonicalUrls.isEmpty()) return;
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET unlisted_at = NULL, unlisted_from = NULL"
                + " WHERE unlisted_at IS NOT NULL AND id IN (SELECT article_id FROM sighting WHERE url = ANY(?))")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", canonicalUrls.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** Stores a check's outcome (and its status event, if any) in one transaction. */
    public void recordCheck(long articleId, CheckUpdate u) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET status = ?, watch_misses = ?, watch_failures = ?,"
                + " watch_original_id = COALESCE(?, watch_original_id), last_checked_at = ?, next_recheck_at = ? WHERE id = ?")) {
                Sql.bind(ps, u.status(), u.misses(), u.failures(), u.watchOriginalId(), u.checkedAt(), u.nextRecheckAt(),
                    articleId);
                ps.executeUpdate();
            }
            if (u.event() != null) insertEvent(c, u.event());
            return null;
        });
    }

    /** Sets when the article is next due (null: never on schedule). */
    public void reschedule(long articleId, Instant next) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET next_recheck_at = ? WHERE id = ?")) {
                Sql.bind(ps, next, articleId);
                return ps.executeUpdate();
            }
        });
    }

    /** Status events, newest first, with the article's outlet, title and URL. */
    public List<ChangeRow> changes(Instant since, String outletId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT e.*, a.outlet_id, a.title AS article_title, a.file_url"
            + " FROM status_event e JOIN article a ON a.id = e.article_id WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            sql.append(" AND e.at >= ?");
            args.add(since);
        }
        if (outletId != null) {
            sql.append(" AND a.outlet_id = ?");
            args.add(outletId);
        }
        sql.append(" ORDER BY e.at DESC, e.id DESC LIMIT ?");
        args.add(limit);
        return db.read(c -> {
            List<ChangeRow> out = new ArrayList<>();
            try (var ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, args.toArray());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ChangeRow(event(rs), rs.getString("outlet_id"), rs.getString("article_title"),
                            rs.getString("file_url")));
                    }
                }
            }
            return out;
        });
    }

    /** One article's status events, oldest first. */
    public List<StatusEvent> events(long articleId) {
        return db.read(c -> {
            List<StatusEvent> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT * FROM status_event WHERE article_id = ? ORDER BY at, id")) {
                Sql.bind(ps, articleId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(event(rs));
                }
            }
            return out;
        });
    }

    /** Articles whose status is {@code status}: what metrics report as deletions found, for one. */
    public long countWithStatus(String status) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM article WHERE status = ?")) {
                Sql.bind(ps, status);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static void insertEvent(Connection c, StatusEvent e) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO status_event (article_id, at, status, http_status, final_url, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, e.articleId(), e.at(), e.status(), e.httpStatus(), clip(e.finalUrl(), 4000), clip(e.detail(), 2000));
            ps.executeUpdate();
        }
    }

    private static StatusEvent event(ResultSet rs) throws SQLException {
        int http = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : http;
        return new StatusEvent(rs.getLong("article_id"), Sql.instant(rs, "at"), rs.getString("status"), httpStatus,
            rs.getString("final_url"), rs.getString("detail"));
    }

    private List<Long> ids(String sql, Object[] args) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (var ps = c.prepareStatement(sql)) {
                Sql.bind(ps, args);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
