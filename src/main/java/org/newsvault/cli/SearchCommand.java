package org.newsvault.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.export.Dates;
import org.newsvault.search.IndexFollower;
import org.newsvault.search.InvalidQueryException;
import org.newsvault.search.LiveIndex;
import org.newsvault.search.SearchHit;
import org.newsvault.search.SearchIndex;
import org.newsvault.search.SearchQuery;
import org.newsvault.search.SearchResult;
import org.newsvault.search.Snippet;
import org.newsvault.store.IndexFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault search}: the full-text index from the command line, with the reading room's query syntax. */
@Command(name = "search", description = {"Search the archive's text: Chinese words in either script (習近平 finds 习近平),",
    "Latin words, \"phrases\", -word to exclude, a | b for either. Words must all match.",
    "While the daemon runs it searches the daemon's index (a few seconds behind); otherwise it first brings the index",
    "up to date with the database (building it the first time, with a progress bar).",
    "Exit status: 0 something found, 1 nothing found, 2 bad usage or a query that cannot run."})
public final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "the words to find")
    List<String> words;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet (repeatable)")
    List<String> outlets = List.of();

    @Option(names = "--status", paramLabel = "S", description = "only articles with this status: live, edited, deleted, ... (repeatable)")
    List<String> statuses = List.of();

    @Option(names = "--since", paramLabel = "DATE", description = "published on or after this UTC day (YYYY-MM-DD) or ISO instant")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "published up to and including this UTC day, or before this ISO instant")
    String until;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "relevance", description = "relevance (default) or newest")
    String sort;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N results (1-100, default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "skip the first N results (paging)")
    int offset;

    @Option(names = "--json", description = "one JSON object per result instead of the lines (no summary line)")
    boolean json;

    @Override
    public Integer call() {
        SearchQuery.Order order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SearchQuery.Order.RELEVANCE;
            case "newest" -> SearchQuery.Order.NEWEST;
            default -> throw new IllegalArgumentException("--sort: relevance or newest, not " + sort);
        };
        if (limit < 1 || limit > SearchIndex.MAX_LIMIT) throw new IllegalArgumentException("--limit: 1 to " + SearchIndex.MAX_LIMIT);
        if (offset < 0) throw new IllegalArgumentException("--offset: 0 or more");
        SearchQuery q = SearchQuery.of(String.join(" ", words)).withOutlets(new LinkedHashSet<>(outlets))
            .withStatuses(new LinkedHashSet<>(statuses)).withPublished(Dates.since(since), Dates.until(until))
            .withOrder(order).withPage(offset, limit);
        var settings = parent.settings();
        SearchResult r;
        try (Newsvault nv = Newsvault.open(settings)) {
            r = nv.alone() ? searchAlone(nv, q) : searchThroughDaemon(settings.searchIndex(), q);
        } catch (InvalidQueryException e) {
            throw new IllegalArgumentException("query: " + e.getMessage(), e);
        }
        print(r, q);
        return r.total() > 0 ? 0 : 1;
    }

    /** Alone: the index is ours; bring it up to date with the database first (offline imports, polls). */
    private static SearchResult searchAlone(Newsvault nv, SearchQuery q) {
        try (SearchIndex index = SearchIndex.open(nv.settings.searchIndex(), SearchIndex.Options.manual(Clock.systemUTC()))) {
            IndexFeed feed = new IndexFeed(nv.db);
            IndexFollower follower = new IndexFollower(index, feed, Clock.systemUTC());
            long behind = feed.current().article() - follower.marks().article();
            try (TerminalProgress bar = TerminalProgress.start("indexing", Math.max(0, behind), "articles")) {
                follower.catchUp(() -> false, bar::stepTo);
            }
            index.commit();
            return index.search(q);
        }
    }

    private static SearchResult searchThroughDaemon(java.nio.file.Path indexRoot, SearchQuery q) {
        try (SearchIndex index = SearchIndex.openReadOnly(indexRoot, Clock.systemUTC())) {
            return index.search(q);
        }
    }

    private void print(SearchResult r, SearchQuery q) {
        if (json) {
            ObjectMapper m = new ObjectMapper();
            for (SearchHit h : r.hits()) {
                ObjectNode o = m.createObjectNode();
                o.put("id", h.id());
                o.put("outlet", h.outlet());
                o.put("title", h.title());
                o.put("author", h.author());
                o.put("published", h.published() == null ? null : h.published().toString());
                o.put("status", h.status());
                o.put("kind", h.kind());
                o.put("url", h.urls().isEmpty() ? null : h.urls().get(0));
                o.put("snippet", h.bodySnippet().text());
                o.put("score", h.score());
                System.out.println(o);
            }
            return;
        }
        for (SearchHit h : r.hits()) {
            String day = h.published() == null ? "----------" : LocalDate.ofInstant(h.published(), ZoneOffset.UTC).toString();
            System.out.println(h.id() + "  " + day + "  " + TerminalText.line(h.outlet()) + "  " + h.status() + "  "
                + TerminalText.line(h.title()));
            String snippet = marked(h.bodySnippet());
            if (!snippet.isBlank()) System.out.println("    " + snippet);
        }
        long shownTo = Math.min(r.total(), (long) q.offset() + r.hits().size());
        System.out.println((r.totalExact() ? "" : "more than ") + r.total() + (r.total() == 1 ? " result" : " results")
            + (r.hits().isEmpty() ? "" : ", " + (q.offset() + 1) + "-" + shownTo + " shown"));
    }

    /** The snippet as one line with its matches in 【】, archive text cleaned of control characters. */
    static String marked(Snippet s) {
        StringBuilder b = new StringBuilder();
        if (s.cutBefore()) b.append('…');
        int at = 0;
        for (Snippet.Range m : s.matches()) {
            b.append(s.text(), at, m.start()).append('【').append(s.text(), m.start(), m.end()).append('】');
            at = m.end();
        }
        b.append(s.text().substring(at));
        if (s.cutAfter()) b.append('…');
        return TerminalText.line(b.toString().replaceAll("\\s+", " "));
    }
}
