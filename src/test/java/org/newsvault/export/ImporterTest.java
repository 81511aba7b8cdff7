package org.newsvault.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsvault.Newsvault;
import org.newsvault.config.Settings;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRow;

class ImporterTest {
    @TempDir
    Path dir;

    /** Outcome and reason per file name, as the listener heard them. */
    final Map<String, String> heard = new ConcurrentHashMap<>();

    ImportSummary importInto(Newsvault nv, Path... roots) throws Exception {
        return Importer.of(nv).run(List.of(roots), (file, outcome, reason) ->
            heard.put(file.getFileName().toString(), outcome + (reason == null ? "" : ": " + reason)));
    }

    static List<ArticleRow> rows(Newsvault nv) {
        List<ArticleRow> out = new java.util.ArrayList<>();
        nv.articles.stream(ArticleQuery.ALL, out::add);
        return out;
    }

    static long originals(Newsvault nv) {
        long[] n = {0};
        nv.originalRows.stream(o -> n[0]++);
        return n[0];
    }

    static String plain(String stamp, String title, String url, String body) {
        return "<!--" + stamp + "-->\n[" + title + "](" + url + ")\n------\n\n" + body + "\n";
    }

    static String jekyll(String title, String site, String url, String body) {
        return "---\nlayout: post\ntitle: \"" + title.replace("\"", "\\\"") + "\"\ndate: 2021-03-04T05:06:07.000Z\nauthor: "
            + site + "\nfrom: " + url + "\ntags: [ " + site + " ]\ncategories: [ " + site + " ]\n---\n<!--1614834367000-->\n["
            + title + "](" + url + ")\n------\n\n<div>\n" + body + "\n</div>\n";
    }

    @Test
    void seedsImportOnceIntoTheirOutletsAndReadBackByteForByte() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary first = importInto(nv, seeds);
            assertThat(first.imported()).isEqualTo(5);
            assertThat(first.duplicates() + first.skipped() + first.failed()).isZero();

            // ids follow the file order, whatever order the parallel writes finish in
            assertThat(rows(nv).stream().sorted(java.util.Comparator.comparing(ArticleRow::id)).map(r -> r.id() + " " + r.filePath()))
                .containsExactly("1 rfa/000_016469c714a2c238.txt", "2 dw/001_3facb4a6a5838063.txt",
                    "3 nytimes/002_6c8018e4e619dbc1.txt", "4 rfa/003_b2868bf1b7a93490.txt", "5 cdt/004_e53f636a1fba136f.txt");
            for (ArticleRow row : rows(nv)) {
                byte[] input = Files.readAllBytes(seeds.resolve(Path.of(row.filePath()).getFileName()));
                assertThat(Files.readAllBytes(dir.resolve("archive").resolve(row.filePath()))).isEqualTo(input);
                assertThat(row.fileWritten()).isTrue();
                assertThat(row.source()).isEqualTo("import");
                Original o = nv.originalRows.find(row.originalId()).orElseThrow();
                assertThat(o.kind()).isEqualTo("import");
                assertThat(o.contentType()).isEqualTo("text/markdown");
                assertThat(nv.originals.read(o.sha256())).isEqualTo(input);
            }
            assertThat(nv.outlets.all()).containsEntry("rfa", "自由亚洲电台").containsEntry("dw", "德国之声")
                .containsEntry("nytimes", "纽约时报中文网").containsEntry("cdt", "中国数字时代");

            ImportSummary again = importInto(nv, seeds);
            assertThat(again.imported()).isZero();
            assertThat(again.duplicates()).isEqualTo(5);
            assertThat(nv.articles.count()).isEqualTo(5);
            assertThat(TestArchives.files(dir.resolve("archive"))).hasSize(5);
        }
    }

    @Test
    void seed000KeepsItsNaNStampFrontMatterAndFetchDate() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            importInto(nv, seeds.resolve(TestArchives.SEEDS.get(0)));
            ArticleRow row = rows(nv).get(0);
            assertThat(row.file().stamp()).isEqualTo("NaN");
            assertThat(row.publishedAt()).isNull();
            assertThat(row.fetchedAt()).hasToString("2024-06-23T01:46:36.914Z");
            assertThat(row.author()).isEqualTo("自由亚洲电台");
            assertThat(row.file().frontMatter()).startsWith("layout: post\ntitle: ").endsWith("categories: [ 自由亚洲电台 ]");
        }
    }

    static Stream<Arguments> layouts() {
        String body = "<p>正文：一段足够长的文字，让内容哈希各不相同。</p>";
        return Stream.of(
            Arguments.of("articles/rfa/1048575.md", plain("1595170527000", "自由亚洲电台的文章", "https://www.rfa.org/a/1.html", body + 1),
                "rfa", "rfa/1048575.md", "自由亚洲电台"),
            Arguments.of("_posts/2021-03-04-德国之声的文章.md", jekyll("德国之声的文章", "德国之声", "https://www.dw.com/zh/a-1", body + 2),
                "dw", "dw/2021-03-04-德国之声的文章.md", "德国之声"),
            Arguments.of("_posts/2021-03-04-x.md", jekyll("Example", "Example News", "https://news.example.com/x", body + 3),
                "example-news", "example-news/2021-03-04-x.md", "Example News"),
            Arguments.of("_posts/2021-03-04-y.md", jekyll("某某", "某某新闻", "https://mm.example.com/y", body + 4),
                "site-" + ContentHash.sha256Hex("某某新闻").substring(0, 6), null, "某某新闻"),
            Arguments.of("misc/loose.txt", plain("NaN", "无处安放", "https://www.example.org/loose", body + 5),
                "example-org", "example-org/loose.txt", "example.org"),
            Arguments.of("archive/mine/2024/2024-06-20-abcdef0123.md", plain("1718885824000", "已配置的来源", "https://mine.example.net/a", body + 6),
                "mine", "mine/2024-06-20-abcdef0123.md", "我的来源"),
            Arguments.of("feeds/cn.md", plain("1718885824000", "按域名", "https://cn.nytimes.com/china/x/", body + 7),
                "nytimes", "nytimes/cn.md", "纽约时报中文网"),
            Arguments.of("_posts/z.md", plain("1718885824000", "配置的 feed 域名", "https://news.mine.example.net/z", body + 8),
                "mine", "mine/z.md", "我的来源"));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void theOutletComesFromTheFolderTheFrontMatterOrTheHost(String relative, String content, String outlet, String path,
                                                            String outletName) throws Exception {
        Path file = dir.resolve("in").resolve(relative);
        TestArchives.write(file, content);
        Settings s = TestArchives.settings(dir, TestArchives.outlet("mine", "我的来源", "https://rss.mine.example.net/feed.xml"));
        try (Newsvault nv = Newsvault.open(s)) {
            assertThat(importInto(nv, dir.resolve("in")).imported()).as(heard.toString()).isEqualTo(1);
            ArticleRow row = rows(nv).get(0);
            assertThat(row.outletId()).isEqualTo(outlet).matches("[a-z0-9-]{1,64}");
            if (path != null) assertThat(row.filePath()).isEqualTo(path);
            assertThat(nv.outlets.all()).containsEntry(outlet, outletName);
            assertThat(dir.resolve("archive").resolve(row.filePath())).hasBinaryContent(content.getBytes(UTF_8));
        }
    }

    static Stream<Arguments> notInTheFormat() {
        String ok = plain("1", "t", "https://a.example/", "<p>x</p>");
        return Stream.of(
            Arguments.of("bom.md", "\uFEFF" + ok, "byte-order mark"),
            Arguments.of("crlf.md", ok.replace("\n", "\r\n"), "carriage return"),
            Arguments.of("nolf.md", ok.substring(0, ok.length() - 1), "line break"),
            Arguments.of("empty.md", "", "empty"),
            Arguments.of("prose.md", "# Notes\n\nnot an article\n", "line 1"),
            Arguments.of("nourl.md", plain("1", "t", "", "<p>x</p>"), "line 2"),
            Arguments.of("ftp.md", plain("1", "t", "ftp://a.example/x", "<p>x</p>"), "url"),
            Arguments.of("stamp.md", ok.replace("<!--1-->", "<!--yesterday-->"), "stamp"));
    }

    @ParameterizedTest
    @MethodSource("notInTheFormat")
    void aFileNotInTheFormatIsReportedWithItsReasonAndTheImportGoesOn(String name, String content, String reason)
        throws Exception {
        Path in = dir.resolve("in");
        TestArchives.write(in.resolve("articles/x/" + name), content);
        TestArchives.write(in.resolve("articles/x/good.md"), plain("1614834367000", "好", "https://good.example/1", "<p>好文章</p>"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, in);
            assertThat(s.skipped()).isEqualTo(1);
            assertThat(s.imported()).isEqualTo(1);
            assertThat(heard.get(name)).startsWith("SKIPPED: ").containsIgnoringCase(reason);
            assertThat(heard.get("good.md")).isEqualTo("IMPORTED");
        }
    }

    @Test
    void theSameArticleUnderAnotherUrlOrInAnotherArchiveIsLinkedNotDuplicated() throws Exception {
        String body = "<p>同一篇文章，同一段文字，出现在两个存档里。</p>";
        Path in = dir.resolve("in");
        TestArchives.write(in.resolve("a/articles/rfa/1048575.md"), plain("1614834367000", "标题", "https://www.rfa.org/a.html", body));
        // same URL (with a tracking parameter and http), different bytes
        TestArchives.write(in.resolve("b/_posts/2021-03-04-标题.md"), jekyll("标题", "自由亚洲电台",
            "http://www.rfa.org/a.html?utm_source=rss", body + "<p>尾注</p>"));
        // same text at another URL
        TestArchives.write(in.resolve("c/articles/rfa/1048574.md"), plain("1614834367000", "转载", "https://mirror.example/a", body));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, in);
            assertThat(s.imported()).isEqualTo(1);
            assertThat(s.duplicates()).isEqualTo(2);
            long id = rows(nv).get(0).id();
            assertThat(nv.articles.findBySighting("https://mirror.example/a")).contains(id);
            assertThat(nv.articles.count()).isEqualTo(1);
            assertThat(originals(nv)).as("the linked files' bytes are kept too").isEqualTo(3);
            assertThat(importInto(nv, in).duplicates()).isEqualTo(3);
            assertThat(nv.articles.count()).isEqualTo(1);
            assertThat(originals(nv)).isEqualTo(3);
        }
    }

    @Test
    void imageOnlyArticlesAreNotMergedByTheirEmptyText() throws Exception {
        Path in = dir.resolve("in/articles/bbc");
        TestArchives.write(in.resolve("1.md"), plain("1", "视频一", "https://www.bbc.com/v/1", "<img src=\"https://a.example/1.jpg\">"));
        TestArchives.write(in.resolve("2.md"), plain("2", "视频二", "https://www.bbc.com/v/2", "<img src=\"https://a.example/2.jpg\">"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(importInto(nv, in).imported()).isEqualTo(2);
        }
    }

    @Test
    void twoDifferentArticlesWithTheSameFileNameBothKeepTheirBytes() throws Exception {
        Path in = dir.resolve("in");
        String a = plain("1614834367000", "甲", "https://www.rfa.org/a.html", "<p>第一篇文章的正文。</p>");
        String b = plain("1614834368000", "乙", "https://www.rfa.org/b.html", "<p>第二篇文章的正文，完全不同。</p>");
        TestArchives.write(in.resolve("one/articles/rfa/1048575.md"), a);
        TestArchives.write(in.resolve("two/articles/rfa/1048575.md"), b);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(importInto(nv, in).imported()).isEqualTo(2);
            Path archive = dir.resolve("archive/rfa");
            assertThat(archive.resolve("1048575.md")).hasContent(a.stripTrailing());
            assertThat(archive.resolve("1048575-2.md")).hasContent(b.stripTrailing());
            assertThat(Files.readString(archive.resolve("1048575.md"))).isEqualTo(a);
            assertThat(Files.readString(archive.resolve("1048575-2.md"))).isEqualTo(b);
        }
    }

    @Test
    void controlCharactersEscapedQuotesAndNaNSurviveTheImport() throws Exception {
        String title = "引号\"和\\反斜杠\u0001控制";
        String content = jekyll(title, "德国之声", "https://www.dw.com/zh/a-2", "<p>含\u0007控制\u009F字符 &amp; 实体</p>")
            .replace("<!--1614834367000-->", "<!--NaN-->");
        Path file = dir.resolve("in/x.md");
        TestArchives.write(file, content);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(importInto(nv, file).imported()).as(heard.toString()).isEqualTo(1);
            ArticleRow row = rows(nv).get(0);
            assertThat(row.file().title()).isEqualTo(title);
            assertThat(row.publishedAt()).isNull();
            assertThat(dir.resolve("archive").resolve(row.filePath())).hasBinaryContent(content.getBytes(UTF_8));
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedAndTheImportEnds() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        TestArchives.write(dir.resolve("archive/rfa"), "a file where the outlet folder should be");
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, seeds);
            assertThat(s.failed()).isEqualTo(2);
            assertThat(s.imported()).isEqualTo(3);
            assertThat(heard.get("000_016469c714a2c238.txt")).startsWith("FAILED: cannot write ")
                .endsWith("(the file is written at the next start)");
        }
    }

    @Test
    void foldersSkipWhatIsNotAnArticleAndLinksAreNotFollowed() throws Exception {
        Path in = dir.resolve("in");
        String ok = plain("1614834367000", "好", "https://good.example/1", "<p>好文章</p>");
        TestArchives.write(in.resolve("_posts/2021-03-04-a.md"), ok);
        TestArchives.write(in.resolve("lists/自由亚洲电台.md"), "自由亚洲电台\n------\n\n");
        TestArchives.write(in.resolve("README.md"), "# archive\n");
        TestArchives.write(in.resolve("_site/x.md"), ok);
        TestArchives.write(in.resolve(".git/x.md"), ok);
        TestArchives.write(in.resolve("image.png"), "png");
        TestArchives.write(dir.resolve("outside/secret.md"), plain("1", "秘密", "https://secret.example/", "<p>不应导入</p>"));
        Files.createSymbolicLink(in.resolve("link"), dir.resolve("outside"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, in);
            assertThat(s.files()).isEqualTo(1);
            assertThat(s.imported()).isEqualTo(1);
        }
    }

    @Test
    void namesWindowsReservesAreKeptUnderPortableNames() throws Exception {
        Path in = dir.resolve("in/articles/rfa");
        TestArchives.write(in.resolve("CON.md"), plain("1", "甲", "https://www.rfa.org/1.html", "<p>第一篇。</p>"));
        TestArchives.write(in.resolve("com1.txt"), plain("2", "乙", "https://www.rfa.org/2.html", "<p>第二篇。</p>"));
        TestArchives.write(in.resolve("trailing.md. "), plain("3", "丙", "https://www.rfa.org/3.html", "<p>第三篇。</p>"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(importInto(nv, dir.resolve("in/articles/rfa/CON.md"), dir.resolve("in/articles/rfa/com1.txt"),
                dir.resolve("in/articles/rfa/trailing.md. ")).imported()).as(heard.toString()).isEqualTo(3);
            assertThat(rows(nv)).extracting(ArticleRow::filePath)
                .containsExactlyInAnyOrder("rfa/_CON.md", "rfa/_com1.txt", "rfa/trailing.md");
            assertThat(dir.resolve("archive/rfa/_CON.md")).exists();
        }
    }

    /**
     * An import killed after the originals were saved but before the article rows were committed (the state
     * {@code kill -9} left: 5,550 original rows for 4,498 blobs) is simulated by a database that refuses the
     * article rows; the import run again must link the originals it already made, not add them twice.
     */
    @Test
    void anImportCutShortBetweenOriginalAndArticleRowReusesTheOriginalsWhenRunAgain() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            nv.db.read(c -> c.createStatement().execute("ALTER TABLE article ADD CONSTRAINT killed CHECK (id < 0)"));
            ImportSummary cut = importInto(nv, seeds);
            assertThat(cut.failed()).isEqualTo(5);
            assertThat(nv.articles.count()).isZero();
            assertThat(originals(nv)).as("the step before the kill happened").isEqualTo(5);
            nv.db.read(c -> c.createStatement().execute("ALTER TABLE article DROP CONSTRAINT killed"));
        }
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary again = importInto(nv, seeds);
            assertThat(again.imported()).isEqualTo(5);
            Map<String, Long> perBlobAndUrl = new java.util.HashMap<>();
            nv.originalRows.stream(o -> perBlobAndUrl.merge(o.sha256() + " " + o.url(), 1L, Long::sum));
            assertThat(perBlobAndUrl).hasSize(5).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            for (ArticleRow row : rows(nv)) assertThat(nv.originalRows.find(row.originalId())).isPresent();
            assertThat(importInto(nv, seeds).duplicates()).isEqualTo(5);
            assertThat(originals(nv)).isEqualTo(5);

            Path warc = dir.resolve("a.warc");
            Exporter.of(nv).export(ExportFormat.WARC, ArticleQuery.ALL, warc, n -> {});
            long resources = 0;
            try (var reader = new org.netpreserve.jwarc.WarcReader(warc)) {
                for (var r : reader) if (r instanceof org.netpreserve.jwarc.WarcResource) resources++;
            }
            assertThat(resources).isEqualTo(5);
        }
    }

    @Test
    void aDuplicateWhoseBlobOutlivedItsRowGetsItsRow() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        Path copy = TestArchives.seeds(dir.resolve("copy"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            importInto(nv, seeds);
            // a later version of seed 001 (same URL, other bytes) whose blob a killed run wrote, but not its row
            Path later = copy.resolve(TestArchives.SEEDS.get(1));
            String text = Files.readString(later);
            Files.writeString(later, text.substring(0, text.length() - 1) + "<p>补记</p>\n");
            byte[] bytes = Files.readAllBytes(later);
            Original orphan = nv.originals.save("https://x.example/", 200, List.of(), "text/markdown", bytes, java.time.Instant.EPOCH, "import");
            nv.db.read(c -> c.createStatement().execute("DELETE FROM original WHERE id = " + orphan.id()));
            assertThat(nv.originals.has(orphan.sha256())).isTrue();
            assertThat(originals(nv)).isEqualTo(5);
            assertThat(importInto(nv, copy).duplicates()).as(heard.toString()).isEqualTo(5);
            assertThat(originals(nv)).isEqualTo(6);
            assertThat(importInto(nv, copy).duplicates()).isEqualTo(5);
            assertThat(originals(nv)).isEqualTo(6);
        }
    }
}
