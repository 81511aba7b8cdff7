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

    public record Article(ArticleRow row, String bodyHtml, List<ArticleRepository.Sighting> sightings,
                          List<Version> versions, List<StatusEvent> events, boolean hasOriginal, boolean remoteImages) {}

    public record Diff(ArticleRow row, Version from, Version to, List<Diffs.Run> title, List<Diffs.Paragraph> body,
                       int latest) {}

    public record Changes(List<Reading.Change> items, String outlet, String kind, List<String> outlets, Pager pager,
                          Subscribe feeds) {}

    public record Feeds(List<FeedStatus> feeds, boolean daemon, Instant at) {}

    public record Error(int status, String messageKey) {}
}
