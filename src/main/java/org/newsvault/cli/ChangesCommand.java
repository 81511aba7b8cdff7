package org.newsvault.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.store.ChangeRow;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault changes}: edits, deletions and returns found by re-checks, newest first. */
@Command(name = "changes", description = {"List edits and deletions found by re-checks, newest first:",
    "time (UTC), outlet, what happened, title, URL, evidence."})
public final class ChangesCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--since", paramLabel = "DATE", description = "only changes at or after DATE (2024-06-20, UTC, or an ISO instant)")
    String since;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet")
    String outlet;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "at most N changes (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        Instant from = since == null ? null : parseDate(since);
        try (Newsvault nv = Newsvault.open(parent.settings())) {
            List<ChangeRow> rows = new WatchRepository(nv.db).changes(from, outlet, Math.max(1, limit));
            if (rows.isEmpty()) System.out.println("no changes recorded" + (from == null ? "" : " since " + since));
            for (ChangeRow r : rows) System.out.println(line(r));
            return 0;
        }
    }

    static String line(ChangeRow r) {
        StatusEvent e = r.event();
        return TIME.format(e.at()) + "  " + r.outletId() + "  " + String.format("%-11s", e.status()) + "  " + r.title()
            + "  " + r.url() + "  (" + evidence(e, r.url()) + ")";
    }

    static String evidence(StatusEvent e, String url) {
        List<String> parts = new ArrayList<>();
        if (e.detail() != null) parts.add(e.detail());
        if (e.httpStatus() != null) parts.add("HTTP " + e.httpStatus());
        if (e.finalUrl() != null && !e.finalUrl().equals(url)) parts.add("final URL " + e.finalUrl());
        return String.join("; ", parts);
    }

    static Instant parseDate(String s) {
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since: not a date (2024-06-20) or an instant (2024-06-20T12:00:00Z): " + s);
        }
    }
}
