package org.newsvault.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The next start of a request to each host for the whole cluster ({@code host_pace}, V11): a node reserves a start
 * under the row's lock, so two nodes never get starts closer than the gap. One short transaction per request.
 * Thread-safe.
 */
public final class HostPaceRepository {
    private final Database db;

    public HostPaceRepository(Database db) {
        this.db = db;
    }

    /**
     * Reserves the first start at or after {@code now} that is at least {@code gap} after every start reserved
     * before it, and records the one after it.
     *
     * @return the reserved start
     */
    public Instant reserve(String host, Instant now, Duration gap) {
        String h = host.length() > 255 ? host.substring(0, 255) : host;
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(c -> {
                    Instant next = null;
                    try (var ps = c.prepareStatement("SELECT next_at FROM host_pace WHERE host = ? FOR UPDATE")) {
                        Sql.bind(ps, h);
                        try (var rs = ps.executeQuery()) {
                            if (rs.next()) next = Sql.instant(rs, "next_at");
                        }
                    }
                    if (next == null) {
                        try (var ps = c.prepareStatement("INSERT INTO host_pace (host, next_at) VALUES (?, ?)")) {
                            Sql.bind(ps, h, now.plus(gap));
                            ps.executeUpdate();
                        }
                        return now;
                    }
                    Instant start = next.isAfter(now) ? next : now;
                    try (var ps = c.prepareStatement("UPDATE host_pace SET next_at = ? WHERE host = ?")) {
                        Sql.bind(ps, start.plus(gap), h);
                        ps.executeUpdate();
                    }
                    return start;
                });
            } catch (StoreException e) {
                // Two nodes inserted the host's first row at once: the loser reads the winner's row.
                if (attempt > 0 || !(e.getCause() instanceof SQLException s && Leases.duplicate(s))) throw e;
            }
        }
    }
}
