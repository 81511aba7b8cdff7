package org.newsvault.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.newsvault.Newsvault;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.ArticleWriter;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRow;

/** Imported files are untrusted: what renders is safe, what was read is kept, harmless files stay byte for byte. */
class ImportSanitizeTest {
    @TempDir
    Path dir;

    final Map<String, String> heard = new ConcurrentHashMap<>();

    ImportSummary importInto(Newsvault nv, Path root) throws Exception {
        return Importer.of(nv).run(List.of(root), (file, outcome, reason) ->
            heard.put(file.getFileName().toString(), outcome + (reason == null ? "" : ": " + reason)));
    }

    static String jekyll(String title, String url, String body) {
        return ImporterTest.jekyll(title, "自由亚洲电台", url, body);
    }

    /** Markup that runs script, in the forms an attacker would try; each must be cut out before anything renders. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<p>正文</p><script>alert(1)</script>",
        "<p>正文<img src=x onerror=alert(1)></p>",
        "<p>正文</p><iframe src=javascript:alert(1)></iframe>",
        "<p>正文</p><iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<p><a href=\"java&#x09;script:alert(1)\">正文</a></p>",
        "<p><a href=\"&#106;avascript&#58;alert(1)\">正文</a></p>",
        "<p><a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">正文</a></p>",
        "<p>正文</p><svg><animate attributeName=href to=javascript:alert(1) /><a><text>x</text></a></svg>",
        "<p>正文</p><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>",
        "<p>正文</p><object data=\"https://evil.example/x.swf\"></object>",
        "<p>正文</p><base href=\"https://evil.example/\">",
        "<p>正文</p><meta http-equiv=refresh content=\"0;url=https://evil.example/\">",
        "<p>正文</p><form action=\"https://evil.example/login\"><input name=pw></form>",
        "<p>正文</p><div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p>正文</p></div>\n\n[点这里](javascript:alert(1))\n\n<div>"})
    void aBodyWithExecutableMarkupIsArchivedSanitizedAndItsBytesKeptAsTheOriginal(String body) throws Exception {
        String content = jekyll("标题", "https://www.rfa.org/a/1.html", body);
        Path in = dir.resolve("in/articles/rfa/1.md");
        TestArchives.write(in, content);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, dir.resolve("in"));
            assertThat(s.imported()).as(heard.toString()).isEqualTo(1);
            assertThat(s.sanitized()).isEqualTo(1);
            assertThat(s.line()).contains(", 1 body sanitized (");
            assertThat(heard.get("1.md")).startsWith("IMPORTED: body sanitized (").endsWith("the input is kept as its original");

            ArticleRow row = ImporterTest.rows(nv).get(0);
            byte[] archived = Files.readAllBytes(dir.resolve("archive").resolve(row.filePath()));
            assertThat(archived).isEqualTo(ArticleWriter.render(row.file()));
            ArticleFile file = ArticleFileReader.read(archived);
            assertNothingExecutable(file.bodyHtml());
            assertThat(file.body()).startsWith("<div>\n").endsWith("\n</div>").containsOnlyOnce("\n</div>");
            assertThat(file.bodyHtml()).contains("正文").doesNotContain("\n");
            // the header lines are the file's own
            assertThat(file.frontMatter()).isEqualTo(ArticleFileReader.read(content.getBytes(UTF_8)).frontMatter());
            assertThat(file.title()).isEqualTo("标题");

            Original o = nv.originalRows.find(row.originalId()).orElseThrow();
            assertThat(nv.originals.read(o.sha256())).isEqualTo(content.getBytes(UTF_8));
        }
    }

    static void assertNothingExecutable(String html) {
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "onerror", "<iframe", "srcdoc", "<object", "<base", "<meta", "<form",
            "<svg", "<animate", "<noscript", "href=\"javascript", "href=\"data:", "url(javascript");
        var doc = org.jsoup.Jsoup.parseBodyFragment(html);
        for (var e : doc.body().getAllElements()) {
            for (var a : e.attributes()) {
                assertThat(a.getKey()).doesNotStartWith("on");
                assertThat(a.getValue().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s", "")).doesNotContain("javascript:");
            }
        }
    }

    @Test
    void everyRenderedFormShowsTheSanitizedBodyAndTheWarcKeepsTheInput() throws Exception {
        String hostile = jekyll("标题", "https://www.rfa.org/a/1.html", "<p>正文一</p><script>alert(1)</script>");
        TestArchives.write(dir.resolve("in/articles/rfa/1.md"), hostile);
        TestArchives.write(dir.resolve("in/articles/rfa/2.md"), jekyll("其二", "https://www.rfa.org/a/2.html",
            "<p>正文二<img src=x onerror=alert(1)></p>"));
        TestArchives.write(dir.resolve("in/articles/rfa/3.md"), jekyll("其三", "https://www.rfa.org/a/3.html",
            "<p><a href=javascript:alert(1)>正文三</a></p>"));
        String harmless = jekyll("其四", "https://www.rfa.org/a/4.html",
            "<div class=\"story\" style=\"color:grey\" data-x=\"1\"><p id=\"p1\">正文四</p>"
                + "<iframe src=\"https://www.youtube.com/embed/x\" allowfullscreen></iframe></div>");
        TestArchives.write(dir.resolve("in/articles/rfa/4.md"), harmless);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, dir.resolve("in"));
            assertThat(s.imported()).isEqualTo(4);
            assertThat(s.sanitized()).isEqualTo(3);
            assertThat(s.line()).contains("3 bodies sanitized");
            assertThat(heard.get("4.md")).isEqualTo("IMPORTED");
            // markup the safelist would drop but that runs nothing is an archive's own: kept byte for byte
            assertThat(dir.resolve("archive/rfa/4.md")).hasBinaryContent(harmless.getBytes(UTF_8));

            Exporter exporter = Exporter.of(nv);
            exporter.export(ExportFormat.SEED, ArticleQuery.ALL, dir.resolve("seed"), n -> {});
            exporter.export(ExportFormat.JEKYLL, ArticleQuery.ALL, dir.resolve("site"), n -> {});
            exporter.export(ExportFormat.JSONL, ArticleQuery.ALL, dir.resolve("a.jsonl"), n -> {});
            exporter.export(ExportFormat.WARC, ArticleQuery.ALL, dir.resolve("a.warc"), n -> {});
        }
        for (String n : List.of("1", "2", "3")) {
            assertNothingExecutable(ArticleFileReader.read(Files.readAllBytes(dir.resolve("seed/articles/rfa/" + n + ".md"))).bodyHtml());
            assertNothingExecutable(Files.readString(dir.resolve("archive/rfa/" + n + ".md")));
        }
        assertThat(dir.resolve("seed/articles/rfa/4.md")).hasBinaryContent(harmless.getBytes(UTF_8));
        for (Path post : TestArchives.files(dir.resolve("site/_posts"))) {
            String text = Files.readString(post);
            if (!text.contains("正文四")) assertNothingExecutable(ArticleFileReader.read(text.getBytes(UTF_8)).bodyHtml());
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("a.jsonl"))) {
            String body = json.readTree(line).get("bodyHtml").asText();
            if (!body.contains("正文四")) assertNothingExecutable(body);
        }
        List<byte[]> resources = new ArrayList<>();
        try (WarcReader reader = new WarcReader(dir.resolve("a.warc"))) {
            for (WarcRecord r : reader) {
                if (r instanceof WarcResource res) {
                    try (InputStream b = res.body().stream()) {
                        resources.add(b.readAllBytes());
                    }
                }
            }
        }
        assertThat(resources).hasSize(4).anySatisfy(b -> assertThat(b).isEqualTo(hostile.getBytes(UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "Read](javascript:alert(1))", "![x](x){: onerror=\"alert(1)\"}",
        "`code`", "{{ site.secret }}", "标题 [未闭合", "javascript:alert(1)"})
    void aTitleWithMarkupIsWrittenAnewThroughArticleFiles(String title) throws Exception {
        String url = "https://www.rfa.org/a/1.html";
        String content = jekyll(title, url, "<p>正文</p>");
        TestArchives.write(dir.resolve("in/articles/rfa/1.md"), content);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, dir.resolve("in"));
            assertThat(s.imported()).as(heard.toString()).isEqualTo(1);
            assertThat(s.rewritten()).isEqualTo(1);
            assertThat(s.sanitized()).isZero();
            assertThat(s.line()).contains("1 header rewritten");
            ArticleRow row = ImporterTest.rows(nv).get(0);
            ArticleFile expected = ArticleFiles.create(Variant.JEKYLL, title, url, "自由亚洲电台", "自由亚洲电台",
                row.publishedAt(), row.fetchedAt(), "<p>正文</p>");
            assertThat(dir.resolve("archive").resolve(row.filePath())).hasBinaryContent(ArticleWriter.render(expected));
            assertThat(nv.originals.read(nv.originalRows.find(row.originalId()).orElseThrow().sha256()))
                .isEqualTo(content.getBytes(UTF_8));
        }
    }

    @Test
    void aYamlTagInTheFrontMatterMakesTheFileWrittenAnew() throws Exception {
        String content = jekyll("标题", "https://www.rfa.org/a/1.html", "<p>正文</p>")
            .replace("author: 自由亚洲电台", "author: !!python/object/apply:os.system [\"id\"]");
        TestArchives.write(dir.resolve("in/articles/rfa/1.md"), content);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ImportSummary s = importInto(nv, dir.resolve("in"));
            assertThat(s.rewritten()).as(heard.toString()).isEqualTo(1);
            ArticleRow row = ImporterTest.rows(nv).get(0);
            assertThat(row.file().frontMatter()).isNotEqualTo(ArticleFileReader.read(content.getBytes(UTF_8)).frontMatter());
            assertThat(row.file()).isEqualTo(ArticleFiles.create(Variant.JEKYLL, "标题", "https://www.rfa.org/a/1.html",
                row.author(), "自由亚洲电台", row.publishedAt(), row.fetchedAt(), "<p>正文</p>"));
        }
    }

    @Test
    void aPlainFileWithAScriptKeepsItsShapeWithTheSanitizedLine() throws Exception {
        String content = ImporterTest.plain("1614834367000", "标题", "https://www.rfa.org/a/1.html",
            "<p>正文</p><script>alert(1)</script>");
        TestArchives.write(dir.resolve("in/articles/rfa/1048575.md"), content);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(importInto(nv, dir.resolve("in")).sanitized()).isEqualTo(1);
            assertThat(dir.resolve("archive/rfa/1048575.md")).hasContent(
                ImporterTest.plain("1614834367000", "标题", "https://www.rfa.org/a/1.html", "<p>正文</p>").stripTrailing());
        }
    }

    @Test
    void theSeedsAndOrdinaryMarkupAreJudgedHarmless() throws Exception {
        for (String seed : TestArchives.SEEDS) {
            ArticleFile f = ArticleFileReader.read(TestArchives.resource("seeds/" + seed));
            assertThat(ImportedMarkup.unsafeBody(f.bodyHtml())).as(seed).isNull();
            assertThat(ImportedMarkup.unsafeHeader(f)).as(seed).isNull();
        }
        assertThat(ImportedMarkup.unsafeBody("<p class=x style=\"color:red\" data-on=\"1\" aria-label=\"on\">on = off, onion=1</p>"
            + "<img src=\"data:image/png;base64,iVBORw0KGgo=\"><a href=\"mailto:a@b.example\">m</a><a href=\"/rel\">r</a>")).isNull();
        ArticleFile bbc = new ArticleFile(Variant.PLAIN, null, "1", "[World] 香港警方拘捕5名<苹果日报>高管", "https://www.bbc.com/a", "<p>x</p>");
        assertThat(ImportedMarkup.unsafeHeader(bbc)).isNull();
        assertThat(ImportedMarkup.hasYamlTag("title: \"Wow! !important\"\ntags: [ a, b ]\ndate: 2020-01-01")).isFalse();
        assertThat(ImportedMarkup.hasYamlTag("title: x\nauthor: !!python/object/apply:os.system [\"id\"]")).isTrue();
        assertThat(ImportedMarkup.hasYamlTag("author: 记者: 张三\ntags: [ !!binary eA== ]")).isTrue();
        assertThat(ImportedMarkup.hasYamlTag("author: 记者: 张三\ntitle: a")).isFalse();
    }
}
