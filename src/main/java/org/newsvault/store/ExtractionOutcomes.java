package org.newsvault.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each outlet's recent article pages were extracted (table {@code extraction_outcome}, V10), bounded to the
 * last rows per outlet, and the rule-health verdict last reached per outlet ({@code extraction_health}). The
 * outcome is stored as its label (the {@code extract.Extraction} constant in lower case), so this package needs
 * nothing of the extractor's.
 */
public final class ExtractionOutcomes {
    /** One stored page: when it was extracted and its outcome label. */
    public record Outcome(Instant at, String outcome) {}

    /** The verdict kept for an outlet: stale since then (null: not stale), and the summary it was reached with. */
    public record Kept(String outletId, Instant staleSince, String summary, Instant changedAt) {}

    private final Database db;

    public ExtractionOutcomes(Database db) {
        this.db = db;
    }

    /**
     * Adds one page's outcome and, when {@code keep > 0}, drops the outlet's rows older than its {@code keep}
     * newest (a caller prunes every few pages: the table stays bounded at a fraction of the cost). Grouped
     * ({@link Database#grouped}): it shares the commit of the articles and originals the entry workers are writing
     * at the same moment, so a page's outcome costs no commit of its own.
     */
    public void record(String outletId, String url, String outcome, Instant at, int keep) {
        String u = Columns.cut(url == null ? "" : url, Columns.URL);
        db.grouped(c -> {
            try (var ps = c.prepareStatement(
                "INSERT INTO extraction_outcome (outlet_id, url, outcome, extracted_at) VALUES (?, ?, ?, ?)")) {
                Sql.bind(ps, outletId, u, outcome, at);
                ps.executeUpdate();
            }
            if (keep > 0) prune(c, outletId, keep);
            return null;
        });
    }

    private static void prune(Connection c, String outletId, int keep) throws SQLException {
        Long oldestKept = null;
        try (var ps = c.prepareStatement(
            "SELECT id FROM extraction_outcome WHERE outlet_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?")) {
            Sql.bind(ps, outletId, keep - 1);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) oldestKept = rs.getLong(1);
            }
        }
        if (oldestKept == null) return;
        try (var ps = c.prepareStatement("DELETE FROM extraction_outcome WHERE outlet_id = ? AND id < ?")) {
            Sql.bind(ps, outletId, oldestKept);
            ps.executeUpdate();
        }
    }

    /** The outlet's newest {@code n} outcomes, oldest first. */
    public List<Outcome> recent(String outletId, int n) {
        return db.read(c -> {
            List<Outcome> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT extracted_at, outcome FROM extraction_outcome WHERE outlet_id = ?"
                + " ORDER BY id DESC LIMIT ?")) {
                Sql.bind(ps, outletId, n);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Outcome(Sql.instant(rs, "extracted_at"), rs.getString("outcome")));
                }
            }
            java.util.Collections.reverse(out);
            return out;
        });
    }

    /** Every outlet with stored outcomes, in id order. */
    public List<String> outlets() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT DISTINCT outlet_id FROM extraction_outcome ORDER BY outlet_id");
                 var rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    /** The kept verdicts by outlet id. */
    public Map<String, Kept> kept() {
        return db.read(c -> {
            Map<String, Kept> out = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT outlet_id, stale_since, summary, changed_at FROM extraction_health"
                + " ORDER BY outlet_id"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("outlet_id");
                    out.put(id, new Kept(id, Sql.instant(rs, "stale_since"), rs.getString("summary"),
                        Sql.instant(rs, "changed_at")));
                }
            }
            return out;
        });
    }

    /** Keeps the outlet's verdict: stale since {@code staleSince}, or (null) not stale. */
    public void keep(String outletId, Instant staleSince, String summary, Instant at) {
        String s = summary == null ? null : Columns.cut(summary, 1000);
        db.inTransaction(c -> {
            int n;
            try (var ps = c.prepareStatement(
                "UPDATE extraction_health SET stale_since = ?, summary = ?, changed_at = ? WHERE outlet_id = ?")) {
                Sql.bind(ps, staleSince, s, at, outletId);
                n = ps.executeUpdate();
            }
            // VALUES, not INSERT ... SELECT: PostgreSQL cannot type a NULL parameter in a select list. One poller
            // judges an outlet at a time (the monitor is the only writer), so no second insert races this one.
            if (n == 0) {
                try (var ps = c.prepareStatement(
                    "INSERT INTO extraction_health (outlet_id, stale_since, summary, changed_at) VALUES (?, ?, ?, ?)")) {
                    Sql.bind(ps, outletId, staleSince, s, at);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
