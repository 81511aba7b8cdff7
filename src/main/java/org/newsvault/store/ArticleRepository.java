package org.newsvault.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;

/**
 * Articles and their sightings. Dedupe reads ({@link #findBySighting}, {@link #findByContentHash}) are
 * single indexed lookups, so their cost does not grow with the archive.
 */
public final class ArticleRepository {
    static final String COLUMNS = "id, outlet_id, feed_id, guid, canonical_url, title, author, published_at,"
        + " fetched_at, content_hash, variant, front_matter, stamp, file_title, file_url, body, file_path, file_written,"
        + " original_id, source, status, source_trust, body_kind";

    private static final String BY_SIGHTING = "SELECT article_id FROM sighting WHERE url = ? LIMIT 1";
    // A teaser kept for a failed page is never a match: identical teasers of different stories would merge them.
    private static final String BY_CONTENT_HASH = "SELECT id FROM article WHERE content_hash = ? AND body_kind <> 'teaser'"
        + " ORDER BY id LIMIT 1";
    private static final String SIGHTED = "SELECT s.article_id, s.feed_key, a.file_written, a.source_trust, a.body_kind"
        + " FROM sighting s JOIN article a ON a.id = s.article_id WHERE s.url = ?";

    private final Database db;

    public ArticleRepository(Database db) {
        this.db = db;
    }

    /** The article already seen under this canonical URL, if any. */
    public Optional<Long> findBySighting(String canonicalUrl) {
        return db.read(c -> one(c, BY_SIGHTING, canonicalUrl));
    }

    /**
     * How the poll sees a known URL, in one indexed read: the article, whether {@code feedId} already has
     * its own sighting of the URL, and the article's file, source and body state.
     */
    public record Sighted(long articleId, boolean byFeed, boolean fileWritten, String sourceTrust, String bodyKind) {}

    /** The article seen under this canonical URL, as {@link Sighted} for the feed {@code feedId}, if any. */
    public Optional<Sighted> findSighted(String canonicalUrl, long feedId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement(SIGHTED)) {
                Sql.bind(ps, canonicalUrl);
                try (var rs = ps.executeQuery()) {
                    Sighted first = null;
                    boolean byFeed = false;
                    while (rs.next()) {
                        if (first == null) {
                            first = new Sighted(rs.getLong(1), false, rs.getBoolean(3), rs.getString(4), rs.getString(5));
                        }
                        byFeed |= rs.getLong(2) == feedId;
                    }
                    return first == null ? Optional.<Sighted>empty() : Optional.of(new Sighted(first.articleId(), byFeed,
                        first.fileWritten(), first.sourceTrust(), first.bodyKind()));
                }
            }
        });
    }

    /**
     * One sighting: {@code feedId} (null: not from a feed) listed {@code url} with the text of {@code contentHash}
     * (null: not read); {@code ownSite} is whether that text came from the article's own site (null: unknown).
     */
    public record Sighting(String url, Long feedId, String reason, String contentHash, Boolean ownSite, Instant seenAt) {}

    /** Every sighting of the article, oldest first (for {@code show}, exports and tests). */
    public List<Sighting> sightings(long articleId) {
        return db.read(c -> {
            List<Sighting> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT url, feed_id, reason, content_hash, own_site, seen_at FROM sighting"
                + " WHERE article_id = ? ORDER BY seen_at, id")) {
                Sql.bind(ps, articleId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean own = rs.getBoolean(5);
                        Boolean ownSite = rs.wasNull() ? null : own;
                        out.add(new Sighting(rs.getString(1), Sql.longOrNull(rs, "feed_id"), rs.getString(3),
                            rs.getString(4), ownSite, Sql.instant(rs, "seen_at")));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The article's current text was confirmed by {@code feedId}, of this trust; being confirmed by a full
     * text, it is no longer a teaser waiting for its page.
     */
    public void recordSource(long articleId, long feedId, String sourceTrust) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET feed_id = ?, source_trust = ?, body_kind = 'full'"
                + " WHERE id = ?")) {
                Sql.bind(ps, feedId, sourceTrust, articleId);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Long> findByContentHash(String contentHash) {
        return db.read(c -> one(c, BY_CONTENT_HASH, contentHash));
    }

    /**
     * Inserts the article (file not yet written) and its own sighting in one transaction.
     * The id in {@code row} is ignored.
     *
     * @return the new id
     * @throws StoreException when the canonical URL or file path is already taken
     */
    public long insert(ArticleRow row, Instant now) {
        return db.inTransaction(c -> {
            long id = insert(c, row, now);
            insertSighting(c, id, row, "self", now);
            return id;
        });
    }

    /** How {@link #claimAll} settled one row. {@code error} is set (and {@code id} is 0) when it failed. */
    public record Claim(Outcome outcome, long id, StoreException error) {
        public enum Outcome { INSERTED, SAME_URL, SAME_CONTENT, FAILED }
    }

    /**
     * Dedupes and inserts several rows in one transaction (one commit for all: H2 writes its changed
     * pages at every commit, which was a quarter of the feed-only poll's CPU). Each row runs under its
     * own savepoint, so one bad row fails alone. Later rows see earlier ones, so two copies of a story
     * in the same batch are archived once. {@code written} are articles whose files now exist; they are
     * marked in the same commit.
     */
    public List<Claim> claimAll(List<ArticleRow> rows, Instant now, java.util.Collection<WrittenFile> written) {
        return db.inTransaction(c -> {
            List<Claim> out = new ArrayList<>(rows.size());
            for (ArticleRow r : rows) out.add(claim(c, r, now));
            if (!written.isEmpty()) markWritten(c, written);
            return out;
        });
    }

    /**
     * {@link #claimAll} for one row, in a transaction shared with the grouped writes of other threads at the
     * same moment ({@link Database#grouped}): dedupe check and insert run in arrival order, so two feeds
     * carrying the same story at the same moment archive it once. Returns once committed.
     */
    public Claim claim(ArticleRow row, Instant now) {
        return claim(row, now, List.of(), 0);
    }

    /**
     * {@link #claim}, and when the row is inserted, its images listed ({@link ImageRepository}) in the same
     * transaction: an article is never permanent without the rows that get its images kept.
     */
    public Claim claim(ArticleRow row, Instant now, List<ImageRepository.NewImage> images, int maxImages) {
        try {
            return db.grouped(c -> claim(c, row, now, images, maxImages));
        } catch (StoreException e) {
            return new Claim(Claim.Outcome.FAILED, 0, e);
        } catch (RuntimeException e) {
            return new Claim(Claim.Outcome.FAILED, 0, new StoreException("database: " + e.getMessage(), e));
        }
    }

    private static Claim claim(Connection c, ArticleRow r, Instant now) throws SQLException {
        return claim(c, r, now, List.of(), 0);
    }

    private static Claim claim(Connection c, ArticleRow r, Instant now, List<ImageRepository.NewImage> images,
                               int maxImages) throws SQLException {
        lockClaims(c);
        var savepoint = c.setSavepoint();
        try {
            Optional<Long> known = one(c, BY_SIGHTING, r.canonicalUrl());
            if (known.isPresent()) return new Claim(Claim.Outcome.SAME_URL, known.get(), null);
            Optional<Long> same = r.teaser() ? Optional.empty() : one(c, BY_CONTENT_HASH, r.contentHash());
            if (same.isPresent()) {
                insertSighting(c, same.get(), r, "content", now);
                return new Claim(Claim.Outcome.SAME_CONTENT, same.get(), null);
            }
            long id = insert(c, r, now);
            insertSighting(c, id, r, "self", now);
            ImageRepository.insertNew(c, id, images, maxImages, now);
            return new Claim(Claim.Outcome.INSERTED, id, null);
        } catch (SQLException e) {
            c.rollback(savepoint);
            return new Claim(Claim.Outcome.FAILED, 0, new StoreException("database: " + e.getMessage(), e));
        }
    }

    /**
     * Takes the claim lock (V7) for the rest of the transaction: another process's dedupe check and insert then
     * wait for our commit and see our row. Again in the same transaction it costs a lookup.
     */
    private static void lockClaims(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id FROM claim_lock WHERE id = 1 FOR UPDATE")) {
            rs.next();
        }
    }

    static long insert(Connection c, ArticleRow r, Instant now) throws SQLException {
        ArticleFile f = r.file();
        try (var ps = c.prepareStatement("INSERT INTO article (outlet_id, feed_id, guid, canonical_url, title, author,"
                + " published_at, fetched_at, content_hash, variant, front_matter, stamp, file_title, file_url, body,"
                + " file_path, file_written, original_id, source, status, source_trust, body_kind, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
            Sql.bind(ps, r.outletId(), r.feedId(), r.guid(), r.canonicalUrl(), r.title(), r.author(), r.publishedAt(),
                r.fetchedAt(), r.contentHash(), f.variant().name(), f.frontMatter(), f.stamp(), f.title(), f.url(),
                f.body(), r.filePath(), r.fileWritten(), r.originalId(), r.source(),
                r.status() == null ? "live" : r.status(), r.sourceTrust(), r.bodyKind(), now);
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Records that the story was also seen at {@code canonicalUrl}; a URL already recorded is left alone. */
    public void addSighting(long articleId, String outletId, Long feedId, String canonicalUrl, String reason, Instant at) {
        addSighting(articleId, outletId, feedId, canonicalUrl, reason, null, null, at);
    }

    /**
     * Records that {@code feedId} listed {@code canonicalUrl} with the text of {@code contentHash} (null: not
     * read). A (URL, feed) already recorded is left alone, as is the article every sighting of the URL names.
     */
    public void addSighting(long articleId, String outletId, Long feedId, String canonicalUrl, String reason,
                            String contentHash, Boolean ownSite, Instant at) {
        db.read(c -> {
            try {
                insertSighting(c, articleId, outletId, feedId, canonicalUrl, reason, contentHash, ownSite, at);
            } catch (SQLException e) {
                // Another thread recorded the same (URL, feed) in between: what this call wanted is there.
                if (!"23505".equals(e.getSQLState())) throw e;
            }
            return null;
        });
    }

    private static void insertSighting(Connection c, long articleId, ArticleRow r, String reason, Instant at)
        throws SQLException {
        Boolean ownSite = r.sourceTrust() == null ? null : ArticleRow.OWN_SITE.equals(r.sourceTrust());
        insertSighting(c, articleId, r.outletId(), r.feedId(), r.canonicalUrl(), reason, r.contentHash(), ownSite, at);
    }

    static void insertSighting(Connection c, long articleId, String outletId, Long feedId, String url, String reason,
                               String contentHash, Boolean ownSite, Instant at) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO sighting (article_id, outlet_id, feed_id, url, reason, seen_at,"
            + " content_hash, own_site) SELECT COALESCE((SELECT article_id FROM sighting WHERE url = ? LIMIT 1),"
            + " CAST(? AS BIGINT)), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR), CAST(? AS BOOLEAN)"
            + " WHERE NOT EXISTS (SELECT 1 FROM sighting WHERE url = ? AND feed_key = ?)")) {
            Sql.bind(ps, url, articleId, outletId, feedId, url, reason, at, contentHash, ownSite, url,
                feedId == null ? 0L : feedId);
            ps.executeUpdate();
        }
    }

    public void markFileWritten(long id) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE article SET file_written = TRUE WHERE id = ?")) {
                Sql.bind(ps, id);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<ArticleRow> find(long id) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM article WHERE id = ?")) {
                Sql.bind(ps, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Rows committed whose file rename may not have happened (a crash between the two). */
    public List<ArticleRow> pendingFiles() {
        return db.read(c -> {
            List<ArticleRow> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM article WHERE file_written = FALSE");
                 var rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        });
    }

    public long count() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM article"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Articles the outlet has deleted since they were archived (status deleted). */
    public long countDeleted() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM article WHERE status = 'deleted'"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Articles per outlet id, however they came in (polled, imported, re-checked): what {@code status} counts. */
    public java.util.Map<String, Long> countByOutlet() {
        return db.read(c -> {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            try (var ps = c.prepareStatement("SELECT outlet_id, COUNT(*) FROM article GROUP BY outlet_id"); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    /**
     * Streams matching articles oldest first without holding them all in memory (H2 reads large results
     * lazily), so an export of a big archive runs in constant heap.
     */
    public void stream(ArticleQuery q, Consumer<ArticleRow> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM article WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.outletId() != null) {
            sql.append(" AND outlet_id = ?");
            args.add(q.outletId());
        }
        if (q.since() != null) {
            sql.append(" AND COALESCE(published_at, fetched_at) >= ?");
            args.add(q.since());
        }
        if (q.until() != null) {
            sql.append(" AND COALESCE(published_at, fetched_at) < ?");
            args.add(q.until());
        }
        sql.append(" ORDER BY COALESCE(published_at, fetched_at), id");
        db.read(c -> {
            try (var ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(200);
                Sql.bind(ps, args.toArray());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(map(rs));
                }
            }
            return null;
        });
    }

    static ArticleRow map(ResultSet rs) throws SQLException {
        ArticleFile f = new ArticleFile(Variant.valueOf(rs.getString("variant")), rs.getString("front_matter"),
            rs.getString("stamp"), rs.getString("file_title"), rs.getString("file_url"), rs.getString("body"));
        return new ArticleRow(rs.getLong("id"), rs.getString("outlet_id"), Sql.longOrNull(rs, "feed_id"),
            rs.getString("guid"), rs.getString("canonical_url"), rs.getString("title"), rs.getString("author"),
            Sql.instant(rs, "published_at"), Sql.instant(rs, "fetched_at"), rs.getString("content_hash"), f,
            rs.getString("file_path"), rs.getBoolean("file_written"), Sql.longOrNull(rs, "original_id"),
            rs.getString("source"), rs.getString("status"), rs.getString("source_trust"), rs.getString("body_kind"));
    }

    private static Optional<Long> one(Connection c, String sql, Object arg) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            Sql.bind(ps, arg);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** True when an article already has this file path (relative to the archive root). */
    public boolean filePathTaken(String filePath) {
        return db.read(c -> one(c, "SELECT id FROM article WHERE file_path = ?", filePath)).isPresent();
    }

    /** How many articles {@link #stream} gives for {@code q}. */
    public long count(ArticleQuery q) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM article WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.outletId() != null) {
            sql.append(" AND outlet_id = ?");
            args.add(q.outletId());
        }
        if (q.since() != null) {
            sql.append(" AND COALESCE(published_at, fetched_at) >= ?");
            args.add(q.since());
        }
        if (q.until() != null) {
            sql.append(" AND COALESCE(published_at, fetched_at) < ?");
            args.add(q.until());
        }
        return db.read(c -> {
            try (var ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, args.toArray());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The dedupe reads of {@link #findBySighting}, {@link #findByContentHash} and {@link #filePathTaken} on one
     * connection with statements prepared once, for a bulk import that makes many decisions in a row from one
     * thread (borrowing a pooled connection and planning the query again per lookup costs more than the
     * lookup). Not thread-safe; close it.
     */
    public Lookups openLookups() {
        return new Lookups(db.connection());
    }

    /** See {@link #openLookups}. */
    public static final class Lookups implements AutoCloseable {
        private final Connection c;
        private final java.sql.PreparedStatement sighting;
        private final java.sql.PreparedStatement hash;
        private final java.sql.PreparedStatement path;

        private Lookups(Connection c) {
            this.c = c;
            try {
                c.setAutoCommit(true);
                this.sighting = c.prepareStatement(BY_SIGHTING);
                this.hash = c.prepareStatement(BY_CONTENT_HASH);
                this.path = c.prepareStatement("SELECT id FROM article WHERE file_path = ?");
            } catch (SQLException e) {
                close();
                throw new StoreException("database: " + e.getMessage(), e);
            }
        }

        public Optional<Long> findBySighting(String canonicalUrl) {
            return run(sighting, canonicalUrl);
        }

        public Optional<Long> findByContentHash(String contentHash) {
            return run(hash, contentHash);
        }

        public boolean filePathTaken(String filePath) {
            return run(path, filePath).isPresent();
        }

        private static Optional<Long> run(java.sql.PreparedStatement ps, String arg) {
            try {
                ps.setString(1, arg);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new StoreException("database: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    /**
     * {@link #insert} for several articles in one transaction (a bulk import commits once per batch instead of
     * once per article). All or none: when one row is refused, nothing is inserted and the caller may retry
     * them one at a time.
     *
     * @return the new ids, in the order of {@code rows}
     */
    public long[] insertAll(List<ArticleRow> rows, Instant now) {
        return db.inTransaction(c -> {
            long[] ids = new long[rows.size()];
            for (int i = 0; i < ids.length; i++) {
                ArticleRow r = rows.get(i);
                ids[i] = insert(c, r, now);
                insertSighting(c, ids[i], r, "self", now);
            }
            return ids;
        });
    }

    /** {@link #markFileWritten} for several articles in one statement. */
    public void markFilesWritten(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return;
        db.read(c -> markFilesWritten(c, ids));
    }

    /**
     * A file written for an article as it was then. The mark is only applied while the row still shows
     * that version (same content hash and title): an edit recorded in between has made the file stale.
     */
    public record WrittenFile(long id, String contentHash, String fileTitle) {
        public static WrittenFile of(long id, ArticleRow row) {
            return new WrittenFile(id, row.contentHash(), row.file().title());
        }
    }

    /** Marks files written by the poll; see {@link WrittenFile}. */
    public void markWritten(java.util.Collection<WrittenFile> files) {
        if (files.isEmpty()) return;
        db.read(c -> markWritten(c, files));
    }

    private static int markWritten(Connection c, java.util.Collection<WrittenFile> files) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE article SET file_written = TRUE"
            + " WHERE id = ? AND content_hash = ? AND file_title = ?")) {
            for (WrittenFile f : files) {
                Sql.bind(ps, f.id(), f.contentHash(), f.fileTitle());
                ps.addBatch();
            }
            return java.util.Arrays.stream(ps.executeBatch()).sum();
        }
    }

    private static int markFilesWritten(Connection c, java.util.Collection<Long> ids) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE article SET file_written = TRUE WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
            return ps.executeUpdate();
        }
    }
}
