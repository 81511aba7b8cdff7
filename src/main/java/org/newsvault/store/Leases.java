package org.newsvault.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Leases on one kind of work shared by several processes ({@code feed_lease}, {@code recheck_lease}, V11): who does
 * a piece of work now and until when, and who did it last. Taking one is a single conditional UPDATE (free,
 * expired, or already ours) or INSERT (never leased): the database decides between two nodes asking at the same
 * instant, each statement atomic on its own, so nothing depends on a lock inside one JVM. Thread-safe.
 */
public final class Leases {
    /** The kinds of leased work. */
    public enum Kind {
        FEED("feed_lease", "feed_id"),
        RECHECK("recheck_lease", "article_id");

        final String table;
        final String key;

        Kind(String table, String key) {
            this.table = table;
            this.key = key;
        }
    }

    private final Database db;
    private final Kind kind;

    public Leases(Database db, Kind kind) {
        this.db = db;
        this.kind = kind;
    }

    /**
     * Takes the lease on {@code id} for {@code holder} until {@code until}: when nobody holds it, its holder's lease
     * ended before {@code now}, or {@code holder} holds it already (a restart under the same name).
     *
     * @return true when {@code holder} holds it now
     */
    public boolean take(long id, String holder, Instant now, Instant until) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE " + kind.table + " SET holder = ?, until = ? WHERE " + kind.key + " = ?"
                + " AND (until IS NULL OR until < ? OR holder = ?)")) {
                Sql.bind(ps, holder, until, id, now, holder);
                if (ps.executeUpdate() == 1) return true;
            }
            try (var ps = c.prepareStatement("INSERT INTO " + kind.table + " (" + kind.key + ", holder, until)"
                + " SELECT ?, ?, ? FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM " + kind.table
                + " WHERE " + kind.key + " = ?)")) {
                Sql.bind(ps, id, holder, until, id);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (duplicate(e)) return false; // another holder inserted it this instant
                throw e;
            }
        });
    }

    /** Extends every lease {@code holder} still holds to {@code until}; returns how many. */
    public int renew(String holder, Instant until) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE " + kind.table + " SET until = ? WHERE holder = ? AND until IS NOT NULL")) {
                Sql.bind(ps, until, holder);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Gives the lease back. With {@code doneAt}, the work is recorded as done by {@code doneBy} then (the feed's
     * "polled by"); without, it is handed back undone. A lease that expired and was taken meanwhile is left alone.
     */
    public void release(long id, String holder, String doneBy, Instant doneAt) {
        db.read(c -> {
            String done = doneAt == null ? "" : ", done_by = ?, done_at = ?";
            try (var ps = c.prepareStatement("UPDATE " + kind.table + " SET holder = NULL, until = NULL" + done
                + " WHERE " + kind.key + " = ? AND holder = ?")) {
                if (doneAt == null) Sql.bind(ps, id, holder);
                else Sql.bind(ps, doneBy, doneAt, id, holder);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records work done without a lease (a node alone: nobody to share with), so the "polled by" is shown the same.
     */
    public void recordDone(long id, String doneBy, Instant doneAt) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE " + kind.table + " SET done_by = ?, done_at = ? WHERE " + kind.key + " = ?")) {
                Sql.bind(ps, doneBy, doneAt, id);
                if (ps.executeUpdate() == 1) return 1;
            }
            try (var ps = c.prepareStatement("INSERT INTO " + kind.table + " (" + kind.key + ", done_by, done_at)"
                + " SELECT ?, ?, ? FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM " + kind.table
                + " WHERE " + kind.key + " = ?)")) {
                Sql.bind(ps, id, doneBy, doneAt, id);
                return ps.executeUpdate();
            } catch (SQLException e) {
                if (duplicate(e)) return 0; // recorded by another at this instant: theirs stands
                throw e;
            }
        });
    }

    /** Who holds the lease on {@code id} now (its lease not over at {@code now}). */
    public Optional<String> holder(long id, Instant now) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT holder FROM " + kind.table + " WHERE " + kind.key + " = ?"
                + " AND holder IS NOT NULL AND until >= ?")) {
                Sql.bind(ps, id, now);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Who did the work last, and when: id → (done_by, done_at). */
    public record Done(String by, Instant at) {}

    public Map<Long, Done> done() {
        return db.read(c -> {
            Map<Long, Done> out = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT " + kind.key + ", done_by, done_at FROM " + kind.table
                + " WHERE done_by IS NOT NULL"); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), new Done(rs.getString(2), Sql.instant(rs, "done_at")));
            }
            return out;
        });
    }

    /** How many leases each holder holds at {@code now}. */
    public Map<String, Integer> heldBy(Instant now) {
        return db.read(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT holder, COUNT(*) FROM " + kind.table
                + " WHERE holder IS NOT NULL AND until >= ? GROUP BY holder")) {
                Sql.bind(ps, now);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** A unique-key violation (SQLState class 23: integrity constraint), as H2 and PostgreSQL both report it. */
    static boolean duplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) return true;
        }
        return false;
    }
}
