package org.newsvault.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleFilesTest {

    private static final Instant FETCHED = Instant.parse("2024-06-23T01:46:36.914Z");

    /** The one body line of a fixture: line 16 of a Jekyll file (inside the div), line 5 of a plain one. */
    private static String bodyLine(String fixture) {
        String[] lines = Fixtures.text(fixture).split("\n", -1);
        return lines[0].equals("---") ? lines[15] : lines[4];
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            seeds/000_016469c714a2c238.txt | JEKYLL | 朝俄恢复共同防御条约 中国反应低调 | https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html |
            seeds/001_3facb4a6a5838063.txt | PLAIN  | 俄罗斯朝鲜防务互助意味着什么？ | https://www.dw.com/zh/俄罗斯朝鲜防务互助意味着什么？/a-69427968 | 1718885824000
            seeds/002_6c8018e4e619dbc1.txt | PLAIN  | 俄朝共同防御条约给北京带来更多麻烦 | https://cn.nytimes.com/china/20240621/china-russia-north-korea/ | 1718933821000
            seeds/003_b2868bf1b7a93490.txt | PLAIN  | 朝俄加强军事关系　中国态度暧昧含糊 | https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/hx1-09142023102355.html | 1694702340000
            seeds/004_e53f636a1fba136f.txt | PLAIN  | 古老板的老巢｜俄罗斯与朝鲜结盟，东北亚局势巨变 | https://chinadigitaltimes.net/chinese/709104.html | 1718883046000
            """)
    void rebuildsEachSeedByteForByte(String fixture, Variant variant, String title, String url, Long stamp) {
        Instant published = stamp == null ? null : Instant.ofEpochMilli(stamp);
        ArticleFile f = ArticleFiles.create(variant, title, url, "自由亚洲电台", "自由亚洲电台", published, FETCHED, bodyLine(fixture));
        assertThat(new String(ArticleWriter.render(f), UTF_8)).isEqualTo(Fixtures.text(fixture));
    }

    @Test
    void dirtyInputStillGivesSeed000() {
        String body = bodyLine(Fixtures.SEEDS.get(0));
        // Split at tag boundaries (no whitespace there) and indent: joining must undo exactly this.
        String multiLine = "\r\n   " + body.replace("><", ">\n\t\t  <").replace("</p>", "</p>\r\n") + "\n\u3000\n";
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "\u3000\u00a0朝俄恢复共同防御条约 中国反应低调\u0007 \n",
                "HTTPS://WWW.RFA.ORG:443/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html",
                " \u0085自由亚洲电台\n", "自由亚洲电台", null, FETCHED, multiLine);
        assertThat(ArticleWriter.render(f)).isEqualTo(Fixtures.bytes(Fixtures.SEEDS.get(0)));
    }

    @Test
    void quotesInTitleAreEscapedOnlyInFrontMatterAndBackslashesInBoth() throws Exception {
        // A quote is text in Markdown and stays; a backslash is YAML's and Markdown's escape, so both double it.
        ArticleFile f = jekyll("他说\"不\" \\ 好", null, "site", null, "<p>x</p>");
        assertThat(f.frontMatter()).contains("\ntitle: \"他说\\\"不\\\" \\\\ 好\"\n");
        assertThat(f.title()).isEqualTo("他说\"不\" \\\\ 好");
        assertThat(f.plainTitle()).isEqualTo("他说\"不\" \\ 好");
        ArticleFile back = ArticleFileReader.read(ArticleWriter.render(f));
        assertThat(back).isEqualTo(f);
        assertThat(ArticleFileReader.frontMatterValues(back.frontMatter()).get("title")).isEqualTo(f.plainTitle());
    }

    @ParameterizedTest(name = "published {0}")
    @CsvSource(nullValues = "null", textBlock = """
            null,                     NaN,           2024-06-23T01:46:36.914Z
            2024-06-21T05:30:00Z,     1718947800000, 2024-06-21T05:30:00.000Z
            2024-06-23T01:46:36.913Z, 1719107196913, 2024-06-23T01:46:36.913Z
            2024-06-23T01:46:36.914Z, 1719107196914, 2024-06-23T01:46:36.914Z
            2024-06-23T01:46:36.915Z, 1719107196915, 2024-06-23T01:46:36.914Z
            2030-01-01T00:00:00Z,     1893456000000, 2024-06-23T01:46:36.914Z
            """)
    void stampAndDate(Instant published, String stamp, String iso) {
        ArticleFile f = jekyll("t", null, "site", published, "b");
        assertThat(f.stamp()).isEqualTo(stamp);
        assertThat(ArticleFileReader.frontMatterValues(f.frontMatter())).containsEntry("date", iso);
        ArticleFile plain = ArticleFiles.create(Variant.PLAIN, "t", "https://a.example", null, null, published, FETCHED, "b");
        assertThat(plain.stamp()).isEqualTo(stamp);
        assertThat(plain.frontMatter()).isNull();
    }

    @Test
    void exactJekyllShape() {
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题", "https://例子.测试/路径", "作者", "德国之声",
                Instant.parse("2024-06-20T12:17:04Z"), FETCHED, "<p>一</p>\n  <p>二</p>  ");
        assertThat(new String(ArticleWriter.render(f), UTF_8)).isEqualTo("""
                ---
                layout: post
                title: "标题"
                date: 2024-06-20T12:17:04.000Z
                author: 作者
                from: https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84
                tags: [ 德国之声 ]
                comments: True
                categories: [ 德国之声 ]
                ---
                <!--1718885824000-->
                [标题](https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84)
                ------

                <div>
                <p>一</p><p>二</p>
                </div>
                """);
    }

    @Test
    void controlCharactersAreStrippedFromTitleBodyAndAuthor() {
        ArticleFile f = jekyll("a\u0000b\u001fc\u007fd\u009fe\nf\tg", "x\u0001y\r\nz", "s\u0002ite", null,
                "<p>1\u0000\u0008</p>\r\n<p>\u00852</p>\u009b");
        assertThat(f.title()).isEqualTo("abcde f g");
        Map<String, String> v = ArticleFileReader.frontMatterValues(f.frontMatter());
        assertThat(v).containsEntry("author", "xy z").containsEntry("tags", "[ site ]");
        assertThat(f.bodyHtml()).isEqualTo("<p>1</p><p>2</p>");
        assertThat(new String(ArticleWriter.render(f), UTF_8).chars()
                .filter(c -> c != '\n' && TextRules.isControl(c))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '\u3000标题\u3000'          | 标题
            '\u00a0\u00a0标题 \u00a0'   | 标题
            '\ufeff\u2003标 题\u200a\t' | 标 题
            '\u3000'                    | ''
            """)
    void titleIsTrimmedOfUnicodeWhitespace(String raw, String expected) {
        assertThat(jekyll(raw, null, "s", null, "b").title()).isEqualTo(expected);
    }

    @Test
    void authorFallsBackToSite() {
        for (String author : new String[] {null, "", " \u3000 ", "\u0001"}) {
            assertThat(ArticleFileReader.frontMatterValues(jekyll("t", author, " 美国之音 ", null, "b").frontMatter()))
                    .containsEntry("author", "美国之音").containsEntry("categories", "[ 美国之音 ]");
        }
    }

    @Test
    void bodyLinesAreTrimmedAndJoinedWithNothing() {
        assertThat(ArticleFiles.oneLineBody("  <p>a b</p>  \n\n\t<p>c</p>\r\n\u3000<p>d</p>\u00a0\r<p>e</p>"))
                .isEqualTo("<p>a b</p><p>c</p><p>d</p><p>e</p>");
        assertThat(ArticleFiles.oneLineBody("<p>&nbsp;&amp;</p>")).isEqualTo("<p>&nbsp;&amp;</p>");
    }

    /** The rule as FORMAT.md states it, step by step: CRLF and CR to LF, controls out, each line trimmed, joined. */
    private static String oneLineBodyByTheRule(String html) {
        String lf = html.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder();
        for (String l : TextRules.stripControls(lf, true).split("\n", -1)) sb.append(TextRules.trim(l));
        return sb.toString();
    }

    @Test
    void theOnePassBodyLineFollowsTheRuleOnAnyMixOfBreaksControlsAndSpaces() {
        char[] alphabet = {'a', '<', '中', ' ', '\t', '\n', '\r', '\u0001', '\u0085', '\u007f', '\u00a0', '\u3000',
            '\ufeff', '\u2028', '\u2029', '\u200b', '\ud83d', '\ude00'};
        var random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            char[] s = new char[random.nextInt(12)];
            for (int k = 0; k < s.length; k++) s[k] = alphabet[random.nextInt(alphabet.length)];
            String html = new String(s);
            assertThat(ArticleFiles.oneLineBody(html)).as("%s", html.codePoints().boxed().toList())
                .isEqualTo(oneLineBodyByTheRule(html));
        }
        String clean = "<p>整行</p>";
        assertThat(ArticleFiles.oneLineBody(clean)).isSameAs(clean);
    }

    @Test
    void everyCreatedFileReadsBackToItself() throws Exception {
        for (Variant v : Variant.values()) {
            ArticleFile f = ArticleFiles.create(v, "[x](y) \"q\"", "http://a.example/p?q=1#f", "a", "s", null, FETCHED, "<p>\n]\n</p>");
            assertThat(ArticleFileReader.read(ArticleWriter.render(f))).isEqualTo(f);
        }
    }

    @Test
    void missingValuesAreRejected() {
        assertThatThrownBy(() -> ArticleFiles.create(Variant.PLAIN, "t", null, null, null, null, FETCHED, "b"))
                .hasMessage("article url is missing");
        assertThatThrownBy(() -> ArticleFiles.create(Variant.PLAIN, "t", "javascript:alert(1)", null, null, null, FETCHED, "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not http or https");
        assertThatThrownBy(() -> ArticleFiles.create(Variant.JEKYLL, "t", "https://a.example/", null, "s", null, null, "b"))
                .hasMessage("fetch time is missing");
        assertThatThrownBy(() -> ArticleFiles.create(Variant.JEKYLL, "t", "https://a.example/", null, "\n", null, FETCHED, "b"))
                .hasMessage("site name is missing");
    }

    private static ArticleFile jekyll(String title, String author, String site, Instant published, String body) {
        return ArticleFiles.create(Variant.JEKYLL, title, "https://a.example/x", author, site, published, FETCHED, body);
    }
}
