package org.newsvault.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsvault.model.FeedState;

/** Feeds and their fetch state. Each record* method is one poll's outcome. */
public final class FeedRepository {
    private final Database db;

    public FeedRepository(Database db) {
        this.db = db;
    }

    /** The feed's state, created (empty) on first sight. */
    public FeedState ensure(String outletId, String url) {
        return db.read(c -> {
            // Portable insert-if-absent; another process inserting the same feed in between fails ours on the
            // unique key (auto-commit: nothing else is undone), and the row is there to read either way.
            try (var ps = c.prepareStatement("INSERT INTO feed (outlet_id, url) SELECT CAST(? AS VARCHAR(64)),"
                + " CAST(? AS VARCHAR(4000)) WHERE NOT EXISTS (SELECT 1 FROM feed WHERE outlet_id = ? AND url = ?)")) {
                Sql.bind(ps, outletId, url, outletId, url);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e;
            }
            try (var ps = c.prepareStatement("SELECT * FROM feed WHERE outlet_id = ? AND url = ?")) {
                Sql.bind(ps, outletId, url);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return map(rs);
                }
            }
        });
    }

    public Optional<FeedState> find(long feedId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM feed WHERE id = ?")) {
                Sql.bind(ps, feedId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<FeedState> all() {
        return db.read(c -> {
            List<FeedState> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT * FROM feed ORDER BY outlet_id, url"); var rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        });
    }

    /**
     * A 2xx that was parsed: new validators, streak reset. A validator longer than its column is not kept
     * (a cut ETag would never match; the body hash still spares an unchanged body).
     */
    public void recordSuccess(long feedId, String etag, String lastModified, String bodyHash, int newArticles,
                              Instant now, Instant nextCheckAt) {
        if (!Columns.fits(etag, Columns.ETAG)) etag = null;
        if (!Columns.fits(lastModified, Columns.LAST_MODIFIED)) lastModified = null;
        update(feedId, "UPDATE feed SET etag = ?, last_modified = ?, body_hash = ?, last_poll_at = ?, last_success_at = ?,"
                + " last_new_at = CASE WHEN ? > 0 THEN ? ELSE last_new_at END, last_result = ?, last_error = NULL,"
                + " error_count = 0, next_check_at = ?, articles_archived = articles_archived + ? WHERE id = ?",
            etag, lastModified, bodyHash, now, now, newArticles, now, newArticles > 0 ? "new" : "unchanged",
            nextCheckAt, newArticles, feedId);
    }

    /** The canonical URLs of the feed's entries at its last parse, in feed order (empty: never parsed). */
    public List<String> entryUrls(long feedId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT entry_urls FROM feed WHERE id = ?")) {
                Sql.bind(ps, feedId);
                try (var rs = ps.executeQuery()) {
                    String s = rs.next() ? rs.getString(1) : null;
                    return s == null || s.isEmpty() ? List.<String>of() : List.of(s.split("\n"));
                }
            }
        });
    }

    public void recordEntryUrls(long feedId, List<String> urls) {
        update(feedId, "UPDATE feed SET entry_urls = ? WHERE id = ?", String.join("\n", urls), feedId);
    }

    /** The entries fingerprint of the feed body last kept as an original, and that original (see V4). */
    public record KeptListing(String entriesHash, Long originalId) {}

    public Optional<KeptListing> keptListing(long feedId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT entries_hash, entries_original_id FROM feed WHERE id = ?"
                + " AND entries_hash IS NOT NULL AND entries_original_id IS NOT NULL")) {
                Sql.bind(ps, feedId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new KeptListing(rs.getString(1), rs.getLong(2)))
                        : Optional.<KeptListing>empty();
                }
            }
        });
    }

    public void recordKeptListing(long feedId, KeptListing kept) {
        update(feedId, "UPDATE feed SET entries_hash = ?, entries_original_id = ? WHERE id = ?", kept.entriesHash(),
            kept.originalId(), feedId);
    }

    /** A 304, or a body whose hash matches the last one. */
    public void recordUnchanged(long feedId, Instant now, Instant nextCheckAt) {
        update(feedId, "UPDATE feed SET last_poll_at = ?, last_success_at = ?, last_result = 'unchanged', last_error = NULL,"
            + " error_count = 0, next_check_at = ? WHERE id = ?", now, now, nextCheckAt, feedId);
    }

    public void recordFailure(long feedId, String error, Instant now, Instant nextCheckAt) {
        String e = error == null ? "unknown error" : error.length() > 1900 ? error.substring(0, 1900) : error;
        update(feedId, "UPDATE feed SET last_poll_at = ?, last_result = 'failed', last_error = ?,"
            + " error_count = error_count + 1, next_check_at = ? WHERE id = ?", now, e, nextCheckAt, feedId);
    }

    private void update(long feedId, String sql, Object... args) {
        db.read(c -> {
            try (var ps = c.prepareStatement(sql)) {
                Sql.bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    static FeedState map(ResultSet rs) throws SQLException {
        return new FeedState(rs.getLong("id"), rs.getString("outlet_id"), rs.getString("url"), rs.getString("etag"),
            rs.getString("last_modified"), rs.getString("body_hash"), Sql.instant(rs, "last_poll_at"),
            Sql.instant(rs, "last_success_at"), Sql.instant(rs, "last_new_at"), rs.getString("last_result"),
            rs.getString("last_error"), rs.getInt("error_count"), Sql.instant(rs, "next_check_at"),
            rs.getLong("articles_archived"));
    }
}
