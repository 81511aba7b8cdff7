package org.newsvault.syndicate;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.newsvault.store.ChangeRow;
import org.newsvault.store.Reading;
import org.newsvault.store.StatusEvent;

/**
 * Writes the feeds out. One instance per base URL (the reading room's address as its readers reach it); thread-safe.
 *
 * <pre>{@code
 * Syndication feeds = new Syndication(URI.create("http://127.0.0.1:8080/"), clock);
 * String atom = feeds.atom(Channel.outlet("rfa", "自由亚洲电台").at("feeds/outlet/rfa.atom"), page.items(), null);
 * String json = feeds.jsonFeedOfChanges(Channel.changes("kind=deleted", "Deletions").at("feeds/changes.json?kind=deleted"),
 *     reading.changes(new Reading.ChangeFilter(null, Set.of(Reading.ChangeKind.DELETED), null, null), 0, 50).items());
 * }</pre>
 */
public final class Syndication {
    public static final String ATOM_TYPE = "application/atom+xml; charset=utf-8";
    public static final String JSON_FEED_TYPE = "application/feed+json; charset=utf-8";

    /** Where the reading room shows an article, relative to the base URL. */
    @FunctionalInterface
    public interface Links {
        String article(long id);
    }

    /** {@code article/<id>}. */
    public static final Links DEFAULT_LINKS = id -> "article/" + id;

    /** The English names of the change kinds, the start of each change's title. */
    public static final Function<Reading.ChangeKind, String> ENGLISH = k -> switch (k) {
        case EDITED -> "Edited";
        case DELETED -> "Deleted";
        case RETURNED -> "Returned";
    };

    private final URI base;
    private final Links links;
    private final Function<Reading.ChangeKind, String> labels;
    private final Clock clock;

    /**
     * @param base   absolute http(s) URL of the reading room; a path not ending in {@code /} is taken as a folder
     * @param clock  the time a feed without entries is updated at
     */
    public Syndication(URI base, Clock clock) {
        this(base, DEFAULT_LINKS, ENGLISH, clock);
    }

    public Syndication(URI base, Links links, Function<Reading.ChangeKind, String> labels, Clock clock) {
        Objects.requireNonNull(base, "base");
        if (!base.isAbsolute() || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
            throw new IllegalArgumentException("the feeds' base URL must be an absolute http(s) URL, not " + base);
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        this.base = base.resolve(path.endsWith("/") ? path : path + "/");
        this.links = Objects.requireNonNull(links, "links");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The same feeds with other names for the change kinds (e.g. the reading room's language). */
    public Syndication withLabels(Function<Reading.ChangeKind, String> labels) {
        return new Syndication(base, links, labels, clock);
    }

    /** {@code urn:newsvault:article:<id>}: an article's entry id in every feed it is in. */
    public static String articleId(long id) {
        return "urn:newsvault:article:" + id;
    }

    /**
     * {@code urn:newsvault:change:<article id>:<event time, epoch ms>:<kind>}: the same change has the same id in
     * every request (status events carry no id of their own outside the database).
     */
    public static String changeId(Reading.Change c) {
        StatusEvent e = c.row().event();
        return "urn:newsvault:change:" + e.articleId() + ":" + e.at().toEpochMilli() + ":"
            + c.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * An Atom document of articles (an outlet, a day, a search result), in the order given.
     *
     * @param body the sanitized body of an article to send as its content (null: none for it); null: no content
     */
    public String atom(Channel channel, List<Reading.Listed> articles, LongFunction<String> body) {
        List<Item> items = articles(articles, body);
        return AtomWriter.write(channel, url(channel.htmlPath()), url(channel.selfPath()), updated(items), items);
    }

    /** {@link #atom} as JSON Feed 1.1. */
    public String jsonFeed(Channel channel, List<Reading.Listed> articles, LongFunction<String> body) {
        return JsonFeedWriter.write(channel, url(channel.htmlPath()), url(channel.selfPath()), articles(articles, body));
    }

    /** An Atom document of changes (the censorship watch), in the order given: one entry per change. */
    public String atomOfChanges(Channel channel, List<Reading.Change> changes) {
        List<Item> items = changes(changes);
        return AtomWriter.write(channel, url(channel.htmlPath()), url(channel.selfPath()), updated(items), items);
    }

    /** {@link #atomOfChanges} as JSON Feed 1.1. */
    public String jsonFeedOfChanges(Channel channel, List<Reading.Change> changes) {
        return JsonFeedWriter.write(channel, url(channel.htmlPath()), url(channel.selfPath()), changes(changes));
    }

    private List<Item> articles(List<Reading.Listed> articles, LongFunction<String> body) {
        List<Item> out = new ArrayList<>(articles.size());
        for (Reading.Listed a : articles) {
            Instant updated = a.fetchedAt() != null && a.fetchedAt().isAfter(a.when()) ? a.fetchedAt() : a.when();
            List<String> tags = new ArrayList<>(List.of(a.outletId()));
            if (a.status() != null && !"live".equals(a.status())) tags.add(a.status());
            if ("teaser".equals(a.bodyKind())) tags.add("teaser");
            out.add(new Item(articleId(a.id()), a.title(), url(links.article(a.id())), external(a.url()), a.when(), updated,
                a.author(), tags, null, body == null ? null : body.apply(a.id())));
        }
        return out;
    }

    private List<Item> changes(List<Reading.Change> changes) {
        List<Item> out = new ArrayList<>(changes.size());
        for (Reading.Change c : changes) {
            ChangeRow r = c.row();
            StatusEvent e = r.event();
            out.add(new Item(changeId(c), labels.apply(c.kind()) + ": " + r.title(), url(links.article(e.articleId())),
                external(r.url()), e.at(), e.at(), null, List.of(r.outletId(), c.kind().name().toLowerCase(Locale.ROOT)),
                evidence(e, r.url()), null));
        }
        return out;
    }

    /** What was seen, as {@code newsvault changes} prints it: the detail, the HTTP status, where it redirected. */
    static String evidence(StatusEvent e, String url) {
        List<String> parts = new ArrayList<>();
        if (e.detail() != null) parts.add(e.detail());
        if (e.httpStatus() != null) parts.add("HTTP " + e.httpStatus());
        if (e.finalUrl() != null && !e.finalUrl().equals(url)) parts.add("final URL " + e.finalUrl());
        return String.join("; ", parts);
    }

    private Instant updated(List<Item> items) {
        Instant latest = null;
        for (Item it : items) if (latest == null || it.updated().isAfter(latest)) latest = it.updated();
        return latest == null ? clock.instant() : latest;
    }

    /** {@code path} against the base; a leading {@code /} stays under the base. */
    String url(String path) {
        if (path == null) return null;
        String rel = path.startsWith("/") ? path.replaceFirst("^/+", "") : path;
        return base.resolve(URI.create(rel)).toString();
    }

    /** The original article's URL, only when it is http(s): a {@code javascript:} URL never becomes a link. */
    private static String external(String url) {
        if (url == null) return null;
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://"))) return null;
        try {
            return URI.create(u).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
