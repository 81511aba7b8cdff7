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

    public void upsert(String id, String name) {
        db.read(c -> {
            try (var ps = c.prepareStatement("MERGE INTO outlet (id, name, created_at) KEY (id) VALUES (?, ?, COALESCE((SELECT created_at FROM outlet WHERE id = ?), ?))")) {
                Sql.bind(ps, id, name, id, Instant.now());
                return ps.executeUpdate();
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
