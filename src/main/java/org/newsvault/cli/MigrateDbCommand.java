package org.newsvault.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsvault.config.Settings;
import org.newsvault.store.DataLock;
import org.newsvault.store.DatabaseCopy;
import org.newsvault.store.MigrationTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault migrate-db --to URL}: the archive's H2 database copied into another database, then checked. */
@Command(name = "migrate-db", description = {"Copy the archive's database (data/newsvault.mv.db) into another database,",
    "migrated first to this newsvault's schema, then compare every table (row count and checksum).",
    "The H2 file is opened read-only and not changed. Refused while a daemon or another command uses the data",
    "directory, and when the target holds other rows; run again after an interruption to copy the tables left.",
    "Exit status: 0 copied and equal, 1 refused or not equal."})
public final class MigrateDbCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--to", required = true, paramLabel = "URL",
        description = "target database: jdbc:h2:file:/path/newsvault (or the PostgreSQL URL of the database: setting)")
    String to;

    @Option(names = "--yes", description = "do not ask before copying (needed when no terminal is attached)")
    boolean yes;

    @Override
    public Integer call() throws SQLException {
        Settings s = parent.settings();
        Path data = s.data();
        Optional<DataLock> lock = DataLock.tryAcquire(data, DataLock.processCommand());
        if (lock.isEmpty()) {
            String h = DataLock.holder(data).describe();
            throw new IllegalStateException("migrate-db: another newsvault process" + (h.isEmpty() ? "" : " (" + h + ")")
                + " is using " + data + "; stop it first (the archive is copied while nothing writes to it)");
        }
        try (DataLock held = lock.get()) {
            if (sameH2File(to, data)) {
                throw new IllegalArgumentException("--to names the archive's own database " + data.resolve("newsvault.mv.db"));
            }
            String target = MigrationTarget.redacted(to);
            if (!yes && !confirmed(data, target)) {
                System.err.println("migrate-db: nothing copied" + (System.console() == null
                    ? " (no terminal to ask: add --yes)" : ""));
                return 1;
            }
            try (Connection source = DatabaseCopy.openReadOnly(data); Connection into = openTarget(to)) {
                DatabaseCopy.CopyReport r = copy(source, into);
                int width = r.tables().stream().mapToInt(t -> t.table().length()).max().orElse(5);
                for (DatabaseCopy.TableReport t : r.tables()) System.out.println(line(t, width));
                System.out.printf(Locale.ROOT, "migrate-db: %d tables, %,d rows, schema version %s, into %s: %s%n",
                    r.tables().size(), r.rows(), r.schemaVersion(), target,
                    r.lossless() ? "every table equal" : "TABLES DIFFER (see above)");
                return r.lossless() ? 0 : 1;
            }
        }
    }

    /**
     * The target database, migrated to this build's schema. The one place where {@code --to} becomes a connection:
     * {@link MigrationTarget#open} takes {@code jdbc:h2:} URLs, and the PostgreSQL backend's URLs once it opens them.
     */
    static Connection openTarget(String url) {
        return MigrationTarget.open(url);
    }

    private static DatabaseCopy.CopyReport copy(Connection source, Connection target) throws SQLException {
        TerminalProgress[] bar = {null};
        String[] current = {null};
        try {
            return new DatabaseCopy(source, target, DatabaseCopy.IdentityReset.of(target)).run((table, done, total) -> {
                if (!table.equals(current[0])) {
                    if (bar[0] != null) bar[0].close();
                    current[0] = table;
                    bar[0] = TerminalProgress.start(table, total, "rows");
                }
                bar[0].stepTo(done);
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String line(DatabaseCopy.TableReport t, int width) {
        String what = t.outcome() == DatabaseCopy.Outcome.COPIED ? "copied" : "already there";
        String check = t.equal() ? "equal" : String.format(Locale.ROOT, "DIFFERENT: source %,d rows %s, target %,d rows %s",
            t.sourceRows(), t.sourceChecksum().substring(0, 12), t.targetRows(), t.targetChecksum().substring(0, 12));
        return String.format(Locale.ROOT, "migrate-db: %-" + width + "s %,12d rows %s, %s", t.table(), t.targetRows(), what, check);
    }

    private static boolean confirmed(Path data, String target) {
        var console = System.console();
        if (console == null) return false;
        String answer = console.readLine("Copy %s into %s? [y/N] ", data.resolve("newsvault.mv.db"), target);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** An H2 URL of the archive's own file: opening it for writing beside the read-only source would fail late. */
    static boolean sameH2File(String url, Path data) {
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:h2:file:")) rest = url.substring("jdbc:h2:file:".length());
        else if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
            && !lower.startsWith("jdbc:h2:ssl:")) rest = url.substring("jdbc:h2:".length());
        else return false;
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        try {
            return Path.of(path).toAbsolutePath().normalize().equals(data.resolve("newsvault").toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
