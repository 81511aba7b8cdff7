package org.newsvault.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nodes sharing this database ({@code node}, V11): each running daemon's row and its heartbeat. A name is taken
 * by one conditional statement, so two daemons starting under one name at once cannot both get it. Thread-safe.
 */
public final class NodeRepository {
    private final Database db;

    public NodeRepository(Database db) {
        this.db = db;
    }

    /** One node as recorded: {@code polls} counts the feed polls it finished since the name was first seen. */
    public record NodeRow(String name, Instant startedAt, Instant heartbeatAt, Instant stoppedAt, String host, long pid,
                          String version, long polls) {}

    /** The process registering: where it runs. */
    public record Self(String host, long pid, String version) {
        public static Self current(String version) {
            return new Self(org.newsvault.model.NodePolicy.localHost(), ProcessHandle.current().pid(), version);
        }
    }

    /**
     * Takes {@code name} for this process: a new name, or one whose node stopped, last beat before
     * {@code deadBefore}, or ran on this host as a process that is gone (killed a moment ago: no need to wait).
     *
     * @return empty when the name is ours now; else the live node holding it
     */
    public Optional<NodeRow> register(String name, Self self, Instant now, Instant deadBefore) {
        return db.read(c -> {
            Optional<NodeRow> before = find(c, name);
            // A killed process of this host: its pid is not running. Taken over only if the row is still as read.
            boolean gone = before.isPresent() && before.get().host().equals(self.host()) && before.get().pid() != self.pid()
                && ProcessHandle.of(before.get().pid()).map(p -> !p.isAlive()).orElse(true);
            try (var ps = c.prepareStatement("UPDATE node SET started_at = ?, heartbeat_at = ?, stopped_at = NULL, host = ?,"
                + " pid = ?, version = ? WHERE name = ? AND (stopped_at IS NOT NULL OR heartbeat_at < ?"
                + " OR (host = ? AND pid = ? AND ?))")) {
                Sql.bind(ps, now, now, self.host(), self.pid(), self.version(), name, deadBefore, self.host(),
                    before.map(NodeRow::pid).orElse(-1L), gone);
                if (ps.executeUpdate() == 1) return Optional.<NodeRow>empty();
            }
            try (var ps = c.prepareStatement("INSERT INTO node (name, started_at, heartbeat_at, host, pid, version)"
                + " SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM node WHERE name = ?)")) {
                Sql.bind(ps, name, now, now, self.host(), self.pid(), self.version(), name);
                if (ps.executeUpdate() == 1) return Optional.<NodeRow>empty();
            } catch (SQLException e) {
                if (!Leases.duplicate(e)) throw e; // another process inserted it this instant: it is alive
            }
            return Optional.of(find(c, name).orElseThrow(() -> new SQLException("node " + name + " vanished")));
        });
    }

    /** Records that {@code name} is alive at {@code now}; false when the row is no longer ours (taken over as dead). */
    public boolean heartbeat(String name, long pid, Instant now) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE node SET heartbeat_at = ? WHERE name = ? AND pid = ? AND stopped_at IS NULL")) {
                Sql.bind(ps, now, name, pid);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A clean stop: the others see the node gone at once instead of after its heartbeat goes stale. */
    public void stopped(String name, long pid, Instant now) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE node SET stopped_at = ? WHERE name = ? AND pid = ?")) {
                Sql.bind(ps, now, name, pid);
                return ps.executeUpdate();
            }
        });
    }

    /** Counts a finished feed poll of the node. */
    public void countPoll(String name) {
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE node SET polls = polls + 1 WHERE name = ?")) {
                Sql.bind(ps, name);
                return ps.executeUpdate();
            }
        });
    }

    public List<NodeRow> all() {
        return db.read(c -> {
            List<NodeRow> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT * FROM node ORDER BY name"); var rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        });
    }

    /** Names of the nodes alive at {@code now}: not stopped, heartbeat at or after {@code deadBefore}. */
    public List<String> alive(Instant deadBefore) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT name FROM node WHERE stopped_at IS NULL AND heartbeat_at >= ? ORDER BY name")) {
                Sql.bind(ps, deadBefore);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static Optional<NodeRow> find(java.sql.Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT * FROM node WHERE name = ?")) {
            Sql.bind(ps, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static NodeRow map(java.sql.ResultSet rs) throws SQLException {
        return new NodeRow(rs.getString("name"), Sql.instant(rs, "started_at"), Sql.instant(rs, "heartbeat_at"),
            Sql.instant(rs, "stopped_at"), rs.getString("host"), rs.getLong("pid"), rs.getString("version"), rs.getLong("polls"));
    }
}
