package org.newsvault.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.newsvault.model.Original;

/** Rows describing kept originals; the bytes themselves are in {@link org.newsvault.archive.OriginalStore}. */
public final class OriginalRepository {
    private final Database db;

    public OriginalRepository(Database db) {
        this.db = db;
    }

    public long insert(String sha256, String url, int status, List<Map.Entry<String, String>> headers,
                       String contentType, Instant fetchedAt, long size, String kind) {
        // Grouped: an original per fetched page was a commit of its own per article, beside the article's.
        return db.grouped(c -> {
            try (var ps = c.prepareStatement("INSERT INTO original (sha256, url, status, headers, content_type, fetched_at,"
                + " size, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                Sql.bind(ps, sha256, url, status, encodeHeaders(headers), contentType, fetchedAt, size, kind);
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** One row for {@link #insertAll}: the columns of {@link #insert}. */
    public record NewOriginal(String sha256, String url, int status, List<Map.Entry<String, String>> headers,
                              String contentType, Instant fetchedAt, long size, String kind) {}

    /**
     * {@link #insert} for several rows in one transaction (one commit: a bulk import made one per file, a fifth of
     * its CPU). All or none.
     *
     * @return the new ids, in the order of {@code rows}
     */
    public long[] insertAll(List<NewOriginal> rows) {
        if (rows.isEmpty()) return new long[0];
        return db.inTransaction(c -> {
            long[] ids = new long[rows.size()];
            try (var ps = c.prepareStatement("INSERT INTO original (sha256, url, status, headers, content_type, fetched_at,"
                + " size, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < ids.length; i++) {
                    NewOriginal r = rows.get(i);
                    Sql.bind(ps, r.sha256(), r.url(), r.status(), encodeHeaders(r.headers()), r.contentType(), r.fetchedAt(),
                        r.size(), r.kind());
                    ps.executeUpdate();
                    try (var keys = ps.getGeneratedKeys()) {
                        keys.next();
                        ids[i] = keys.getLong(1);
                    }
                }
            }
            return ids;
        });
    }

    public Optional<Original> find(long id) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM original WHERE id = ?")) {
                Sql.bind(ps, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The first original of these bytes, fetched from (or imported for) {@code url} as {@code kind}: lets an import
     * that was cut short and is run again reuse the row it already made instead of adding a second one.
     */
    public Optional<Original> findSame(String sha256, String url, String kind) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM original WHERE sha256 = ? AND url = ? AND kind = ? ORDER BY id"
                + " FETCH FIRST 1 ROW ONLY")) {
                Sql.bind(ps, sha256, url, kind);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** All originals in id order, streamed. */
    public void stream(Consumer<Original> sink) {
        db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM original ORDER BY id")) {
                ps.setFetchSize(200);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(map(rs));
                }
            }
            return null;
        });
    }

    static Original map(ResultSet rs) throws SQLException {
        return new Original(rs.getLong("id"), rs.getString("sha256"), rs.getString("url"), rs.getInt("status"),
            decodeHeaders(rs.getString("headers")), rs.getString("content_type"), Sql.instant(rs, "fetched_at"),
            rs.getLong("size"), rs.getString("kind"));
    }

    /** Headers as "Name: value" lines; values cannot contain LF (HTTP forbids it). */
    static String encodeHeaders(List<Map.Entry<String, String>> headers) {
        if (headers == null) return null;
        StringBuilder sb = new StringBuilder();
        for (var h : headers) sb.append(h.getKey()).append(": ").append(h.getValue().replace('\n', ' ')).append('\n');
        return sb.toString();
    }

    static List<Map.Entry<String, String>> decodeHeaders(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            int i = line.indexOf(": ");
            if (i > 0) out.add(Map.entry(line.substring(0, i), line.substring(i + 2)));
        }
        return out;
    }

    /** How many original rows there are (a progress bar's total). */
    public long count() {
        return db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM original")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
