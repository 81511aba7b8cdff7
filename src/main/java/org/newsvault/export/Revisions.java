package org.newsvault.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsvault.store.Database;
import org.newsvault.store.StoreException;

/**
 * An article's stored revisions, for the JSON export. Revision tracking is a later addition, so the table
 * is looked up in {@code INFORMATION_SCHEMA} and only its known columns are read; without it every
 * article has no revisions. Holds one connection for the whole export.
 */
final class Revisions implements AutoCloseable {
    /** Column → JSON key, in output order. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("N", "n");
        COLUMNS.put("FETCHED_AT", "fetched");
        COLUMNS.put("TITLE", "title");
        COLUMNS.put("CONTENT_HASH", "contentHash");
        COLUMNS.put("FILE_PATH", "file");
        COLUMNS.put("ORIGINAL_ID", "originalId");
    }

    private final Connection connection;
    private final PreparedStatement query;
    private final List<String> columns;

    Revisions(Database db) {
        this.connection = db.connection();
        try {
            List<String> present = new ArrayList<>();
            try (var ps = connection.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'REVISION'"); var rs = ps.executeQuery()) {
                while (rs.next()) present.add(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
            }
            this.columns = COLUMNS.keySet().stream().filter(present::contains).toList();
            this.query = present.contains("ARTICLE_ID") && !columns.isEmpty()
                ? connection.prepareStatement("SELECT " + String.join(", ", columns) + " FROM revision WHERE article_id = ?"
                    + (columns.contains("N") ? " ORDER BY n" : ""))
                : null;
        } catch (SQLException e) {
            close();
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    boolean tracked() {
        return query != null;
    }

    ArrayNode of(long articleId) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (query == null) return out;
        try {
            query.setLong(1, articleId);
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    ObjectNode r = out.addObject();
                    for (String c : columns) {
                        Object v = rs.getObject(c);
                        String key = COLUMNS.get(c);
                        if (v == null) r.putNull(key);
                        else if (v instanceof Number n) r.put(key, n.longValue());
                        else if (v instanceof OffsetDateTime t) r.put(key, t.toInstant().toString());
                        else r.put(key, v.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database: revisions of article " + articleId + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool discards it
        }
    }
}
