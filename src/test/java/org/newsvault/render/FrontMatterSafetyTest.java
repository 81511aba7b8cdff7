package org.newsvault.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/** Every front matter {@link ArticleFiles#create} writes loads, safely, to exactly the values it was given. */
class FrontMatterSafetyTest {
    private static final Instant FETCHED = Instant.parse("2024-06-23T01:46:36.914Z");

    /** Values a YAML loader would read as something else than the string, and ones that must stay plain. */
    static List<String> hostileValues() {
        return List.of(
            "!!python/object/apply:os.system [\"id\"]", "!ruby/object:Gem::Installer", "!!binary aGVsbG8=", "! x",
            "&anchor x", "*alias", "[a, b]", "{a: b}", "| block", "> folded", "%YAML 1.1", "@at", "`tick`",
            "\"quoted\"", "'single'", "- item", "? key", ": value", "-", "?", ":", "---", "...", "~", "null", "Null",
            "NULL", "true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n", "Y", "N", "123", "-1", "+1", "0x1F",
            "0o17", "017", "1_000", "1e3", ".5", ".inf", "-.inf", ".NaN", "1:20", "2024-06-20", "2024-06-20T12:00:00Z",
            "<<", "=", "记者: 张三", "a #comment", "trailing:", "a: b: c", "C:\\path\\x", "反斜杠\\", "引号\"中",
            "tab\there", "\u2028sep", "bom\uFEFFin", "nonchar\uFFFF", "nel\u0085x", "c1\u0091x", "line\nbreak",
            "bidi\u202Eevil", "a, b", "a]b", "{x", "x}", "#hash", "a\u00a0", "\u3000全角空格");
    }

    static List<String> ordinaryAuthors() {
        return List.of("自由亚洲电台", "DW", "Reuters", "德国之声", "BBC", "David Pierson, Choe Sang-Hun", "O'Brien",
            "记者：经纬", "Wang Yi (王毅)", "纽约时报中文网", "AP/Reuters", "A. B. C", "C#er", "张三 李四", "Jean-Luc", "a:b");
    }

    @ParameterizedTest
    @MethodSource("ordinaryAuthors")
    void ordinaryAuthorsAndSitesStayPlainByteForByte(String name) {
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题", "https://a.example/x", name, name, null, FETCHED, "b");
        assertThat(f.frontMatter()).contains("\nauthor: " + name + "\n");
        if (!name.contains(",")) {
            assertThat(f.frontMatter()).contains("\ntags: [ " + name + " ]\n").endsWith("\ncategories: [ " + name + " ]");
        }
        assertLoadsBack(f, "标题", name, name);
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void hostileAuthorsLoadBackAsTheSameString(String author) {
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题", "https://a.example/x", author, "站点", null, FETCHED, "b");
        String expected = TextRules.cleanLine(author);
        if (!YamlScalars.plainSafe(expected)) assertThat(f.frontMatter()).contains("\nauthor: \"");
        assertLoadsBack(f, "标题", expected.isEmpty() ? "站点" : expected, "站点");
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void hostileTitlesAndSitesLoadBackAsTheSameString(String value) {
        String site = TextRules.cleanLine(value).isEmpty() ? "x" + value : value;
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, value, "https://a.example/x", null, site, null, FETCHED, "b");
        String cleanSite = TextRules.cleanLine(site);
        assertLoadsBack(f, TextRules.cleanLine(value), cleanSite, cleanSite);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example/x:", "https://a.example/?a=b#c", "https://a.example/a:b/", "http://a.example/1"})
    void fromIsTheTitleLineUrlAsAString(String url) {
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "t", url, "a", "s", null, FETCHED, "b");
        assertThat(load(f.frontMatter()).get("from")).isEqualTo(f.url());
    }

    @Test
    void seed000FrontMatterIsStillFormatMdsAndLoads() throws Exception {
        ArticleFile seed = ArticleFileReader.read(Fixtures.bytes(Fixtures.SEEDS.get(0)));
        Map<String, Object> m = load(seed.frontMatter());
        assertThat(m).containsEntry("title", "朝俄恢复共同防御条约 中国反应低调").containsEntry("author", "自由亚洲电台")
            .containsEntry("comments", true).containsEntry("tags", List.of("自由亚洲电台"));
    }

    @Test
    void theReaderReadsBackWhatTheWriterQuoted() {
        for (String v : hostileValues()) {
            String clean = TextRules.cleanLine(v);
            if (clean.isEmpty()) continue;
            ArticleFile f = ArticleFiles.create(Variant.JEKYLL, clean, "https://a.example/x", clean, clean, null, FETCHED, "b");
            Map<String, String> values = ArticleFileReader.frontMatterValues(f.frontMatter());
            assertThat(values.get("title")).as(v).isEqualTo(clean);
            assertThat(values.get("author")).as(v).isEqualTo(clean);
            assertThat(ArticleFileReader.flowListItems(values.get("tags"))).as(v).containsExactly(clean);
        }
    }

    @Test
    void yamlEscapesDecodeAsYamlDoes() {
        assertThat(YamlScalars.decodeDoubleQuoted("\"a\\\"b\\\\c\\u00e9\\x41\\U0001F600\\n\\t\\/\\ \"")).isEqualTo("a\"b\\céA😀\n\t/ ");
        assertThat(YamlScalars.decodeDoubleQuoted("\"a\\qb\"")).isNull();
        assertThat(YamlScalars.decodeDoubleQuoted("\"a\"b\"")).isNull();
        assertThat(YamlScalars.decodeDoubleQuoted("\"a\\u12\"")).isNull();
        assertThat(YamlScalars.decodeDoubleQuoted("\"a\\\"")).isNull();
        assertThat(YamlScalars.decodeDoubleQuoted("plain")).isNull();
    }

    /** Loads safely, checks no tag/anchor/alias is in the text, and that every value is the string it was given. */
    private static void assertLoadsBack(ArticleFile f, String title, String author, String site) {
        String fm = f.frontMatter();
        List<String> lines = List.of(fm.split("\n", -1));
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("layout: post");
        assertThat(lines.get(6)).isEqualTo("comments: True");
        for (Event e : new Yaml().parse(new StringReader(fm))) {
            assertThat(e).as(fm).isNotInstanceOf(AliasEvent.class);
            if (e instanceof NodeEvent n) assertThat(n.getAnchor()).as(fm).isNull();
            if (e instanceof ScalarEvent s && s.getTag() != null) {
                assertThat(s.getImplicit().canOmitTagInPlainScalar() || s.getImplicit().canOmitTagInNonPlainScalar()).as(fm).isTrue();
            }
        }
        Map<String, Object> m = load(fm);
        assertThat(m).as(fm).containsOnlyKeys("layout", "title", "date", "author", "from", "tags", "comments", "categories");
        assertThat(m.get("title")).as(fm).isEqualTo(title);
        assertThat(m.get("author")).as(fm).isEqualTo(author);
        assertThat(m.get("from")).as(fm).isEqualTo(f.url());
        assertThat(m.get("tags")).as(fm).isEqualTo(new ArrayList<>(List.of(site)));
        assertThat(m.get("categories")).as(fm).isEqualTo(new ArrayList<>(List.of(site)));
        assertThat(m.get("comments")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("date")).isInstanceOf(Date.class);
        assertThat(((Date) m.get("date")).toInstant()).isEqualTo(FETCHED);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        return (Map<String, Object>) new Yaml(new SafeConstructor(o)).load(yaml);
    }
}
