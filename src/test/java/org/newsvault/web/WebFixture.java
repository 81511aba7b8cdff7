package org.newsvault.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.newsvault.Newsvault;
import org.newsvault.cli.NewsvaultCommand;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import org.newsvault.metrics.HttpEndpoints;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.CheckUpdate;
import org.newsvault.store.NewRevision;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;

/**
 * A real archive for the reading room's tests: the five export seeds imported through the CLI, plus rows made
 * here (one edited twice, one deleted, one hostile, one with an original, enough for two pages of one outlet),
 * served on a loopback port by the same handler tree the daemon uses.
 */
final class WebFixture implements AutoCloseable {
    static final String[] SEEDS = {"000_016469c714a2c238.txt", "001_3facb4a6a5838063.txt",
        "002_6c8018e4e619dbc1.txt", "003_b2868bf1b7a93490.txt", "004_e53f636a1fba136f.txt"};
    static final String HOSTILE_TITLE = "<script>alert('title')</script> 标题";
    static final String HOSTILE_BODY = "<p>正文 body</p><img src=x onerror=alert(1)><script>alert(2)</script>"
        + "<a href=\"javascript:alert(3)\">link</a><p style=\"color:red\" onclick=\"alert(4)\">段落</p>";
    static final byte[] ORIGINAL = "<html><script>alert('original')</script><p>原文</p></html>".getBytes(StandardCharsets.UTF_8);
    static final int MANY = 60;

    final Path dir;
    final Settings settings;
    final Newsvault nv;
    final HttpEndpoints http;
    final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).callTimeout(10, TimeUnit.SECONDS).build();
    long edited;
    long deleted;
    long hostile;
    long withOriginal;
    /** An article with images in every state: {@link #PNG} and {@link #JPEG} kept (the JPEG as its lead image). */
    long pictured;
    static final String CDN = "https://cdn.test.example/";
    static final byte[] PNG = org.newsvault.export.TestImages.image("png", 1);
    static final byte[] JPEG = org.newsvault.export.TestImages.image("jpg", 2);
    static final byte[] BODY_PNG = org.newsvault.export.TestImages.image("png", 3);
    static final String PICTURED_BODY = "<p>有图的文章</p><figure><img src=\"" + CDN + "a.png\" alt=\"甲图\"><figcaption>说明</figcaption></figure>"
        + "<p><img src=\"https://images.weserv.nl/?url=cdn.test.example/b.png\" alt=\"乙\"></p>"
        + "<p><img src=\"" + CDN + "gone.jpg\" alt=\"丙\"><img src=\"" + CDN + "big.jpg\"></p>";
    String pngSha;
    String jpegSha;

    WebFixture(Path dir, String webYaml) throws IOException {
        this(dir, webYaml, false);
    }

    org.newsvault.search.SearchIndex index;

    /** {@code withSearch}: a search index built from the archive (as {@code reindex} would), answering the search page. */
    WebFixture(Path dir, String webYaml, boolean withSearch) throws IOException {
        this.dir = dir;
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        for (String s : SEEDS) {
            try (InputStream in = WebFixture.class.getResourceAsStream("/export/seeds/" + s)) {
                Files.write(seeds.resolve(s), in.readAllBytes());
            }
        }
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n"
            + "listen: 127.0.0.1:0\n" + webYaml
            + "outlets:\n  - id: test\n    name: 测试台\n    feeds: [http://127.0.0.1:9/feed.xml]\n"
            + "  - id: other\n    name: Other <b>Outlet</b>\n    feeds: [http://127.0.0.1:9/other.xml]\n");
        cli("--config", config.toString(), "import", seeds.toString());
        settings = ConfigLoader.load(config);
        nv = Newsvault.open(settings);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < MANY; i++) add("test", "many-" + i, "第" + i + "篇", "<p>正文 " + i + "</p>", now.minus(i, ChronoUnit.HOURS), null);
        Original o;
        try {
            o = nv.originals.save("https://test.example/orig", 200, List.of(Map.entry("Content-Type", "text/html")), "text/html",
                ORIGINAL, now, "page");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        withOriginal = add("other", "orig", "有原文", "<p>有原文的文章</p>", now, o.id());
        hostile = add("other", "hostile", HOSTILE_TITLE, HOSTILE_BODY, now, null);
        pictured = add("other", "pictured", "有图的文章", PICTURED_BODY, now.minusSeconds(10), null);
        pngSha = org.newsvault.export.TestImages.stored(nv.db, nv.originals, pictured, CDN + "a.png", org.newsvault.model.ImageRole.BODY,
            0, PNG, "image/png", now).sha256();
        org.newsvault.export.TestImages.stored(nv.db, nv.originals, pictured, CDN + "b.png", org.newsvault.model.ImageRole.BODY, 1,
            BODY_PNG, "image/png", now);
        org.newsvault.export.TestImages.unstored(nv.db, pictured, CDN + "gone.jpg", org.newsvault.model.ImageRole.BODY, 2,
            org.newsvault.model.ImageState.GONE, 0, "HTTP 404", now);
        org.newsvault.export.TestImages.unstored(nv.db, pictured, CDN + "big.jpg", org.newsvault.model.ImageRole.BODY, 3,
            org.newsvault.model.ImageState.TOO_LARGE, 30_000_000, "over the 10 MB per image", now);
        jpegSha = org.newsvault.export.TestImages.stored(nv.db, nv.originals, pictured, CDN + "lead.jpg",
            org.newsvault.model.ImageRole.LEAD, 4, JPEG, "image/jpeg", now).sha256();
        edited = add("test", "edited", "原来的标题", "<p>第一段不变。</p><p>习近平说了一句话。</p>", now.minusSeconds(30), null);
        RevisionRepository revisions = new RevisionRepository(nv.db);
        ArticleFile f2 = ArticleFiles.create(Variant.JEKYLL, "修改后的标题", "https://test.example/edited", null, "test", now, now,
            "<p>第一段不变。</p><p>习近平说了另一句话。</p>");
        revisions.recordEdit(new NewRevision(edited, now.plusSeconds(5), "修改后的标题", "hash-edited-2", null, f2,
            n -> "test/edited." + n + ".md", null, null,
            new StatusEvent(edited, now.plusSeconds(5), "edited", 200, null, "revision {n}: text changed")), now.plusSeconds(5));
        deleted = add("test", "deleted", "被删除的文章", "<p>这篇文章被删除了。</p>", now.minusSeconds(20), null);
        new WatchRepository(nv.db).recordCheck(deleted, new CheckUpdate("deleted", 2, 0, null, now.plusSeconds(6), null,
            new StatusEvent(deleted, now.plusSeconds(6), "deleted", 404, null, "HTTP 404, confirmed 2 times")));
        if (withSearch) {
            org.newsvault.store.Reading reading = new org.newsvault.store.Reading(nv.db);
            List<org.newsvault.search.SearchDocument> docs = new java.util.ArrayList<>();
            for (var l : reading.list(org.newsvault.store.Reading.ListFilter.ALL, 0, org.newsvault.store.Reading.MAX_PAGE).items()) {
                var d = reading.article(l.id()).orElseThrow();
                docs.add(new org.newsvault.search.SearchDocument(l.id(), l.outletId(), l.title(), l.author(),
                    org.jsoup.Jsoup.parse(d.row().file().bodyHtml()).text(), d.sightings().stream().map(x -> x.url()).toList(),
                    d.row().publishedAt(), l.status(), l.bodyKind()));
            }
            Path root = dir.resolve("search");
            org.newsvault.search.Reindexer.rebuild(root, docs, org.newsvault.search.Reindexer.Progress.NONE);
            index = org.newsvault.search.SearchIndex.openReadOnly(root, java.time.Clock.systemUTC());
        }
        http = HttpEndpoints.start(new java.net.InetSocketAddress("127.0.0.1", 0), ReadingRoom.site(nv, this::status,
            inner -> HttpEndpoints.handler(null, null, () -> status().toJson(), inner), settings.listen(),
            index == null ? null : index::search));
    }

    /** Makes the status snapshot throw, as a failing database would: the pages using it must answer 500 pages. */
    volatile boolean statusFails;

    StatusSnapshot status() {
        if (statusFails) throw new IllegalStateException("database closed (test)");
        return StatusSnapshot.of(settings, nv.feeds.all(), Instant.now(), false, f -> Optional.empty());
    }

    private long add(String outlet, String slug, String title, String body, Instant at, Long originalId) {
        String url = "https://" + outlet + ".example/" + slug;
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, title, url, "记者", outlet, at, at, body);
        return nv.articles.insert(new ArticleRow(0, outlet, null, null, url, title, "记者", at, at, "hash-" + slug, f,
            outlet + "/" + slug + ".md", true, originalId, "poll", "live"), at);
    }

    static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = NewsvaultCommand.execute(args);
            if (code != 0) throw new IllegalStateException("newsvault " + String.join(" ", args) + ": exit " + code + ": " + out);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.address().getPort() + path;
    }

    Response get(String path, String... headers) throws IOException {
        Request.Builder b = new Request.Builder().url(url(path));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return client.newCall(b.build()).execute();
    }

    /** Status and body of a GET. */
    record Page(int status, String body, okhttp3.Headers headers) {}

    Page page(String path, String... headers) throws IOException {
        try (Response r = get(path, headers)) {
            return new Page(r.code(), r.body() == null ? "" : r.body().string(), r.headers());
        }
    }

    @Override
    public void close() {
        http.close();
        if (index != null) index.close();
        nv.close();
    }
}
