package org.newsvault.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.newsvault.config.Settings;
import org.newsvault.store.DataLock;
import org.newsvault.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault compact}: the database file rewritten to its live data, offline, with before/after sizes. */
@Command(name = "compact", description = {"Rewrite data/newsvault.mv.db to its live data (H2 SHUTDOWN COMPACT) and print",
    "its size before and after. Offline: refused while a daemon or another command uses the data directory.",
    "On PostgreSQL (database: in the config) there is nothing to do: VACUUM is the database's.",
    "Exit status: 0 compacted (or not needed), 1 could not (no database, data directory in use)."})
public final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--defrag", description = "SHUTDOWN DEFRAG: also re-order rows and indexes (slower)")
    boolean defrag;

    @Override
    public Integer call() {
        Settings s = parent.settings();
        if (!s.database().embedded()) {
            System.out.println("compact: not needed on " + s.database().describe() + ": the database server reclaims space"
                + " itself (autovacuum; VACUUM FULL is its administrator's)");
            return 0;
        }
        try (DataLock lock = DataLock.acquire(s.data())) {
            Database.Compaction c = Database.compactOffline(s.data(), defrag);
            System.out.printf(Locale.ROOT, "compact: %s from %s to %s (%s)%n", s.data().resolve("newsvault.mv.db"),
                size(c.before()), size(c.after()), c.after() >= c.before() ? "nothing to reclaim"
                    : String.format(Locale.ROOT, "%.1fx smaller", (double) c.before() / Math.max(1, c.after())));
            return 0;
        }
    }

    /** Decimal units, as {@code ls -l --si} and disk vendors count. */
    static String size(long bytes) {
        if (bytes < 1_000_000) return String.format(Locale.ROOT, "%,d KB", (bytes + 999) / 1000);
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }
}
