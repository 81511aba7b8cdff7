package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.images.ImageLister;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageState;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.WatchRepository;

/** A re-check that finds another set of images records it with the revision, and the new ones get kept too. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleCheckerImagesTest {
    static final String URL = "https://news.test/world/2024/article-88001.html";
    static final String TITLE = "俄朝签署条约";
    static final String P1 = "<p>俄罗斯总统普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。普京在会谈后表示，这是将两国协作提升至新水平的突破性文件。</p>";
    static final String P2 = "<p>分析人士认为，这一条约给北京带来了更多麻烦，因为它加深了中俄朝三边轴心的印象。</p>";
    static final Instant ARCHIVED = Instant.parse("2024-06-20T12:00:00Z");

    @TempDir
    static Path dir;
    Newsvault nv;
    ArticleChecker checker;
    WatchRepository watch;
    final List<String> pages = new ArrayList<>();
    Instant now = ARCHIVED;
    int n;

    static String page(String body) {
        return "<html><head><title>" + TITLE + "</title></head><body><article><h1>" + TITLE + "</h1>" + body
            + "</article></body></html>";
    }

    static String img(String name) {
        return "<figure><img src=\"https://cdn.news.test/" + name + "\"><figcaption>现场照片</figcaption></figure>";
    }

    @BeforeAll
    void open() {
        Settings s = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), HttpSettings.DEFAULTS,
            WatchSettings.DEFAULTS, null, List.of());
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        nv = Newsvault.open(s, clock);
        nv.outlets.upsert("test", "测试台");
        watch = new WatchRepository(nv.db);
        RevisionRepository revisions = new RevisionRepository(nv.db);
        Fetcher scripted = req -> new FetchResult(req.url(), req.url(), 200, false, List.of(),
            pages.remove(0).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", null, null, now, Duration.ZERO);
        checker = new ArticleChecker(scripted, new PageReader(new ArticleExtractor(), new HtmlSanitizer(false),
            new HtmlSanitizer(true)), new ArticleChecker.Stores(nv.originals, nv.originalRows, watch, revisions,
            new RevisionFiles(s.archive(), revisions, nv.archiver)), () -> WatchSettings.DEFAULTS,
            o -> new ArticleChecker.OutletView("测试台", ExtractRules.GENERIC, null, false), clock, new ImageLister(() -> s));
    }

    @AfterAll
    void close() {
        nv.close();
    }

    /** An article archived from its page, with its images listed as the poll lists them. */
    long archive(String body) throws Exception {
        now = ARCHIVED;
        String url = URL + "?v=" + (++n);
        byte[] first = page(body).getBytes(StandardCharsets.UTF_8);
        var orig = nv.originals.save(url, 200, List.of(), "text/html; charset=utf-8", first, ARCHIVED, "page");
        String clean = new HtmlSanitizer(false).sanitize(body, URI.create(url));
        ArticleFile file = ArticleFiles.create(Variant.JEKYLL, TITLE, url, "测试台", "测试台", ARCHIVED, ARCHIVED, clean);
        ArticleRow row = new ArticleRow(0, "test", null, null, url, TITLE, "测试台", ARCHIVED, ARCHIVED,
            ContentHash.ofHtml(clean), file, "test/2024/img-" + n + ".md", false, orig.id(), "poll", "live");
        long id = nv.articles.insert(row, ARCHIVED);
        nv.archiver.writeFile(id, row);
        nv.images.add(id, ImageLister.refs(clean, url, null), 40, ARCHIVED, ARCHIVED);
        return id;
    }

    CheckResult check(long id, String body) throws Exception {
        pages.add(page(body));
        now = ARCHIVED.plus(Duration.ofHours(1));
        return checker.check(watch.state(id).orElseThrow());
    }

    @Test
    void aSwappedPhotoWithTheSameTextIsAnEditAndBothSetsAreRecorded() throws Exception {
        long id = archive(P1 + img("a.jpg") + P2);
        CheckResult r = check(id, P1 + img("b.jpg") + P2);
        assertThat(r.outcome()).isEqualTo(CheckResult.Outcome.EDITED);
        assertThat(r.line()).contains("images changed");
        assertThat(nv.images.ofRevision(id, 1).orElseThrow()).containsExactly("https://cdn.news.test/a.jpg");
        assertThat(nv.images.ofRevision(id, 2).orElseThrow()).containsExactly("https://cdn.news.test/b.jpg");
        // Both kept: the earlier version's photo is its evidence, the new one is to be fetched.
        assertThat(nv.images.ofArticle(id)).extracting(ArticleImage::url)
            .containsExactly("https://cdn.news.test/a.jpg", "https://cdn.news.test/b.jpg");
        assertThat(nv.images.ofArticle(id)).allMatch(i -> i.state() == ImageState.PENDING);
    }

    @Test
    void theSameImagesAndTextAreNoEditAndATextEditRecordsTheImagesItShows() throws Exception {
        long id = archive(P1 + img("c.jpg") + P2);
        assertThat(check(id, P1 + img("c.jpg") + P2).outcome()).isEqualTo(CheckResult.Outcome.UNCHANGED);
        CheckResult r = check(id, P1.replace("平壤", "莫斯科") + img("c.jpg") + P2);
        assertThat(r.outcome()).isEqualTo(CheckResult.Outcome.EDITED);
        assertThat(nv.images.ofRevision(id, 2).orElseThrow()).containsExactly("https://cdn.news.test/c.jpg");
        assertThat(nv.images.ofArticle(id)).hasSize(1);
    }
}
