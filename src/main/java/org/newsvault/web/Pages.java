package org.newsvault.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.newsvault.schedule.FeedStatus;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Reading;
import org.newsvault.store.StatusEvent;

/** What each template is given: plain data, every string still unescaped (the templates escape by context). */
public final class Pages {
    private Pages() {}

    /** Newer/older links of a listing; null where there is no such page. */
    public record Pager(int page, String newer, String older) {}

    /** The Atom and JSON Feed of a page. */
    public record Subscribe(String atom, String json) {}

    public record OutletCount(String outletId, long count) {}

    public record Home(List<Reading.Listed> latest, List<OutletCount> today, long todayTotal, List<FeedStatus> failing,
                       boolean daemon, Instant statusAt, LocalDate day) {}

    public record Group<K>(K key, List<Reading.Listed> items) {}

    public record Outlet(String outletId, List<Group<LocalDate>> days, Pager pager, List<Reading.DayCount> dayCounts,
                         Subscribe feeds) {}

    public record Day(LocalDate day, String prev, String next, List<Group<String>> outlets, List<Reading.Change> changes,
                      Subscribe feeds) {}

    /** One version in the article's list: its number, when it was fetched, its title. */
    public record Version(int n, Instant fetchedAt, String title) {}

    /**
     * The article page. {@code bodyHtml} has its kept images pointed at {@code /images/<sha>}; {@code images} lists
     * every image with its state; {@code lead} is the kept lead image (null: none kept).
     */
    public record Article(ArticleRow row, String bodyHtml, List<ArticleRepository.Sighting> sightings,
                          List<Version> versions, List<StatusEvent> events, boolean hasOriginal, boolean remoteImages,
                          List<Image> images, Image lead) {}

    /**
     * One image of an article: its original URL (text), role and state as their message keys' last part
     * ({@code body}, {@code stored}, ...), size, the reason of a failure, and {@code local}: the copy's path when kept.
     */
    public record Image(String url, String role, String state, long bytes, String reason, String local) {}

    public record Diff(ArticleRow row, Version from, Version to, List<Diffs.Run> title, List<Diffs.Paragraph> body,
                       int latest) {}

    public record Changes(List<Reading.Change> items, String outlet, String kind, List<String> outlets, Pager pager,
                          Subscribe feeds) {}

    /** @param stale the outlets whose extraction rules look stale (rule health), in id order */
    public record Feeds(List<FeedStatus> feeds, boolean daemon, Instant at, List<StaleRules> stale) {
        public Feeds(List<FeedStatus> feeds, boolean daemon, Instant at) {
            this(feeds, daemon, at, List.of());
        }
    }

    /** An outlet whose rules look stale since then, with "14 of last 20 pages: selector matched nothing". */
    public record StaleRules(String outlet, Instant since, String summary) {}

    public record Error(int status, String messageKey) {}

    /** A run of snippet text, marked when it matched the query. */
    public record Mark(String text, boolean hit) {}

    public record Hit(org.newsvault.search.SearchHit hit, List<Mark> title, List<Mark> body) {}

    /**
     * The search page. {@code hits} null: no search made yet; {@code available} false: no index open in this process;
     * {@code problem}: why the query was refused.
     */
    public record Search(String q, String outlet, String status, String from, String until, String sort, List<String> outlets,
                         List<Hit> hits, long total, boolean totalExact, Pager pager, boolean available, String problem,
                         Subscribe feeds) {}

    /** A snippet as runs of text for the template to escape (the snippet's ranges say which runs matched). */
    static List<Mark> marks(org.newsvault.search.Snippet s) {
        List<Mark> out = new java.util.ArrayList<>();
        if (s == null) return out;
        if (s.cutBefore()) out.add(new Mark("\u2026", false));
        int at = 0;
        for (var range : s.matches()) {
            if (range.start() > at) out.add(new Mark(s.text().substring(at, range.start()), false));
            out.add(new Mark(s.text().substring(range.start(), range.end()), true));
            at = range.end();
        }
        if (at < s.text().length()) out.add(new Mark(s.text().substring(at), false));
        if (s.cutAfter()) out.add(new Mark("\u2026", false));
        return out;
    }
}
