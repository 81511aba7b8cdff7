package org.newsvault.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.newsvault.store.Database;
import org.newsvault.store.StoreException;

/**
 * "Does any article row own this file?", asked once per file of the archive walk: one indexed lookup on
 * {@code article.file_path} over one held connection, so the walk costs no memory per file.
 */
final class FileIndex implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement byPath;

    FileIndex(Database db) {
        this.connection = db.connection();
        try {
            this.byPath = connection.prepareStatement("SELECT 1 FROM article WHERE file_path = ? LIMIT 1");
        } catch (SQLException e) {
            close();
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** @param relative archive-relative path with {@code /} separators, as stored */
    boolean owned(String relative) {
        try {
            byPath.setString(1, relative);
            try (ResultSet rs = byPath.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returning a pooled connection; nothing to recover
        }
    }
}
