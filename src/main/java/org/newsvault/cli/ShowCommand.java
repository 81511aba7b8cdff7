package org.newsvault.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Reading;
import org.newsvault.store.RevisionRow;
import org.newsvault.store.StatusEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault show ID|URL}: one archived article, its metadata and its text. */
@Command(name = "show", description = {"Show one archived article: title, author, outlet, published and fetched times,",
    "its URL and every URL it was seen under, status and history, body kind, versions; then the body as text.",
    "Exit code 0 when the article was found, 1 when it was not, 2 for a bad option."})
public final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Parameters(paramLabel = "ID|URL", description = "the article's id (see `newsvault list`), or any URL it was seen under")
    String article;

    @Option(names = "--json", description = "one JSON object instead, the body as \"text\" and as sanitized \"html\"")
    boolean json;

    @Override
    public Integer call() {
        String key = article.strip();
        try (Newsvault nv = Newsvault.open(parent.settings())) {
            Reading reading = new Reading(nv.db);
            Optional<Long> id = key.matches("\\d{1,18}") ? Optional.of(Long.parseLong(key)) : reading.idOf(key);
            Optional<Reading.Detail> detail = id.flatMap(reading::article);
            if (detail.isEmpty()) {
                System.err.println("no archived article '" + TerminalText.line(key) + "'"
                    + (key.matches("\\d+") ? " (ids: see `newsvault list`)" : ""));
                return 1;
            }
            String outletName = nv.outlets.all().get(detail.get().row().outletId());
            System.out.print(json ? json(detail.get(), outletName) + "\n" : text(detail.get(), outletName));
            return 0;
        }
    }

    static String text(Reading.Detail d, String outletName) {
        ArticleRow a = d.row();
        StringBuilder sb = new StringBuilder();
        field(sb, "title", TerminalText.line(a.title()));
        if (a.author() != null && !a.author().isBlank()) field(sb, "author", TerminalText.line(a.author()));
        field(sb, "outlet", TerminalText.line(a.outletId()) + (outletName == null || outletName.equals(a.outletId()) ? ""
            : " (" + TerminalText.line(outletName) + ")"));
        field(sb, "published", a.publishedAt() == null ? "none recorded (the item gave no date)" : time(a.publishedAt()));
        field(sb, "fetched", time(a.fetchedAt()));
        field(sb, "url", TerminalText.line(a.file().url()));
        for (ArticleRepository.Sighting s : d.sightings()) {
            field(sb, "seen under", TerminalText.line(s.url()) + "  (" + time(s.seenAt()) + ", " + reason(s) + ")");
        }
        field(sb, "status", a.status());
        for (StatusEvent e : d.events()) {
            field(sb, "  " + time(e.at()), e.status() + "  " + TerminalText.line(ChangesCommand.evidence(e, a.file().url())));
        }
        field(sb, "body", bodyKind(a));
        if (d.revisions().isEmpty()) {
            field(sb, "versions", "1, as archived " + time(a.fetchedAt()) + " (never changed)");
        } else {
            for (RevisionRow r : d.revisions()) {
                field(sb, "version " + r.revision().n(), time(r.revision().fetchedAt()) + "  " + TerminalText.line(r.revision().title()));
            }
        }
        field(sb, "file", a.filePath());
        sb.append('\n').append(TerminalText.body(a.file().bodyHtml())).append('\n');
        return sb.toString();
    }

    static String bodyKind(ArticleRow a) {
        return a.teaser() ? "teaser: the article's page could not be fetched, the feed's summary is kept (tried again later)"
            : "full text";
    }

    private static String reason(ArticleRepository.Sighting s) {
        String r = switch (s.reason()) {
            case "self" -> "archived from it";
            case "content" -> "same text";
            default -> TerminalText.line(s.reason());
        };
        return s.feedId() == null ? r : r + ", feed " + s.feedId();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-11s", name + ":")).append(' ').append(value).append('\n');
    }

    private static String time(Instant t) {
        return ChangesCommand.TIME.format(t);
    }

    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setCharacterEscapes(TerminalText.JSON_ESCAPES);
        return m;
    }

    static String json(Reading.Detail d, String outletName) {
        ArticleRow a = d.row();
        ObjectMapper m = mapper();
        ObjectNode o = m.createObjectNode();
        o.put("id", a.id());
        o.put("title", a.title());
        o.put("author", a.author());
        o.put("outlet", a.outletId());
        o.put("outletName", outletName);
        o.put("published", a.publishedAt() == null ? null : a.publishedAt().toString());
        o.put("fetched", a.fetchedAt().toString());
        o.put("url", a.file().url());
        ArrayNode seen = o.putArray("seenUnder");
        for (ArticleRepository.Sighting s : d.sightings()) {
            ObjectNode n = seen.addObject();
            n.put("url", s.url());
            n.put("seen", s.seenAt().toString());
            n.put("reason", s.reason());
            if (s.feedId() != null) n.put("feed", s.feedId());
        }
        o.put("status", a.status());
        ArrayNode events = o.putArray("events");
        for (StatusEvent e : d.events()) {
            ObjectNode n = events.addObject();
            n.put("at", e.at().toString());
            n.put("status", e.status());
            if (e.httpStatus() != null) n.put("httpStatus", e.httpStatus());
            n.put("finalUrl", e.finalUrl());
            n.put("detail", e.detail());
        }
        o.put("body", a.bodyKind());
        ArrayNode versions = o.putArray("versions");
        List<RevisionRow> revs = d.revisions();
        if (revs.isEmpty()) {
            versions.addObject().put("n", 1).put("fetched", a.fetchedAt().toString()).put("title", a.title());
        }
        for (RevisionRow r : revs) {
            versions.addObject().put("n", r.revision().n()).put("fetched", r.revision().fetchedAt().toString())
                .put("title", r.revision().title());
        }
        o.put("file", a.filePath());
        o.put("text", TerminalText.body(a.file().bodyHtml()));
        o.put("html", a.file().bodyHtml());
        try {
            return m.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
