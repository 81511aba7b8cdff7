package org.newsvault.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    static ArticleImage map(ResultSet rs) throws SQLException {
        return new ArticleImage(rs.getLong("article_id"), rs.getString("url"), ImageRole.fromDb(rs.getString("role")),
            rs.getInt("position"), ImageState.fromDb(rs.getString("state")), Sql.longOrNull(rs, "original_id"),
            rs.getString("sha256"), rs.getString("content_type"), rs.getLong("bytes"), rs.getString("reason"),
            rs.getInt("attempts"), Sql.instant(rs, "fetched_at"));
    }
}
