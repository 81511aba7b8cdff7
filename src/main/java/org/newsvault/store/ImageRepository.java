package org.newsvault.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;

/** The {@code article_image} rows: each archived article's images and where their fetch stands (V9). */
public final class ImageRepository {
    /** Ids per IN (...) list: H2 plans a long list as well, but a statement stays small. */
    private static final int BATCH = 500;

    private final Database db;

    public ImageRepository(Database db) {
        this.db = db;
    }

    /** The article's images in order of first appearance. */
    public List<ArticleImage> ofArticle(long articleId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM article_image WHERE article_id = ? ORDER BY position, id")) {
                Sql.bind(ps, articleId);
                try (var rs = ps.executeQuery()) {
                    List<ArticleImage> out = new ArrayList<>();
                    while (rs.next()) out.add(map(rs));
                    return out;
                }
            }
        });
    }

    /** {@link #ofArticle} for many articles at once (an export's batch); articles without images are absent. */
    public Map<Long, List<ArticleImage>> ofArticles(Collection<Long> articleIds) {
        Map<Long, List<ArticleImage>> out = new LinkedHashMap<>();
        List<Long> ids = List.copyOf(articleIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            db.read(c -> {
                try (var ps = c.prepareStatement("SELECT * FROM article_image WHERE article_id IN (" + marks + ")"
                    + " ORDER BY article_id, position, id")) {
                    Sql.bind(ps, part.toArray());
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ArticleImage img = map(rs);
                            out.computeIfAbsent(img.articleId(), k -> new ArrayList<>()).add(img);
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Any STORED row of this blob (its content type is the one to serve it with); empty when no row names it. */
    public Optional<ArticleImage> stored(String sha256) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM article_image WHERE sha256 = ? AND state = ?"
                + " ORDER BY id FETCH FIRST 1 ROW ONLY")) {
                Sql.bind(ps, sha256, ImageState.STORED.dbValue());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** An image to list for an article (see {@code images.ImageRefs}): its original URL, role and order. */
    public record NewImage(String url, ImageRole role, int position) {}

    /**
     * Lists {@code images} for the article, in the caller's transaction (the poll lists them in the transaction that
     * makes the article permanent, so no article is ever committed without its image rows): PENDING and due at once,
     * except those past {@code maxCount}, which are TOO_LARGE without a fetch. A URL the article already lists is
     * left as it is.
     *
     * @return how many rows were added
     */
    static int insertNew(Connection c, long articleId, List<NewImage> images, int maxCount, Instant now)
            throws SQLException {
        return insertNew(c, articleId, images, maxCount, now, now);
    }

    /** {@link #insertNew}, the new rows due at {@code dueAt} (later than now: leased to the caller). */
    static int insertNew(Connection c, long articleId, List<NewImage> images, int maxCount, Instant now, Instant dueAt)
            throws SQLException {
        if (images == null || images.isEmpty()) return 0;
        int added = 0;
        Set<String> have = new HashSet<>();
        int count;
        try (var ps = c.prepareStatement("SELECT url FROM article_image WHERE article_id = ?")) {
            Sql.bind(ps, articleId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) have.add(rs.getString(1));
            }
        }
        count = have.size();
        try (var ps = c.prepareStatement("INSERT INTO article_image (article_id, url, role, position, state, reason,"
            + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewImage img : images) {
                if (img.url() == null || img.url().length() > Columns.URL || !have.add(img.url())) continue;
                boolean over = count >= maxCount;
                count++;
                Sql.bind(ps, articleId, img.url(), img.role().dbValue(), img.position(),
                    (over ? ImageState.TOO_LARGE : ImageState.PENDING).dbValue(),
                    over ? "past the " + maxCount + " images kept per article (images.max-count)" : null,
                    over ? null : dueAt, now);
                ps.addBatch();
                added++;
            }
            if (added > 0) ps.executeBatch();
        }
        return added;
    }

    /**
     * {@link #insertNew} in a transaction of its own (an older article's images), the new rows due at {@code dueAt}:
     * a caller that fetches them itself lists them leased to it, as {@link #takeDue} would.
     */
    public int add(long articleId, List<NewImage> images, int maxCount, Instant now, Instant dueAt) {
        if (images.isEmpty()) return 0;
        return db.inTransaction(c -> insertNew(c, articleId, images, maxCount, now, dueAt));
    }

    /** A row the worker took: its id, the image, and the article's outlet (whose proxy and settings apply). */
    public record Due(long id, ArticleImage image, String outletId) {}

    /**
     * Takes up to {@code limit} rows due at {@code now} (PENDING, or FAILED past its backoff), oldest due first, and
     * leases them: they are not due again before {@code now + lease}, so another worker (a daemon's and an
     * {@code images fetch}'s) does not take them meanwhile, and a worker killed holding them leaves them due again
     * once the lease is over.
     */
    public List<Due> takeDue(Instant now, int limit, Duration lease) {
        return takeDue(now, limit, lease, null);
    }

    /** {@link #takeDue} of one outlet's articles ({@code outletId} null: any). */
    public List<Due> takeDue(Instant now, int limit, Duration lease, String outletId) {
        return db.inTransaction(c -> {
            List<Due> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT i.*, a.outlet_id AS a_outlet FROM article_image i"
                + " JOIN article a ON a.id = i.article_id WHERE i.next_attempt_at <= ? AND i.state IN (?, ?)"
                + (outletId == null ? "" : " AND a.outlet_id = ?")
                + " ORDER BY i.next_attempt_at, i.id FETCH FIRST ? ROWS ONLY FOR UPDATE")) {
                if (outletId == null) Sql.bind(ps, now, ImageState.PENDING.dbValue(), ImageState.FAILED.dbValue(), limit);
                else Sql.bind(ps, now, ImageState.PENDING.dbValue(), ImageState.FAILED.dbValue(), outletId, limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Due(rs.getLong("id"), map(rs), rs.getString("a_outlet")));
                }
            }
            lease(c, out.stream().map(Due::id).toList(), now.plus(lease));
            return out;
        });
    }

    /** The open rows of these articles, leased as {@link #takeDue} leases (an {@code images fetch}'s own rows). */
    public List<Due> takeOfArticles(Collection<Long> articleIds, Instant now, Duration lease) {
        if (articleIds.isEmpty()) return List.of();
        String marks = String.join(",", java.util.Collections.nCopies(articleIds.size(), "?"));
        return db.inTransaction(c -> {
            List<Due> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT i.*, a.outlet_id AS a_outlet FROM article_image i"
                + " JOIN article a ON a.id = i.article_id WHERE i.article_id IN (" + marks + ") AND i.state IN (?, ?)"
                + " AND i.next_attempt_at IS NOT NULL ORDER BY i.article_id, i.position FOR UPDATE")) {
                List<Object> args = new ArrayList<>(articleIds);
                args.add(ImageState.PENDING.dbValue());
                args.add(ImageState.FAILED.dbValue());
                Sql.bind(ps, args.toArray());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Due(rs.getLong("id"), map(rs), rs.getString("a_outlet")));
                }
            }
            lease(c, out.stream().map(Due::id).toList(), now.plus(lease));
            return out;
        });
    }

    private static void lease(Connection c, List<Long> ids, Instant until) throws SQLException {
        if (ids.isEmpty()) return;
        try (var ps = c.prepareStatement("UPDATE article_image SET next_attempt_at = ? WHERE id = ?")) {
            for (long id : ids) {
                Sql.bind(ps, until, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Gives leased rows back, due at {@code at}, without counting an attempt (the worker stopped before them). */
    public void release(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) return;
        db.inTransaction(c -> {
            lease(c, List.copyOf(ids), at);
            return null;
        });
    }

    /** Rows due at {@code now} (a progress bar's total). */
    public long countDue(Instant now) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM article_image WHERE next_attempt_at <= ?"
                + " AND state IN (?, ?)")) {
                Sql.bind(ps, now, ImageState.PENDING.dbValue(), ImageState.FAILED.dbValue());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** A STORED row of this URL (any article's): its bytes are kept already, and the URL is not fetched again. */
    public Optional<ArticleImage> storedUrl(String url) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM article_image WHERE url = ? AND state = ?"
                + " ORDER BY id FETCH FIRST 1 ROW ONLY")) {
                Sql.bind(ps, url, ImageState.STORED.dbValue());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * A row of this URL settled since {@code since} in a way that is the URL's own and not its article's: GONE,
     * NOT_IMAGE, or TOO_LARGE by the per-image cap ({@code reason} from the fetch: "too large: ..."). Another article's
     * row of the URL takes that answer without asking the server again.
     */
    public Optional<ArticleImage> settledUrl(String url, Instant since) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM article_image WHERE url = ? AND fetched_at >= ? AND (state IN (?, ?)"
                + " OR state = ? AND reason LIKE 'too large:%') ORDER BY fetched_at DESC FETCH FIRST 1 ROW ONLY")) {
                Sql.bind(ps, url, since, ImageState.GONE.dbValue(), ImageState.NOT_IMAGE.dbValue(),
                    ImageState.TOO_LARGE.dbValue());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The bytes of the article's STORED images together (what its per-article cap has used). */
    public long storedBytes(long articleId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM article_image WHERE article_id = ?"
                + " AND state = ?")) {
                Sql.bind(ps, articleId, ImageState.STORED.dbValue());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * A fetch's end for these rows, other than STORED: {@code next} is when the row is due again (FAILED with
     * backoff), or null for a final state.
     */
    public void finish(Collection<Long> ids, ImageState state, long bytes, String reason, Instant fetchedAt,
                       Instant next) {
        if (ids.isEmpty()) return;
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE article_image SET state = ?, bytes = ?, reason = ?, fetched_at = ?,"
                + " next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?")) {
                for (long id : ids) {
                    Sql.bind(ps, state.dbValue(), bytes, Columns.cut(reason, 2000), fetchedAt, next, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * These rows STORED, as the blob {@code sha256} (already written, fsynced and renamed: a row never names a blob
     * that is not complete on disk). With {@code original} set, its row (kind {@code image}) is inserted in the same
     * transaction and named by the rows; else the rows name {@code originalId}, an existing one.
     */
    public void store(Collection<Long> ids, OriginalRepository.NewOriginal original, Long originalId, String sha256,
                      String contentType, long bytes, Instant fetchedAt) {
        if (ids.isEmpty()) return;
        db.inTransaction(c -> {
            Long oid = originalId;
            if (original != null) {
                try (var ps = c.prepareStatement("INSERT INTO original (sha256, url, status, headers, content_type,"
                    + " fetched_at, size, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    Sql.bind(ps, original.sha256(), original.url(), original.status(),
                        OriginalRepository.encodeHeaders(original.headers()), original.contentType(),
                        original.fetchedAt(), original.size(), original.kind());
                    ps.executeUpdate();
                    try (var keys = ps.getGeneratedKeys()) {
                        keys.next();
                        oid = keys.getLong(1);
                    }
                }
            }
            try (var ps = c.prepareStatement("UPDATE article_image SET state = ?, original_id = ?, sha256 = ?,"
                + " content_type = ?, bytes = ?, reason = NULL, fetched_at = ?, next_attempt_at = NULL,"
                + " attempts = attempts + 1 WHERE id = ?")) {
                for (long id : ids) {
                    Sql.bind(ps, ImageState.STORED.dbValue(), oid, sha256, contentType, bytes, fetchedAt, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** An article whose images were never listed: what {@code images fetch} lists them from. */
    public record Unlisted(long id, String outletId, String canonicalUrl, String body, Long originalId) {}

    /**
     * Up to {@code limit} articles with no image row at all, of {@code outletId} (null: any), with an id above
     * {@code afterId}, in id order (a caller pages on with the last id: an article that has no images stays without
     * rows, and is passed over by the paging, not listed again within a run).
     */
    public List<Unlisted> unlisted(String outletId, long afterId, int limit) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT a.id, a.outlet_id, a.canonical_url, a.body, a.original_id FROM article a"
                + " WHERE a.id > ?" + (outletId == null ? "" : " AND a.outlet_id = ?")
                + " AND NOT EXISTS (SELECT 1 FROM article_image i WHERE i.article_id = a.id)"
                + " ORDER BY a.id FETCH FIRST ? ROWS ONLY")) {
                if (outletId == null) Sql.bind(ps, afterId, limit);
                else Sql.bind(ps, afterId, outletId, limit);
                try (var rs = ps.executeQuery()) {
                    List<Unlisted> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Unlisted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Sql.longOrNull(rs, "original_id")));
                    }
                    return out;
                }
            }
        });
    }

    /** How many articles {@link #unlisted} would give in all (a progress bar's total). */
    public long countUnlisted(String outletId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM article a WHERE " + (outletId == null ? "TRUE"
                : "a.outlet_id = ?") + " AND NOT EXISTS (SELECT 1 FROM article_image i WHERE i.article_id = a.id)")) {
                if (outletId != null) Sql.bind(ps, outletId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Rows per state, and the bytes of the distinct stored blobs (status, metrics). */
    public record Counts(Map<ImageState, Long> byState, long storedBlobs, long storedBytes) {
        public long of(ImageState s) {
            return byState.getOrDefault(s, 0L);
        }
    }

    public Counts counts() {
        return db.read(c -> {
            Map<ImageState, Long> by = new java.util.EnumMap<>(ImageState.class);
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT state, COUNT(*) FROM article_image GROUP BY state")) {
                while (rs.next()) by.put(ImageState.fromDb(rs.getString(1)), rs.getLong(2));
            }
            try (var ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(b), 0) FROM (SELECT sha256, MAX(bytes) AS b"
                + " FROM article_image WHERE state = ? GROUP BY sha256) stored")) {
                Sql.bind(ps, ImageState.STORED.dbValue());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(by, rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** One STORED blob: its hash, size as recorded and one URL of it (verify checks each blob once). */
    public record StoredBlob(String sha256, long bytes, String url) {}

    /** Every distinct blob STORED rows name, streamed. */
    public void streamStoredBlobs(Consumer<StoredBlob> sink) {
        db.read(c -> {
            try (var ps = c.prepareStatement("SELECT sha256, MAX(bytes), MIN(url) FROM article_image WHERE state = ?"
                + " GROUP BY sha256 ORDER BY sha256")) {
                Sql.bind(ps, ImageState.STORED.dbValue());
                ps.setFetchSize(200);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(new StoredBlob(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return null;
        });
    }

    /**
     * The image URLs the article's revision {@code n} showed, in order; empty when not recorded (a revision made
     * before V9, or by a caller that did not list them).
     */
    public Optional<List<String>> ofRevision(long articleId, int n) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT image_urls FROM revision WHERE article_id = ? AND n = ?")) {
                Sql.bind(ps, articleId, n);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    String lines = rs.getString(1);
                    if (lines == null) return Optional.empty();
                    return Optional.of(lines.isEmpty() ? List.<String>of() : List.of(lines.split("\n")));
                }
            }
        });
    }

    /** The image URLs of a revision (NULL: recorded before V9), one per line in order. */
    static String urlLines(List<NewImage> images) {
        if (images == null) return null;
        StringBuilder sb = new StringBuilder();
        for (NewImage i : images) sb.append(i.url()).append('\n');
        return sb.toString();
    }

    /** The image URLs the article's rows list now, in order (a first revision copied from the article row). */
    static List<NewImage> listed(Connection c, long articleId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT url, role, position FROM article_image WHERE article_id = ?"
            + " ORDER BY position, id")) {
            Sql.bind(ps, articleId);
            try (var rs = ps.executeQuery()) {
                List<NewImage> out = new ArrayList<>();
                while (rs.next()) out.add(new NewImage(rs.getString(1), ImageRole.fromDb(rs.getString(2)), rs.getInt(3)));
                return out;
            }
        }
    }

    static ArticleImage map(ResultSet rs) throws SQLException {
        return new ArticleImage(rs.getLong("article_id"), rs.getString("url"), ImageRole.fromDb(rs.getString("role")),
            rs.getInt("position"), ImageState.fromDb(rs.getString("state")), Sql.longOrNull(rs, "original_id"),
            rs.getString("sha256"), rs.getString("content_type"), rs.getLong("bytes"), rs.getString("reason"),
            rs.getInt("attempts"), Sql.instant(rs, "fetched_at"));
    }
}
