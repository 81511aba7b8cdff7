package org.newsvault.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.model.ArticleStatus;
import org.newsvault.store.Reading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault list}: archived articles, newest first, one line each. */
@Command(name = "list", description = {"List archived articles, newest first, one line each:",
    "id, date (UTC; the published time, else the fetch time), outlet, status, title.",
    "Exit code 0 when articles were listed, 1 when none matched, 2 for a bad option."})
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet")
    String outlet;

    @Option(names = "--since", paramLabel = "DATE",
        description = "only articles from DATE on (2024-06-20, a day in UTC, or an ISO instant such as 2024-06-20T12:00:00Z)")
    String since;

    @Option(names = "--until", paramLabel = "DATE",
        description = "only articles up to DATE: a day (2024-06-20) counts in whole, an instant is excluded")
    String until;

    @Option(names = "--status", paramLabel = "S", description = "only articles with this status: live, edited, deleted or unreachable")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N articles (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "one JSON object per line instead (id, date, outlet, status, title, author, url, fetched, body)")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        Instant from = since == null ? null : date("--since", since, false);
        Instant to = until == null ? null : date("--until", until, true);
        String st = status == null ? null : status(status);
        ObjectMapper mapper = ShowCommand.mapper();
        try (Newsvault nv = Newsvault.open(parent.settings())) {
            Reading reading = new Reading(nv.db);
            Reading.ListFilter filter = new Reading.ListFilter(outlet, from, to, st);
            int shown = 0;
            while (shown < limit) {
                Reading.Page<Reading.Listed> page = reading.list(filter, shown, Math.min(Reading.MAX_PAGE, limit - shown));
                for (Reading.Listed a : page.items()) System.out.println(json ? json(mapper, a) : line(a));
                shown += page.items().size();
                if (!page.hasNext() || page.items().isEmpty()) break;
            }
            if (shown == 0) {
                System.err.println(nothing(nv, from, to));
                return 1;
            }
            return 0;
        }
    }

    private String nothing(Newsvault nv, Instant from, Instant to) {
        if (outlet != null) {
            Map<String, String> outlets = nv.outlets.all();
            if (!outlets.containsKey(outlet)) {
                return "no outlet '" + TerminalText.line(outlet) + "' in the archive"
                    + (outlets.isEmpty() ? "" : " (outlets: " + String.join(", ", outlets.keySet()) + ")");
            }
        }
        return "no archived article matches" + (outlet == null ? "" : " --outlet " + outlet)
            + (status == null ? "" : " --status " + status) + (from == null ? "" : " --since " + since)
            + (to == null ? "" : " --until " + until);
    }

    static String line(Reading.Listed a) {
        return a.id() + "  " + ChangesCommand.TIME.format(a.when()) + "  " + TerminalText.line(a.outletId()) + "  "
            + String.format("%-11s", a.status()) + "  " + TerminalText.line(a.title())
            + ("teaser".equals(a.bodyKind()) ? "  (teaser)" : "");
    }

    static String json(ObjectMapper mapper, Reading.Listed a) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", a.id());
        o.put("date", a.when().toString());
        o.put("outlet", a.outletId());
        o.put("status", a.status());
        o.put("title", a.title());
        o.put("author", a.author());
        o.put("url", a.url());
        o.put("fetched", a.fetchedAt().toString());
        o.put("body", a.bodyKind());
        try {
            return mapper.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String status(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        for (ArticleStatus a : ArticleStatus.values()) if (a.dbValue().equals(v)) return v;
        throw new IllegalArgumentException("--status must be one of " + String.join(", ",
            Arrays.stream(ArticleStatus.values()).map(ArticleStatus::dbValue).toList()) + ", not '" + TerminalText.line(s) + "'");
    }

    /** A day in UTC (its start; with {@code endOfDay}, the start of the next day) or an ISO instant. */
    static Instant date(String option, String s, boolean endOfDay) {
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": not a date (2024-06-20) or an instant (2024-06-20T12:00:00Z): '"
                + TerminalText.line(s) + "'");
        }
    }
}
