package org.newsvault.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Outlets by id. Names follow the configuration; an imported archive may add outlets of its own. */
public final class OutletRepository {
    private final Database db;

    public OutletRepository(Database db) {
        this.db = db;
    }

    /**
     * The outlet with this name, created (now) when new. Portable SQL, no MERGE: an update, else an insert of a row
     * still absent; a process inserting the same outlet in between (every node syncs the config at start) makes the
     * insert fail on the key in auto-commit, and the update then finds its row.
     */
    public void upsert(String id, String name) {
        db.read(c -> {
            for (int attempt = 0; ; attempt++) {
                try (var up = c.prepareStatement("UPDATE outlet SET name = ? WHERE id = ?")) {
                    Sql.bind(up, name, id);
                    if (up.executeUpdate() > 0) return null;
                }
                try (var ins = c.prepareStatement("INSERT INTO outlet (id, name, created_at) SELECT CAST(? AS VARCHAR(64)),"
                    + " CAST(? AS VARCHAR(400)), CAST(? AS TIMESTAMP WITH TIME ZONE) WHERE NOT EXISTS"
                    + " (SELECT 1 FROM outlet WHERE id = ?)")) {
                    Sql.bind(ins, id, name, Instant.now(), id);
                    ins.executeUpdate();
                    return null;
                } catch (java.sql.SQLException e) {
                    if (!"23505".equals(e.getSQLState()) || attempt > 0) throw e;
                }
            }
        });
    }

    /** id → display name. */
    public Map<String, String> all() {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT id, name FROM outlet ORDER BY id"); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }
}
