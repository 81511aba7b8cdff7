package org.newsvault.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.newsvault.store.Database;

/**
 * Fills the archive tables with {@code rows} small articles (and their own sightings) by batched JDBC
 * inserts, writing no files: a stand-in for years of archive, built in seconds, so the benchmark can show
 * that the cost of a poll does not grow with the archive. Rows are marked written so startup recovery
 * leaves them alone; the data directory is thrown away afterwards.
 */
final class ArchivePrefill {
    private static final int BATCH = 1_000;
    private static final int COMMIT = 20_000;
    private static final String INSERT = "INSERT INTO article (outlet_id, guid, canonical_url, title, author, published_at,"
        + " fetched_at, content_hash, variant, front_matter, stamp, file_title, file_url, body, file_path, file_written,"
        + " source, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'JEKYLL', ?, ?, ?, ?, ?, ?, TRUE, 'poll', 'live', ?)";
    private static final String SIGHTINGS = "INSERT INTO sighting (article_id, outlet_id, url, reason, seen_at)"
        + " SELECT id, outlet_id, canonical_url, 'self', created_at FROM article WHERE id > ?";

    private ArchivePrefill() {}

    /** How many articles of {@code outletId} the archive holds (a kept bench archive is reused when complete). */
    static long count(Database db, String outletId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM article WHERE outlet_id = ?")) {
            ps.setString(1, outletId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the bench archive: " + e.getMessage(), e);
        }
    }

    /** @param outletId an outlet that exists in the database */
    static void fill(Database db, String outletId, long rows) {
        fill(db, outletId, rows, null);
    }

    /**
     * As {@link #fill(Database, String, long)}, with the titles and bodies of {@code corpus}'s real stories
     * (numbered, so every row is its own article): what a search index and the article pages see in a real
     * archive. Null: the small synthetic bodies.
     */
    static void fill(Database db, String outletId, long rows, Corpus corpus) {
        Instant start = Instant.parse("2015-01-01T00:00:00Z");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement(INSERT); PreparedStatement sight = c.prepareStatement(SIGHTINGS)) {
                long committedUpTo = maxId(c);
                for (long i = 0; i < rows; i++) {
                    bind(ins, outletId, i, start.plusSeconds(120 * i), corpus);
                    ins.addBatch();
                    boolean last = i == rows - 1;
                    if ((i + 1) % BATCH == 0 || last) ins.executeBatch();
                    if ((i + 1) % COMMIT == 0 || last) {
                        sight.setLong(1, committedUpTo);
                        sight.executeUpdate();
                        c.commit();
                        committedUpTo = maxId(c);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prefill the bench archive: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, String outletId, long i, Instant at, Corpus texts) throws SQLException {
        String url = "https://archive.bench.invalid/" + outletId + "/" + i;
        Corpus.Story story = texts == null ? null : texts.story(i);
        String title = story == null ? "存档文章 " + i : story.title() + " " + i;
        String day = at.toString().substring(0, 10);
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        ps.setString(1, outletId);
        ps.setString(2, url);
        ps.setString(3, url);
        ps.setString(4, title);
        ps.setString(5, "基准");
        ps.setObject(6, t);
        ps.setObject(7, t);
        ps.setString(8, hash(i));
        ps.setString(9, "layout: post\ntitle: \"" + title + "\"");
        ps.setString(10, String.valueOf(at.toEpochMilli()));
        ps.setString(11, title);
        ps.setString(12, url);
        ps.setString(13, story == null ? "<div>\n<p>存档正文 " + i + "：过去多年的一篇报道。</p>\n</div>"
            : "<div>\n" + story.bodyHtml() + "\n<p>第 " + i + " 篇</p>\n</div>");
        ps.setString(14, outletId + "/" + day.substring(0, 4) + "/" + day + "-" + String.format("%010x", i) + ".md");
        ps.setObject(15, t);
    }

    /**
     * A content hash spread over the whole key space like a real SHA-256: sequential hashes would all sort
     * before every new article's, so each new one would land at the tail of the index, as in an empty archive,
     * and the phase would not show what a large index costs. (SplitMix64, not SHA-256: cheap for a million rows.)
     */
    static String hash(long i) {
        StringBuilder sb = new StringBuilder(64);
        long x = i;
        for (int k = 0; k < 4; k++) {
            x = mix(x + 0x9E3779B97F4A7C15L * (k + 1));
            sb.append(java.util.HexFormat.of().toHexDigits(x));
        }
        return sb.toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long maxId(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM article")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
