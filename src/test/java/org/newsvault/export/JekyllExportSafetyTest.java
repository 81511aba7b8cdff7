package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.MarkdownText;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The posts of {@code --format jekyll} from hostile rows (a feed's title and author, an older archive's front
 * matter and title line): every front matter loads safely, without tags, anchors or aliases, to the values
 * given, and every title line is one a Markdown renderer shows as text (see {@code TitleXssTest} for the
 * rendering itself).
 */
class JekyllExportSafetyTest {
    private static final Instant WHEN = Instant.parse("2024-06-20T12:11:16.362Z");

    @TempDir
    Path dir;

    @Test
    void hostileTitlesAndAuthorsOfPlainRowsBecomeSafePosts() throws Exception {
        List<String> authors = List.of("!!python/object/apply:os.system [\"id\"]", "&a x", "*a", "记者: 张三", "yes",
            "2024-06-20", "[x]", "{y: z}", "| x", "% x", "@x", "`x`", "a #b", "DW");
        List<String> titles = List.of("<img src=x onerror=alert(1)>", "![x](x){: onerror=\"alert(1)\"}",
            "Read](javascript:alert(1))", "{::nomarkdown}<script>alert(1)</script>{:/}", "C:\\x \"q\"", "]: javascript:x",
            "!!binary aGk=", "*a", "标题", "\u202Egpj.exe", "a | b", "^x", "$$x$$", "普通标题");
        JekyllSink sink = new JekyllSink(dir, Map.of("dw", "德国之声"));
        for (int i = 0; i < titles.size(); i++) {
            ArticleFile f = new ArticleFile(Variant.PLAIN, null, "NaN", MarkdownText.escapeLinkText(titles.get(i)),
                "https://a.example/" + i, "<p>b</p>");
            sink.accept(row(i, f, authors.get(i)));
        }
        sink.finish();
        List<Path> posts = TestArchives.files(dir.resolve("_posts"));
        assertThat(posts).hasSize(titles.size());
        for (Path p : posts) {
            ArticleFile f = ArticleFileReader.read(Files.readAllBytes(p));
            Map<String, Object> m = safeLoad(f.frontMatter());
            int i = Integer.parseInt(f.url().substring("https://a.example/".length()));
            String title = titles.get(i).replace("\u202E", "");
            assertThat(m.get("title")).as(p.toString()).isEqualTo(title);
            assertThat(m.get("author")).as(p.toString()).isEqualTo(authors.get(i));
            assertThat(f.plainTitle()).isEqualTo(title);
            assertThat(MarkdownText.safeLinkText(f.title())).isEqualTo(f.title());
        }
    }

    @Test
    void anOlderArchivesHostileFrontMatterAndTitleLineAreDefused() throws Exception {
        String fm = "layout: post\ntitle: \"x\"\ndate: 2024-06-20T12:11:16.362Z\nauthor: !!python/object/apply:os.system [\"id\"]\n"
            + "from: https://a.example/1\ntags: !ruby/object:Gem::Installer [ 德国之声 ]\nnote: &a x\nalso: *a";
        ArticleFile imported = new ArticleFile(Variant.JEKYLL, fm, "NaN", "<script>alert(1)</script>", "javascript:alert(1)",
            "<div>\n<p>b</p>\n</div>");
        JekyllSink sink = new JekyllSink(dir, Map.of());
        sink.accept(row(1, imported, null));
        Path post = TestArchives.files(dir.resolve("_posts")).get(0);
        ArticleFile f = ArticleFileReader.read(Files.readAllBytes(post));
        Map<String, Object> m = safeLoad(f.frontMatter());
        assertThat(m.get("author")).isEqualTo("!!python/object/apply:os.system [\"id\"]");
        assertThat(m.get("tags")).isEqualTo("!ruby/object:Gem::Installer [ 德国之声 ]");
        assertThat(m.get("also")).isEqualTo("*a");
        assertThat(f.title()).isEqualTo("\\<script\\>alert(1)\\</script\\>");
        assertThat(f.url()).isEqualTo("#");
    }

    @Test
    void ordinaryPostsAreUnchanged() throws Exception {
        String fm = "layout: post\ntitle: \"朝俄恢复共同防御条约 中国反应低调\"\ndate: 2024-06-23T01:46:36.914Z\nauthor: 自由亚洲电台\n"
            + "from: https://www.rfa.org/a.html\ntags: [ 自由亚洲电台 ]\ncomments: True\ncategories: [ 自由亚洲电台 ]";
        ArticleFile f = new ArticleFile(Variant.JEKYLL, fm, "NaN", "朝俄恢复共同防御条约 中国反应低调", "https://www.rfa.org/a.html",
            "<div>\n<p>b</p>\n</div>");
        JekyllSink sink = new JekyllSink(dir, Map.of());
        sink.accept(row(1, f, "自由亚洲电台"));
        Path post = TestArchives.files(dir.resolve("_posts")).get(0);
        assertThat(ArticleFileReader.read(Files.readAllBytes(post))).isEqualTo(f);
    }

    private static ArticleRow row(long id, ArticleFile f, String author) {
        return new ArticleRow(id, "dw", null, null, f.url(), f.plainTitle(), author, WHEN, WHEN, "h", f, "dw/" + id + ".md",
            true, null, "import", "live");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> safeLoad(String fm) {
        for (Event e : new Yaml().parse(new StringReader(fm))) {
            assertThat(e).as(fm).isNotInstanceOf(AliasEvent.class);
            if (e instanceof NodeEvent n) assertThat(n.getAnchor()).as(fm).isNull();
            if (e instanceof ScalarEvent s && s.getTag() != null) {
                assertThat(s.getImplicit().canOmitTagInPlainScalar() || s.getImplicit().canOmitTagInNonPlainScalar()).as(fm).isTrue();
            }
        }
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(fm);
    }
}
