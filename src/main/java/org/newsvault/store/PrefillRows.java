package org.newsvault.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * The benchmark's stand-in for years of archive (bench.ArchivePrefill): article rows and their own sightings by
 * batched inserts, marked written, with no files. Here because it is SQL; nothing but the benchmark calls it.
 */
public final class PrefillRows {
    private static final int BATCH = 1_000;
    private static final int COMMIT = 20_000;
    private static final String INSERT = "INSERT INTO article (outlet_id, guid, canonical_url, title, author, published_at,"
        + " fetched_at, content_hash, variant, front_matter, stamp, file_title, file_url, body, file_path, file_written,"
        + " source, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'JEKYLL', ?, ?, ?, ?, ?, ?, TRUE, 'poll', 'live', ?)";
    private static final String SIGHTINGS = "INSERT INTO sighting (article_id, outlet_id, url, reason, seen_at)"
        + " SELECT id, outlet_id, canonical_url, 'self', created_at FROM article WHERE id > ?";

    /** One synthetic article: its URL is also its guid and file URL, its title also the file's title. */
    public record Row(String url, String title, String author, Instant at, String contentHash, String frontMatter,
                      String stamp, String body, String filePath) {}

    private PrefillRows() {}

    /** Inserts {@code rows} articles of {@code outletId} (an outlet that exists), {@code row.apply(i)} each. */
    public static void fill(Database db, String outletId, long rows, LongFunction<Row> row) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement(INSERT); PreparedStatement sight = c.prepareStatement(SIGHTINGS)) {
                long committedUpTo = maxId(c);
                for (long i = 0; i < rows; i++) {
                    Row r = row.apply(i);
                    Sql.bind(ins, outletId, r.url(), r.url(), r.title(), r.author(), r.at(), r.at(), r.contentHash(),
                        r.frontMatter(), r.stamp(), r.title(), r.url(), r.body(), r.filePath(), r.at());
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
            throw new StoreException("database: cannot prefill the archive: " + e.getMessage(), e);
        }
    }

    private static long maxId(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM article")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
