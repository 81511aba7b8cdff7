package org.newsvault.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsvault.model.Revision;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;

/**
 * Revisions of articles. {@link #recordEdit} is the one write: in one transaction it keeps the first
 * version (copied from the article row the first time), adds the new one and makes it the article's
 * current state with its file marked unwritten, so a crash leaves rows that {@code RevisionRecovery}
 * and the poll recovery render. Thread-safe.
 */
public final class RevisionRepository {
    private static final String COLUMNS = "id, article_id, n, fetched_at, title, body, content_hash, original_id,"
        + " file_path, variant, front_matter, stamp, file_title, file_url, file_written";

    private final Database db;

    public RevisionRepository(Database db) {
        this.db = db;
    }

    /** The article's stored versions, oldest first; empty when it never changed. */
    public List<Revision> revisions(long articleId) {
        return rows(articleId).stream().map(RevisionRow::revision).toList();
    }

    /** The article's stored versions with their files, oldest first. */
    public List<RevisionRow> rows(long articleId) {
        return list("SELECT " + COLUMNS + " FROM revision WHERE article_id = ? ORDER BY n", articleId);
    }

    public Optional<RevisionRow> find(long articleId, int n) {
        return list("SELECT " + COLUMNS + " FROM revision WHERE article_id = ? AND n = ?", articleId, n).stream().findFirst();
    }

    /** The highest revision number of the article, 0 when it never changed. */
    public int latest(long articleId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COALESCE(MAX(n), 0) FROM revision WHERE article_id = ?")) {
                Sql.bind(ps, articleId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Versions whose file may not have been written (a crash between commit and rename). */
    public List<RevisionRow> pendingFiles() {
        return list("SELECT " + COLUMNS + " FROM revision WHERE file_written = FALSE ORDER BY id");
    }

    /** {@link #pendingFiles()} of one article. */
    public List<RevisionRow> pendingFiles(long articleId) {
        return list("SELECT " + COLUMNS + " FROM revision WHERE article_id = ? AND file_written = FALSE ORDER BY id",
            articleId);
    }

    public void markFileWritten(long revisionId) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE revision SET file_written = TRUE WHERE id = ?")) {
                Sql.bind(ps, revisionId);
                return ps.executeUpdate();
            }
        });
    }

    /** Every article with stored versions (the export's few that ever changed), each id once. */
    public void changedArticles(java.util.function.LongConsumer sink) {
        db.read(c -> {
            try (var ps = c.prepareStatement("SELECT DISTINCT article_id FROM revision"); var rs = ps.executeQuery()) {
                while (rs.next()) sink.accept(rs.getLong(1));
            }
            return null;
        });
    }

    /** Revisions found by re-checks: versions after the first. */
    public long countFound() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM revision WHERE n > 1"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Stores {@code r} as the article's next version and its current state, in one transaction.
     *
     * @return the revision rows whose files must now be written (the first version when it was just
     *         copied, and the new one), and the article row as updated
     */
    public Recorded recordEdit(NewRevision r, Instant now) {
        return db.inTransaction(c -> {
            ArticleRow a;
            try (var ps = c.prepareStatement("SELECT * FROM article WHERE id = ? FOR UPDATE")) {
                Sql.bind(ps, r.articleId());
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) throw new StoreException("article " + r.articleId() + " does not exist", null);
                    a = ArticleRepository.map(rs);
                }
            }
            int last;
            try (var ps = c.prepareStatement("SELECT COALESCE(MAX(n), 0) FROM revision WHERE article_id = ?")) {
                Sql.bind(ps, r.articleId());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getInt(1);
                }
            }
            List<RevisionRow> written = new ArrayList<>();
            NewRevision.Images images = r.images();
            if (last == 0) {
                Revision first = new Revision(a.id(), 1, a.fetchedAt(), a.title(), a.contentHash(),
                    r.pathOfRevision().apply(1), a.originalId());
                // The first version's images are what the article lists until now (none listed: not known).
                List<ImageRepository.NewImage> before = images == null ? null : ImageRepository.listed(c, a.id());
                written.add(insert(c, first, a.file(), now, before == null || before.isEmpty() ? null : before));
                last = 1;
            }
            int n = last + 1;
            Revision next = new Revision(a.id(), n, r.fetchedAt(), r.title(), r.contentHash(), r.pathOfRevision().apply(n),
                r.originalId());
            written.add(insert(c, next, r.file(), now, images == null ? null : images.listed()));
            if (images != null && images.keep()) ImageRepository.insertNew(c, a.id(), images.listed(), images.maxCount(), now);
            ArticleFile f = r.file();
            try (var ps = c.prepareStatement("UPDATE article SET title = ?, content_hash = ?, variant = ?, front_matter = ?,"
                + " stamp = ?, file_title = ?, file_url = ?, body = ?, original_id = ?, status = ?, file_written = FALSE,"
                + " watch_original_id = ?, watch_misses = 0, watch_failures = 0, last_checked_at = ?, next_recheck_at = ?"
                + " WHERE id = ?")) {
                Sql.bind(ps, r.title(), r.contentHash(), f.variant().name(), f.frontMatter(), f.stamp(), f.title(), f.url(),
                    f.body(), r.originalId(), r.event().status(), r.watchOriginalId(), now, r.nextRecheckAt(), a.id());
                ps.executeUpdate();
            }
            NewRevision.Source src = r.source();
            if (src != null) {
                try (var ps = c.prepareStatement("UPDATE article SET feed_id = COALESCE(?, feed_id), source_trust = ?,"
                    + " body_kind = ? WHERE id = ?")) {
                    Sql.bind(ps, src.feedId(), src.sourceTrust(), src.bodyKind(), a.id());
                    ps.executeUpdate();
                }
            }
            StatusEvent e = r.event();
            WatchRepository.insertEvent(c, new StatusEvent(e.articleId(), e.at(), e.status(), e.httpStatus(), e.finalUrl(),
                e.detail() == null ? null : e.detail().replace("{n}", String.valueOf(n))));
            ArticleRow updated = new ArticleRow(a.id(), a.outletId(), src == null || src.feedId() == null ? a.feedId() : src.feedId(), a.guid(), a.canonicalUrl(), r.title(),
                a.author(), a.publishedAt(), a.fetchedAt(), r.contentHash(), f, a.filePath(), false, r.originalId(),
                a.source(), e.status(), src == null ? a.sourceTrust() : src.sourceTrust(),
                src == null ? a.bodyKind() : src.bodyKind());
            return new Recorded(updated, written);
        });
    }

    /** What {@link #recordEdit} committed. */
    public record Recorded(ArticleRow article, List<RevisionRow> revisions) {}

    private static RevisionRow insert(Connection c, Revision r, ArticleFile f, Instant now,
                                      List<ImageRepository.NewImage> images) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO revision (article_id, n, fetched_at, title, body, content_hash,"
                + " original_id, file_path, variant, front_matter, stamp, file_title, file_url, file_written, created_at,"
                + " image_urls) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
            Sql.bind(ps, r.articleId(), r.n(), r.fetchedAt(), r.title(), f.body(), r.contentHash(), r.originalId(),
                r.filePath(), f.variant().name(), f.frontMatter(), f.stamp(), f.title(), f.url(), now,
                ImageRepository.urlLines(images));
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                return new RevisionRow(keys.getLong(1), r, f, false);
            }
        }
    }

    private List<RevisionRow> list(String sql, Object... args) {
        return db.read(c -> {
            List<RevisionRow> out = new ArrayList<>();
            try (var ps = c.prepareStatement(sql)) {
                Sql.bind(ps, args);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(map(rs));
                }
            }
            return out;
        });
    }

    static RevisionRow map(ResultSet rs) throws SQLException {
        Revision r = new Revision(rs.getLong("article_id"), rs.getInt("n"), Sql.instant(rs, "fetched_at"),
            rs.getString("title"), rs.getString("content_hash"), rs.getString("file_path"),
            Sql.longOrNull(rs, "original_id"));
        ArticleFile f = new ArticleFile(Variant.valueOf(rs.getString("variant")), rs.getString("front_matter"),
            rs.getString("stamp"), rs.getString("file_title"), rs.getString("file_url"), rs.getString("body"));
        return new RevisionRow(rs.getLong("id"), r, f, rs.getBoolean("file_written"));
    }
}
