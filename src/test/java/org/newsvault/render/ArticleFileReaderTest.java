package org.newsvault.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleFileReaderTest {

    static Stream<String> seeds() { return Fixtures.SEEDS.stream(); }

    static Stream<String> older() { return Fixtures.OLDER.stream(); }

    @ParameterizedTest
    @MethodSource("seeds")
    void seedsRoundTripByteForByte(String name) throws Exception {
        byte[] original = Fixtures.bytes(name);
        ArticleFile f = ArticleFileReader.read(original);
        assertThat(ArticleWriter.render(f)).isEqualTo(original);
        assertThat(f.variant()).isEqualTo(name.startsWith("seeds/000") ? Variant.JEKYLL : Variant.PLAIN);
        assertThat(f.bodyHtml()).doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource("older")
    void olderWriterFilesRoundTripByteForByte(String name) throws Exception {
        byte[] original = Fixtures.bytes(name);
        ArticleFile f = ArticleFileReader.read(original);
        assertThat(ArticleWriter.render(f)).isEqualTo(original);
        assertThat(f.variant()).isEqualTo(Variant.JEKYLL);
        assertThat(f.frontMatter()).doesNotContain("comments:").contains("layout: post");
        assertThat(f.url()).startsWith("http");
    }

    @Test
    void seed000ValuesAreWhatTheFileSays() throws Exception {
        ArticleFile f = ArticleFileReader.read(Fixtures.bytes(Fixtures.SEEDS.get(0)));
        assertThat(f.stamp()).isEqualTo("NaN");
        assertThat(f.undated()).isTrue();
        assertThat(f.title()).isEqualTo("朝俄恢复共同防御条约 中国反应低调");
        assertThat(f.url()).isEqualTo("https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html");
        assertThat(f.body()).startsWith("<div>\n<img ").endsWith("</p>\n</div>");
        Map<String, String> v = ArticleFileReader.frontMatterValues(f.frontMatter());
        assertThat(v).containsEntry("layout", "post")
                .containsEntry("title", "朝俄恢复共同防御条约 中国反应低调")
                .containsEntry("date", "2024-06-23T01:46:36.914Z")
                .containsEntry("author", "自由亚洲电台")
                .containsEntry("comments", "True");
        assertThat(ArticleFileReader.flowListItems(v.get("tags"))).containsExactly("自由亚洲电台");
    }

    @Test
    void frontMatterValuesUnescapeQuotesInTitle() throws Exception {
        ArticleFile f = ArticleFileReader.read(Fixtures.bytes("older/bbc-zhongwen-2021-01-07-d12c373884.md"));
        Map<String, String> v = ArticleFileReader.frontMatterValues(f.frontMatter());
        assertThat(v.get("title")).isEqualTo("特朗普支持者冲击国会酿成至少四人死亡和 \"对民主的侵害\"").isEqualTo(f.title());
        assertThat(v.get("author")).isEqualTo("BBC");
        assertThat(ArticleFileReader.flowListItems(v.get("categories"))).containsExactly("BBC");
        assertThat(v.keySet()).containsExactly("layout", "title", "date", "author", "from", "tags", "categories");
    }

    @Test
    void frontMatterValuesKeepBackslashesThatEscapeNothing() {
        Map<String, String> v = ArticleFileReader.frontMatterValues("title: \"a\\\\\"b\\n\"\nodd line\nk:\nk2: x: y");
        assertThat(v).containsEntry("title", "a\\\"b\\n").containsEntry("k", "").containsEntry("k2", "x: y").hasSize(3);
    }

    @Test
    void readAcceptsAnyFrontMatterKeysAndOrder() throws Exception {
        String file = "---\nfoo: bar\nlayout: post\n---\n<!--123-->\n[t](https://a.example/)\n------\n\nbody\n";
        ArticleFile f = ArticleFileReader.read(file.getBytes(UTF_8));
        assertThat(f).isEqualTo(new ArticleFile(Variant.JEKYLL, "foo: bar\nlayout: post", "123", "t", "https://a.example/", "body"));
        assertThat(new String(ArticleWriter.render(f), UTF_8)).isEqualTo(file);
    }

    @Test
    void titleContainingBracketParenSplitsAtTheLastOne() throws Exception {
        String file = "<!--NaN-->\n[a](b) [c](https://x.example/)\n------\n\n<p>x</p>\n";
        ArticleFile f = ArticleFileReader.read(file.getBytes(UTF_8));
        assertThat(f.title()).isEqualTo("a](b) [c");
        assertThat(f.url()).isEqualTo("https://x.example/");
        assertThat(new String(ArticleWriter.render(f), UTF_8)).isEqualTo(file);
    }

    @Test
    void extraBodyLinesAndEmptyBodyStillRoundTrip() throws Exception {
        for (String file : new String[] {
                "<!--1-->\n[t](https://a.example/)\n------\n\nl1\nl2\n\n",
                "<!--1-->\n[t](https://a.example/)\n------\n\n\n",
                "<!---5-->\n[](https://a.example/)\n------\n\n\u0001x\n"}) {
            assertThat(ArticleWriter.render(ArticleFileReader.read(file.getBytes(UTF_8)))).isEqualTo(file.getBytes(UTF_8));
        }
    }

    static Stream<Arguments> rejected() {
        String ok = "<!--1-->\n[t](https://a.example/)\n------\n\nbody\n";
        String jekyll = "---\nlayout: post\n---\n" + ok;
        return Stream.of(
                Arguments.of("empty", new byte[0], "file is empty"),
                Arguments.of("bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ok.getBytes(UTF_8)), "line 1: starts with a byte-order mark"),
                Arguments.of("crlf", ok.replace("\n", "\r\n").getBytes(UTF_8), "line 1: carriage return"),
                Arguments.of("latin-1", "<!--1-->\n[caf\u00e9](https://a.example/)\n------\n\nbody\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "not UTF-8 at byte 13"),
                Arguments.of("no final LF", ok.substring(0, ok.length() - 1).getBytes(UTF_8), "line 5: file does not end with a line break"),
                Arguments.of("neither variant", ("# " + ok).getBytes(UTF_8), "line 1: expected --- or <!--stamp-->"),
                Arguments.of("bad stamp", ok.replace("<!--1-->", "<!--12a-->").getBytes(UTF_8), "line 1: expected <!--stamp-->"),
                Arguments.of("jekyll missing stamp", jekyll.replace("<!--1-->\n", "").getBytes(UTF_8), "line 4: expected <!--stamp-->"),
                Arguments.of("unclosed front matter", "---\nlayout: post\n".getBytes(UTF_8), "line 3: front matter has no closing ---"),
                Arguments.of("empty front matter", ("---\n---\n" + ok).getBytes(UTF_8), "line 2: front matter is empty"),
                Arguments.of("bad title line", ok.replace("[t](https://a.example/)", "t https://a.example/").getBytes(UTF_8), "line 2: expected [title](url)"),
                Arguments.of("jekyll bad title line", jekyll.replace("[t](https://a.example/)", "[t]").getBytes(UTF_8), "line 5: expected [title](url)"),
                Arguments.of("title without url", ok.replace("[t](https://a.example/)", "[t]()").getBytes(UTF_8), "line 2: title line has no url"),
                Arguments.of("missing rule", ok.replace("------\n", "-----\n").getBytes(UTF_8), "line 3: expected ------"),
                Arguments.of("no blank line", ok.replace("------\n\n", "------\n").getBytes(UTF_8), "line 4: expected a blank line after ------"),
                Arguments.of("no body", "<!--1-->\n[t](https://a.example/)\n------\n\n".getBytes(UTF_8), "line 5: body is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithOneLineReason(String why, byte[] bytes, String reason) {
        assertThatThrownBy(() -> ArticleFileReader.read(bytes))
                .isInstanceOf(ArticleFormatException.class)
                .hasMessageStartingWith(reason)
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource({"seeds", "older"})
    void readExactReadsWhatReadReads(String name) throws Exception {
        byte[] original = Fixtures.bytes(name);
        assertThat(ArticleFileReader.readExact(original)).isEqualTo(ArticleFileReader.read(original));
        assertThat(ArticleWriter.text(ArticleFileReader.readExact(original)).getBytes(UTF_8)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void readExactRejectsWhatReadRejects(String why, byte[] bytes, String reason) {
        assertThatThrownBy(() -> ArticleFileReader.readExact(bytes)).isInstanceOf(ArticleFormatException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void readExactRejectsAFileTheWriterCannotWriteBack() throws Exception {
        // a blank last front matter line: read keeps it, but no file ArticleWriter writes ends its front matter so
        byte[] bytes = "---\nlayout: post\n\n---\n<!--1-->\n[t](https://a.example/)\n------\n\nbody\n".getBytes(UTF_8);
        assertThat(ArticleFileReader.read(bytes).frontMatter()).isEqualTo("layout: post\n");
        assertThatThrownBy(() -> ArticleFileReader.readExact(bytes)).isInstanceOf(ArticleFormatException.class)
                .hasMessageContaining("front matter must not");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
