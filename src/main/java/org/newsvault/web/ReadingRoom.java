package org.newsvault.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.newsvault.Newsvault;
import org.newsvault.archive.OriginalStore;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WebSettings;
import org.newsvault.export.ImageLinks;
import org.newsvault.images.ImageSniffer;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageRole;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleWriter;
import org.newsvault.schedule.FeedStatus;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.Reading;
import org.newsvault.search.InvalidQueryException;
import org.newsvault.search.SearchHit;
import org.newsvault.search.SearchQuery;
import org.newsvault.search.SearchResult;
import org.newsvault.syndicate.Channel;
import org.newsvault.syndicate.Syndication;
import java.net.URI;
import org.newsvault.watch.ArticleHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading room's pages (GET and HEAD only). Every path it does not know is a 404 page; every failure is a
 * 500 page naming no exception (the cause goes to the log, one line). Path parts and query values are parsed
 * strictly (ids are digits, days are ISO dates, kinds are known words), and page sizes are clamped to
 * {@link Reading#MAX_PAGE}, so a hostile URL costs one bounded query at most.
 */
public final class ReadingRoom extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ReadingRoom.class);
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_NUMBER = 100_000;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern OUTLET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final byte[] CSS = resource("/web/style.css");
    private static final org.newsvault.sanitize.HtmlSanitizer SANITIZER = new org.newsvault.sanitize.HtmlSanitizer(false);

    private final Reading reading;
    private final ArticleHistory history;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final ImageRepository images;
    private final Supplier<Settings> settings;
    private final Supplier<StatusSnapshot> status;
    private final Clock clock;
    /** The search index's query, or null when this process has none open (the page then says so). */
    private final Function<SearchQuery, SearchResult> search;
    private final WebSettings webAtStart;
    /** Rule health for the feeds page; null: not shown (a reading room built without the archive's store). */
    private org.newsvault.store.ExtractionOutcomes ruleHealth;

    public ReadingRoom(Reading reading, ArticleHistory history, OriginalRepository originalRows, OriginalStore originals,
                       ImageRepository images, Supplier<Settings> settings, Supplier<StatusSnapshot> status, Clock clock) {
        this(reading, history, originalRows, originals, images, settings, status, clock, null);
    }

    public ReadingRoom(Reading reading, ArticleHistory history, OriginalRepository originalRows, OriginalStore originals,
                       ImageRepository images, Supplier<Settings> settings, Supplier<StatusSnapshot> status, Clock clock,
                       Function<SearchQuery, SearchResult> search) {
        this.search = search;
        this.images = images;
        this.reading = reading;
        this.history = history;
        this.originalRows = originalRows;
        this.originals = originals;
        this.settings = settings;
        this.status = status;
        this.clock = clock;
        this.webAtStart = settings.get().web();
    }

    public static ReadingRoom of(Newsvault nv, Supplier<StatusSnapshot> status, Function<SearchQuery, SearchResult> search) {
        ReadingRoom room = new ReadingRoom(new Reading(nv.db), ArticleHistory.of(nv), nv.originalRows, nv.originals,
            new ImageRepository(nv.db), nv::current, status, nv.clock, search);
        room.ruleHealth = nv.extractionOutcomes;
        return room;
    }

    /**
     * The whole site as the listener serves it: the security headers first, then basic auth when configured, then
     * {@code endpoints} (health, metrics, status) with the reading room behind them.
     */
    public static Handler site(Newsvault nv, Supplier<StatusSnapshot> status, Function<Handler, Handler> endpoints) {
        return site(nv, status, endpoints, nv.settings.listen());
    }

    /** The daemon's site ({@code Daemon.Site}): on the config's listen address, searching the daemon's index. */
    public static Handler site(Newsvault nv, Supplier<StatusSnapshot> status, Function<SearchQuery, SearchResult> search,
                               Function<Handler, Handler> endpoints) {
        return site(nv, status, endpoints, nv.settings.listen(), search);
    }

    /** As above, listening on {@code listen} (warned about when it is not loopback and there is no password). */
    public static Handler site(Newsvault nv, Supplier<StatusSnapshot> status, Function<Handler, Handler> endpoints, String listen) {
        return site(nv, status, endpoints, listen, null);
    }

    /** As above, with the search page answering from {@code search} (null: no index open in this process). */
    public static Handler site(Newsvault nv, Supplier<StatusSnapshot> status, Function<Handler, Handler> endpoints, String listen,
                               Function<SearchQuery, SearchResult> search) {
        WebSettings web = nv.settings.web();
        warnIfOpen(listen, web);
        return new Security(web.remoteImages(), new BasicAuth(web, endpoints.apply(of(nv, status, search))));
    }

    /** A reading room anyone on the network can read is allowed, but said at start. */
    static void warnIfOpen(String listen, WebSettings web) {
        if (listen == null || web.auth()) return;
        java.net.InetSocketAddress a;
        try {
            a = org.newsvault.metrics.ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!a.getAddress().isLoopbackAddress()) {
            log.warn("the reading room listens on {} without a password: anyone who can reach it reads the archive"
                + " (set web.user and web.password-hash, see `newsvault hash-password`)", listen);
        }
    }

    /** Thrown by the parsing below: answered with that status and an error page. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private record Req(Request request, Response response, Callback callback, Ui ui, Fields query, String path) {
        String param(String name) {
            String v = query.getValue(name);
            return v == null || v.isEmpty() ? null : v;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Fields query;
        try {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            query = new Fields();
        }
        Settings s = settings.get();
        Map<String, String> names = new LinkedHashMap<>();
        for (OutletConfig o : s.outlets()) names.put(o.id(), o.name());
        String cookie = null;
        for (HttpCookie c : Request.getCookies(request)) if (c.getName().equals("lang")) cookie = c.getValue();
        String here = path + (request.getHttpURI().getQuery() == null ? "" : "?" + request.getHttpURI().getQuery());
        Ui ui = new Ui(Ui.choose(cookie, request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE)), zone(), names, here);
        Req r = new Req(request, response, callback, ui, query, path);
        String method = request.getMethod();
        try {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new Refused(405);
            }
            route(r);
        } catch (Refused e) {
            error(r, e.status);
        } catch (RuntimeException e) {
            log.warn("{} {}: {}", method, path, e.toString());
            error(r, 500);
        }
        return true;
    }

    private void route(Req r) {
        String p = r.path();
        Matcher m;
        if (p.equals("/")) home(r);
        else if (p.equals("/static/style.css")) bytes(r, 200, "text/css; charset=utf-8", CSS, null, "public, max-age=3600");
        else if (p.equals("/favicon.ico")) bytes(r, 204, "image/x-icon", new byte[0], null, "public, max-age=86400"); // no icon, no 404 in the console
        else if (p.equals("/lang")) lang(r);
        else if (p.equals("/changes")) changes(r);
        else if (p.equals("/feeds")) feeds(r);
        else if (p.equals("/search")) search(r);
        else if ((m = match("/feeds/search\\.(atom|json)", p)) != null) searchFeed(r, m.group(1));
        else if (p.equals("/day")) redirect(r, "/day/" + LocalDate.now(clock.withZone(zone())));
        else if ((m = match("/day/([^/]+)", p)) != null) day(r, day(m.group(1)));
        else if ((m = match("/outlet/([^/]+)", p)) != null) outlet(r, outletId(m.group(1)));
        else if ((m = match("/feeds/outlet/([^/]+)\\.(atom|json)", p)) != null) outletFeed(r, outletId(m.group(1)), m.group(2));
        else if ((m = match("/feeds/day/([^/]+)\\.(atom|json)", p)) != null) dayFeed(r, day(m.group(1)), m.group(2));
        else if ((m = match("/feeds/changes\\.(atom|json)", p)) != null) changesFeed(r, m.group(1));
        else if ((m = match("/article/([^/]+)", p)) != null) article(r, id(m.group(1)));
        else if ((m = match("/article/([^/]+)/diff", p)) != null) diff(r, id(m.group(1)));
        else if ((m = match("/article/([^/]+)/original", p)) != null) original(r, id(m.group(1)));
        else if ((m = match("/article/([^/]+)/file", p)) != null) file(r, id(m.group(1)));
        else if ((m = match("/images/([0-9a-f]{64})", p)) != null) image(r, m.group(1));
        else throw new Refused(404);
    }

    private static final Map<String, Pattern> ROUTES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Matcher match(String regex, String path) {
        Matcher m = ROUTES.computeIfAbsent(regex, Pattern::compile).matcher(path);
        return m.matches() ? m : null;
    }

    /** The day zone of the config the site started with, like the rest of {@code web:} (a change needs a restart). */
    private ZoneId zone() {
        return webAtStart.zone();
    }

    // ---- pages

    private void home(Req r) {
        LocalDate today = LocalDate.now(clock.withZone(zone()));
        Instant since = today.atStartOfDay(zone()).toInstant();
        List<Pages.OutletCount> counts = new ArrayList<>();
        long total = 0;
        for (var e : reading.archivedSince(since).entrySet()) {
            counts.add(new Pages.OutletCount(e.getKey(), e.getValue()));
            total += e.getValue();
        }
        counts.sort((a, b) -> Long.compare(b.count(), a.count()));
        StatusSnapshot snap = status.get();
        List<FeedStatus> failing = snap.feeds().stream().filter(f -> f.enabled() && f.errorCount() > 0).toList();
        var latest = reading.list(Reading.ListFilter.ALL, 0, PAGE_SIZE).items();
        page(r, 200, "home.jte", new Pages.Home(latest, counts, total, failing, snap.daemon(), snap.at(), today));
    }

    private void outlet(Req r, String outletId) {
        boolean known = settings.get().outlet(outletId).isPresent();
        int page = page(r);
        var listed = reading.list(new Reading.ListFilter(outletId, null, null, null), (page - 1) * PAGE_SIZE, PAGE_SIZE);
        if (!known && listed.total() == 0) throw new Refused(404);
        if (page > 1 && listed.items().isEmpty()) throw new Refused(404);
        Map<LocalDate, List<Reading.Listed>> byDay = new LinkedHashMap<>();
        for (var l : listed.items()) byDay.computeIfAbsent(LocalDate.ofInstant(l.when(), zone()), d -> new ArrayList<>()).add(l);
        List<Pages.Group<LocalDate>> groups = new ArrayList<>();
        byDay.forEach((d, items) -> groups.add(new Pages.Group<>(d, items)));
        String base = "/outlet/" + outletId + "?page=";
        Pages.Pager pager = new Pages.Pager(page, page > 1 ? base + (page - 1) : null, listed.hasNext() ? base + (page + 1) : null);
        page(r, 200, "outlet.jte", new Pages.Outlet(outletId, groups, pager, reading.days(outletId, zone(), 60),
            new Pages.Subscribe("/feeds/outlet/" + outletId + ".atom", "/feeds/outlet/" + outletId + ".json")));
    }

    private void day(Req r, LocalDate day) {
        Map<String, List<Reading.Listed>> byOutlet = new LinkedHashMap<>();
        for (var l : reading.day(day, zone())) byOutlet.computeIfAbsent(l.outletId(), k -> new ArrayList<>()).add(l);
        List<Pages.Group<String>> groups = new ArrayList<>();
        byOutlet.forEach((o, items) -> groups.add(new Pages.Group<>(o, items)));
        Instant from = day.atStartOfDay(zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone()).toInstant();
        var changes = reading.changes(new Reading.ChangeFilter(null, Set.of(), from, to), 0, Reading.MAX_PAGE).items();
        page(r, 200, "day.jte", new Pages.Day(day, "/day/" + day.minusDays(1), "/day/" + day.plusDays(1), groups, changes,
            new Pages.Subscribe("/feeds/day/" + day + ".atom", "/feeds/day/" + day + ".json")));
    }

    private void article(Req r, long id) {
        Reading.Detail d = reading.article(id).orElseThrow(() -> new Refused(404));
        List<Pages.Version> versions = new ArrayList<>();
        if (d.revisions().isEmpty()) {
            versions.add(new Pages.Version(1, d.row().fetchedAt(), d.row().title()));
        } else {
            for (var rev : d.revisions()) versions.add(new Pages.Version(rev.revision().n(), rev.revision().fetchedAt(), rev.revision().title()));
        }
        List<ArticleImage> rows = images.ofArticle(id);
        List<Pages.Image> listed = new ArrayList<>();
        Pages.Image lead = null;
        for (ArticleImage i : rows) {
            Pages.Image shownImage = new Pages.Image(i.url(), i.role().dbValue(), i.state().dbValue(), i.bytes(), i.reason(),
                localHref(i));
            listed.add(shownImage);
            if (lead == null && i.role() == ImageRole.LEAD && shownImage.local() != null) lead = shownImage;
        }
        page(r, 200, "article.jte", new Pages.Article(d.row(), withLocalImages(shown(d.row()), d.row(), rows, ""),
            d.sightings(), versions, d.events(), d.row().originalId() != null, webAtStart.remoteImages(), listed, lead));
    }

    /** {@code /images/<sha>} for a kept image the site will serve, else null (the image stays remote). */
    private static String localHref(ArticleImage i) {
        return ImageSniffer.extension(i) == null ? null : "/images/" + i.sha256();
    }

    /**
     * {@code html} with every STORED image pointing at its local copy ({@code prefix + "/images/<sha>"}; prefix "" on
     * the site's pages, the site's address in feeds); the others keep their remote URLs, which the CSP lets load only
     * with {@code web.remote-images}.
     */
    private static String withLocalImages(String html, ArticleRow row, List<ArticleImage> rows, String prefix) {
        Map<String, String> local = new java.util.HashMap<>();
        for (ArticleImage i : rows) {
            String href = localHref(i);
            if (href != null) local.putIfAbsent(i.url(), prefix + href);
        }
        if (local.isEmpty()) return html;
        try {
            return ImageLinks.rewrite(html, base(row), local::get);
        } catch (RuntimeException e) {
            log.warn("article {}: images not pointed at their copies: {}", row.id(), e.toString());
            return html;
        }
    }

    private static java.net.URI base(ArticleRow row) {
        try {
            return row.canonicalUrl() == null ? null : java.net.URI.create(row.canonicalUrl());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A kept image: only a blob that a STORED {@code article_image} row names (so {@code /images/} never serves a page
     * or feed original), with that row's sniffed type, {@code nosniff} (set for every response), and cached for good:
     * the name is the hash of the bytes, so they never change. Streamed from the gzip blob, never held whole.
     */
    private void image(Req r, String sha) {
        ArticleImage row = images.stored(sha).orElseThrow(() -> new Refused(404));
        // a sniffed type only: anything else a row says (a hand-edited database) is not served
        if (ImageSniffer.extension(row) == null) throw new Refused(404);
        java.nio.file.Path blob = originals.blobPath(sha);
        if (!java.nio.file.Files.isRegularFile(blob)) {
            log.warn("image {}: stored, but its blob is missing", sha);
            throw new Refused(404);
        }
        Response res = r.response();
        String etag = "\"" + sha + "\"";
        res.getHeaders().put(HttpHeader.CONTENT_TYPE, row.contentType());
        // behind basic auth a shared cache must not keep it for others
        res.getHeaders().put(HttpHeader.CACHE_CONTROL, (webAtStart.auth() ? "private" : "public") + ", max-age=31536000, immutable");
        res.getHeaders().put(HttpHeader.ETAG, etag);
        String match = r.request().getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (match != null && (match.strip().equals("*") || java.util.Arrays.stream(match.split(","))
            .map(String::strip).anyMatch(t -> t.equals(etag) || t.equals("W/" + etag)))) {
            res.setStatus(304);
            res.write(true, null, r.callback());
            return;
        }
        res.setStatus(200);
        if (row.bytes() > 0) res.getHeaders().put(HttpHeader.CONTENT_LENGTH, row.bytes());
        if (r.request().getMethod().equals("HEAD")) {
            res.write(true, null, r.callback());
            return;
        }
        java.io.InputStream in;
        try {
            in = originals.open(sha);
        } catch (IOException e) {
            log.warn("image {}: blob unreadable: {}", sha, e.toString());
            res.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
            res.getHeaders().remove(HttpHeader.ETAG);
            throw new Refused(404);
        }
        try (in; java.io.OutputStream out = org.eclipse.jetty.io.Content.Sink.asOutputStream(res)) {
            in.transferTo(out);
        } catch (IOException e) {
            // the status line is out: all that is left is to cut the response short (the client sees it incomplete)
            log.warn("image {}: {}", sha, e.toString());
            r.callback().failed(e);
            return;
        }
        r.callback().succeeded();
    }

    /**
     * The body as archived, through the sanitizer once more: the archive's body was sanitized when it was written,
     * but a file imported by an older version, or a database edited by hand, must not be able to put markup on the
     * page either (the CSP is the third line: no script runs even if both missed it).
     */
    private static String shown(ArticleRow row) {
        java.net.URI base = null;
        try {
            base = row.canonicalUrl() == null ? null : java.net.URI.create(row.canonicalUrl());
        } catch (IllegalArgumentException e) {
            // relative links then stay relative
        }
        try {
            return SANITIZER.sanitize(row.file().bodyHtml(), base);
        } catch (RuntimeException e) {
            log.warn("article {}: body not shown: {}", row.id(), e.toString());
            return "";
        }
    }

    private void diff(Req r, long id) {
        ArticleRow row = reading.article(id).orElseThrow(() -> new Refused(404)).row();
        int latest = history.latest(id);
        int to = number(r.param("to"), latest);
        int from = number(r.param("from"), Math.max(1, to - 1));
        var older = history.version(row, from).orElseThrow(() -> new Refused(404));
        var newer = history.version(row, to).orElseThrow(() -> new Refused(404));
        page(r, 200, "diff.jte", new Pages.Diff(row, new Pages.Version(from, older.fetchedAt(), older.title()),
            new Pages.Version(to, newer.fetchedAt(), newer.title()), Diffs.inline(older.title(), newer.title()),
            Diffs.body(older.bodyHtml(), newer.bodyHtml()), latest));
    }

    private void original(Req r, long id) {
        ArticleRow row = reading.article(id).orElseThrow(() -> new Refused(404)).row();
        if (row.originalId() == null) throw new Refused(404);
        Original o = originalRows.find(row.originalId()).orElseThrow(() -> new Refused(404));
        byte[] body;
        try {
            body = originals.read(o.sha256());
        } catch (IOException e) {
            log.warn("article {}: original {} unreadable: {}", id, o.sha256(), e.toString());
            throw new Refused(404);
        }
        // Never the original's own type: the bytes are hostile, a browser must only save them.
        bytes(r, 200, "application/octet-stream", body, "article-" + id + "-original" + extension(o.contentType()), "no-store");
    }

    private void file(Req r, long id) {
        ArticleRow row = reading.article(id).orElseThrow(() -> new Refused(404)).row();
        String name = row.filePath() == null ? "article-" + id + ".md" : row.filePath().substring(row.filePath().lastIndexOf('/') + 1);
        bytes(r, 200, "text/markdown; charset=utf-8", ArticleWriter.render(row.file()), name, "no-store");
    }

    /** {@code ?outlet=&kind=} of the changes page and its feeds; {@code query} is their canonical query string ("" for all). */
    private record ChangeQuery(String outlet, String kind, Reading.ChangeFilter filter, String query) {}

    private static ChangeQuery changeQuery(Req r) {
        String outlet = r.param("outlet") == null ? null : outletId(r.param("outlet"));
        String kind = r.param("kind") == null ? null : r.param("kind").toLowerCase(Locale.ROOT);
        Set<Reading.ChangeKind> kinds = EnumSet.noneOf(Reading.ChangeKind.class);
        if (kind != null) {
            try {
                kinds.add(Reading.ChangeKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Refused(400);
            }
        }
        String q = (outlet == null ? "" : "outlet=" + Ui.enc(outlet)) + (outlet != null && kind != null ? "&" : "")
            + (kind == null ? "" : "kind=" + Ui.enc(kind));
        return new ChangeQuery(outlet, kind, new Reading.ChangeFilter(outlet, kinds, null, null), q);
    }

    private void changes(Req r) {
        ChangeQuery q = changeQuery(r);
        int page = page(r);
        var changes = reading.changes(q.filter(), (page - 1) * PAGE_SIZE, PAGE_SIZE);
        String base = "/changes?" + (q.query().isEmpty() ? "" : q.query() + "&") + "page=";
        Pages.Pager pager = new Pages.Pager(page, page > 1 ? base + (page - 1) : null, changes.hasNext() ? base + (page + 1) : null);
        List<String> outlets = settings.get().outlets().stream().map(OutletConfig::id).toList();
        String feed = "/feeds/changes.%s" + (q.query().isEmpty() ? "" : "?" + q.query());
        page(r, 200, "changes.jte", new Pages.Changes(changes.items(), q.outlet(), q.kind(), outlets, pager,
            new Pages.Subscribe(feed.formatted("atom"), feed.formatted("json"))));
    }

    // ---- search

    static final int MAX_QUERY = 500;
    private static final Set<String> STATUSES = Set.of("live", "edited", "deleted", "unreachable");

    /** The search form's fields as given, the query they make, and their canonical query string (for links and feeds). */
    private record Asked(String q, String outlet, String status, String from, String until, String sort, SearchQuery query,
                         String queryString) {}

    private Asked asked(Req r) {
        String q = r.param("q") == null ? "" : r.param("q").strip();
        if (q.length() > MAX_QUERY) throw new Refused(400);
        String outlet = r.param("outlet") == null ? null : outletId(r.param("outlet"));
        String status = r.param("status");
        if (status != null && !STATUSES.contains(status)) throw new Refused(400);
        String from = r.param("from");
        String until = r.param("until");
        Instant since = from == null ? null : dayOrBad(from).atStartOfDay(zone()).toInstant();
        Instant before = until == null ? null : dayOrBad(until).plusDays(1).atStartOfDay(zone()).toInstant();
        String sort = r.param("sort") == null ? "relevance" : r.param("sort");
        if (!sort.equals("relevance") && !sort.equals("newest")) throw new Refused(400);
        SearchQuery query = new SearchQuery(q, outlet == null ? Set.of() : Set.of(outlet), since, before,
            status == null ? Set.of() : Set.of(status),
            sort.equals("newest") || q.isEmpty() ? SearchQuery.Order.NEWEST : SearchQuery.Order.RELEVANCE, 0, PAGE_SIZE);
        StringBuilder qs = new StringBuilder("q=" + Ui.enc(q));
        if (outlet != null) qs.append("&outlet=").append(Ui.enc(outlet));
        if (status != null) qs.append("&status=").append(status);
        if (from != null) qs.append("&from=").append(from);
        if (until != null) qs.append("&until=").append(until);
        if (!sort.equals("relevance")) qs.append("&sort=").append(sort);
        return new Asked(q, outlet, status, from, until, sort, query, qs.toString());
    }

    private static LocalDate dayOrBad(String s) {
        try {
            return day(s);
        } catch (Refused e) {
            throw new Refused(400);
        }
    }

    private void search(Req r) {
        List<String> outlets = settings.get().outlets().stream().map(OutletConfig::id).toList();
        if (search == null || r.param("q") == null && r.query().getSize() == 0) {
            Asked none = new Asked("", null, null, null, null, "relevance", null, "");
            page(r, 200, "search.jte", new Pages.Search(none.q(), null, null, null, null, "relevance", outlets, null, 0, false,
                null, search != null, null, null));
            return;
        }
        Asked a = asked(r);
        int page = page(r);
        SearchResult found;
        try {
            found = search.apply(a.query().withPage((page - 1) * PAGE_SIZE, PAGE_SIZE));
        } catch (InvalidQueryException e) {
            page(r, 400, "search.jte", new Pages.Search(a.q(), a.outlet(), a.status(), a.from(), a.until(), a.sort(), outlets,
                null, 0, false, null, true, e.getMessage(), null));
            return;
        }
        if (page > 1 && found.hits().isEmpty()) throw new Refused(404);
        List<Pages.Hit> hits = new ArrayList<>();
        for (SearchHit h : found.hits()) hits.add(new Pages.Hit(h, Pages.marks(h.titleSnippet()), Pages.marks(h.bodySnippet())));
        String base = "/search?" + a.queryString() + "&page=";
        Pages.Pager pager = new Pages.Pager(page, page > 1 ? base + (page - 1) : null, found.hasMore() ? base + (page + 1) : null);
        page(r, 200, "search.jte", new Pages.Search(a.q(), a.outlet(), a.status(), a.from(), a.until(), a.sort(), outlets, hits,
            found.total(), found.totalExact(), pager, true, null,
            new Pages.Subscribe("/feeds/search.atom?" + a.queryString(), "/feeds/search.json?" + a.queryString())));
    }

    private void searchFeed(Req r, String format) {
        if (search == null) throw new Refused(404);
        Asked a = asked(r);
        SearchResult found;
        try {
            found = search.apply(a.query().withOrder(SearchQuery.Order.NEWEST).withPage(0, PAGE_SIZE));
        } catch (InvalidQueryException e) {
            throw new Refused(400);
        }
        List<Reading.Listed> items = new ArrayList<>();
        for (SearchHit h : found.hits()) {
            reading.article(h.id()).map(Reading.Detail::row).ifPresent(row -> items.add(new Reading.Listed(row.id(), row.outletId(),
                row.title(), row.author(), row.publishedAt() != null ? row.publishedAt() : row.fetchedAt(), row.fetchedAt(),
                row.canonicalUrl(), row.status(), row.bodyKind())));
        }
        Channel c = Channel.search(a.queryString(), r.ui().t("search.feed", a.q())).at("feeds/search." + format + "?" + a.queryString());
        Syndication s = syndication(r);
        feed(r, format, format.equals("atom") ? s.atom(c, items, null) : null, format.equals("json") ? s.jsonFeed(c, items, null) : null);
    }

    // ---- feeds out (Atom and JSON Feed of the same listings)

    private Syndication syndication(Req r) {
        var uri = r.request().getHttpURI();
        try {
            URI base = new URI(uri.getScheme() == null ? "http" : uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
            return new Syndication(base, clock).withLabels(k -> r.ui().t("kind." + k.name()));
        } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
            throw new Refused(400);
        }
    }

    private void feed(Req r, String format, String atom, String json) {
        if (format.equals("atom")) bytes(r, 200, Syndication.ATOM_TYPE, atom.getBytes(StandardCharsets.UTF_8), null, "no-store");
        else bytes(r, 200, Syndication.JSON_FEED_TYPE, json.getBytes(StandardCharsets.UTF_8), null, "no-store");
    }

    /** Feed bodies, their kept images as absolute URLs of this site (a feed reader resolves nothing relative). */
    private java.util.function.LongFunction<String> bodies(Req r) {
        var uri = r.request().getHttpURI();
        String site = (uri.getScheme() == null ? "http" : uri.getScheme()) + "://" + uri.getAuthority();
        return id -> reading.article(id).map(d -> withLocalImages(shown(d.row()), d.row(), images.ofArticle(id), site))
            .orElse(null);
    }

    private void outletFeed(Req r, String outletId, String format) {
        var items = reading.list(new Reading.ListFilter(outletId, null, null, null), 0, PAGE_SIZE).items();
        if (items.isEmpty() && settings.get().outlet(outletId).isEmpty()) throw new Refused(404);
        Channel c = Channel.outlet(outletId, r.ui().outlet(outletId)).at("feeds/outlet/" + outletId + "." + format);
        Syndication s = syndication(r);
        feed(r, format, format.equals("atom") ? s.atom(c, items, bodies(r)) : null, format.equals("json") ? s.jsonFeed(c, items, bodies(r)) : null);
    }

    private void dayFeed(Req r, LocalDate day, String format) {
        var items = reading.day(day, zone());
        Channel c = Channel.day(day, r.ui().t("day.title", day.toString())).at("feeds/day/" + day + "." + format);
        Syndication s = syndication(r);
        // a digest can hold hundreds of articles: titles and links only, no bodies
        feed(r, format, format.equals("atom") ? s.atom(c, items, null) : null, format.equals("json") ? s.jsonFeed(c, items, null) : null);
    }

    private void changesFeed(Req r, String format) {
        ChangeQuery q = changeQuery(r);
        var items = reading.changes(q.filter(), 0, PAGE_SIZE).items();
        Channel c = Channel.changes(q.query(), r.ui().t("changes.title"))
            .at("feeds/changes." + format + (q.query().isEmpty() ? "" : "?" + q.query()));
        Syndication s = syndication(r);
        feed(r, format, format.equals("atom") ? s.atomOfChanges(c, items) : null, format.equals("json") ? s.jsonFeedOfChanges(c, items) : null);
    }

    private void feeds(Req r) {
        StatusSnapshot snap = status.get();
        List<Pages.StaleRules> stale = new java.util.ArrayList<>();
        if (ruleHealth != null) {
            try {
                org.newsvault.poll.RuleHealthMonitor.verdicts(ruleHealth, settings.get().extraction(), clock).forEach((o, v) -> {
                    if (v.stale()) stale.add(new Pages.StaleRules(o, v.since(), v.summary()));
                });
            } catch (RuntimeException e) {
                // the feeds table is what the page is for: shown without the rule health it could not read
            }
        }
        page(r, 200, "feeds.jte", new Pages.Feeds(snap.feeds(), snap.daemon(), snap.at(), stale));
    }

    private void lang(Req r) {
        String to = r.param("to");
        if (!"zh".equals(to) && !"en".equals(to)) throw new Refused(400);
        String back = r.param("back");
        // Only a path on this site: never "//host" or "http://", so the switch is no open redirect.
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\") || back.length() > 2000) back = "/";
        r.response().getHeaders().add(HttpHeader.SET_COOKIE,
            "lang=" + to + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        redirect(r, back);
    }

    // ---- parsing

    private static long id(String s) {
        if (!ID.matcher(s).matches()) throw new Refused(404);
        return Long.parseLong(s);
    }

    private static String outletId(String s) {
        if (!OUTLET_ID.matcher(s).matches()) throw new Refused(404);
        return s;
    }

    private static LocalDate day(String s) {
        if (!DAY.matcher(s).matches()) throw new Refused(404);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Refused(404);
        }
    }

    private static int page(Req r) {
        return number(r.param("page"), 1);
    }

    /** A positive number of at most {@value #MAX_PAGE_NUMBER}, or {@code dflt} when absent; anything else is a 400. */
    private static int number(String s, int dflt) {
        if (s == null) return dflt;
        if (!s.matches("[1-9][0-9]{0,5}")) throw new Refused(400);
        int n = Integer.parseInt(s);
        if (n > MAX_PAGE_NUMBER) throw new Refused(400);
        return n;
    }

    private static String extension(String contentType) {
        if (contentType == null) return ".bin";
        String t = contentType.toLowerCase(Locale.ROOT);
        if (t.contains("html")) return ".html";
        if (t.contains("xml") || t.contains("rss") || t.contains("atom")) return ".xml";
        if (t.contains("json")) return ".json";
        return ".bin";
    }

    // ---- output

    private void page(Req r, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, Map.of("ui", r.ui(), "p", model), out);
        r.response().getHeaders().put(HttpHeader.CONTENT_LANGUAGE, r.ui().htmlLang());
        r.response().getHeaders().put(HttpHeader.VARY, "Accept-Language, Cookie");
        bytes(r, status, "text/html; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8), null, "no-store");
    }

    private void error(Req r, int status) {
        String key = switch (status) {
            case 404, 405 -> "error.404";
            case 400 -> "error.400";
            default -> "error.500";
        };
        try {
            page(r, status, "error.jte", new Pages.Error(status, key));
        } catch (RuntimeException e) {
            log.warn("error page {}: {}", status, e.toString());
            bytes(r, status, "text/plain; charset=utf-8", (status + "\n").getBytes(StandardCharsets.UTF_8), null, "no-store");
        }
    }

    private static void redirect(Req r, String location) {
        r.response().setStatus(303);
        r.response().getHeaders().put(HttpHeader.LOCATION, location);
        r.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        r.response().getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        r.response().write(true, null, r.callback());
    }

    private static void bytes(Req r, int status, String type, byte[] body, String attachment, String cache) {
        Response res = r.response();
        res.setStatus(status);
        res.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        res.getHeaders().put(HttpHeader.CACHE_CONTROL, cache);
        if (attachment != null) {
            String ascii = attachment.replaceAll("[^A-Za-z0-9._-]", "_");
            res.getHeaders().put("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + Ui.enc(attachment).replace("+", "%20"));
        }
        res.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        res.write(true, r.request().getMethod().equals("HEAD") ? null : ByteBuffer.wrap(body), r.callback());
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReadingRoom.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
