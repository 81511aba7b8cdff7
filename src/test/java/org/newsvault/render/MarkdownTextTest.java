package org.newsvault.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTextTest {

    /** The titles of the five seeds, the older-archive fixture and typical ones: none may change. */
    @ParameterizedTest
    @ValueSource(strings = {
        "朝俄恢复共同防御条约 中国反应低调",
        "俄罗斯朝鲜防务互助意味着什么？",
        "俄朝共同防御条约给北京带来更多麻烦",
        "朝俄加强军事关系\u3000中国态度暧昧含糊",
        "古老板的老巢｜俄罗斯与朝鲜结盟，东北亚局势巨变",
        "特朗普支持者冲击国会酿成至少四人死亡和 \"对民主的侵害\"",
        "中国“两会”：「人大」《报告》？！",
        "习近平：经济‘稳中向好’，（图）",
        "Putin (Vladimir) visits Pyongyang - what's next? Analysis, part 2: the deal!",
        "AT&T, Q&A & 5%: 1+1=2 #tag ~10 'single' \"double\" ; semicolon",
        "ISIS-K; 美元$1万亿; C# vs F#; 3~5月",
        "עברית \u200F mark and \u200E mark, ZWJ 👨\u200D👩\u200D👧 and ZWNJ می\u200Cخواهم"})
    void ordinaryTitlesAreUnchanged(String title) {
        assertThat(MarkdownText.escapeLinkText(title)).isEqualTo(title);
        assertThat(MarkdownText.unescapeLinkText(title)).isEqualTo(title);
        assertThat(MarkdownText.safeLinkText(title)).isEqualTo(title);
    }

    @Test
    void seedTitlesReadFromTheFilesAreUnchanged() throws Exception {
        for (String seed : Fixtures.SEEDS) {
            String title = ArticleFileReader.read(Fixtures.bytes(seed)).title();
            assertThat(MarkdownText.safeLinkText(title)).as(seed).isEqualTo(title);
            assertThat(MarkdownText.escapeLinkText(title)).as(seed).isEqualTo(title);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', textBlock = """
        <img src=x onerror=alert(1)>                => \\<img src=x onerror=alert(1)\\>
        <script>alert(1)</script>                   => \\<script\\>alert(1)\\</script\\>
        ![x](x){: onerror="alert(1)"}               => !\\[x\\](x)\\{: onerror="alert(1)"\\}
        Read](javascript:alert(1))                  => Read\\](javascript:alert(1))
        [x]: javascript:alert(1)                    => \\[x\\]\\: javascript:alert(1)
        {::nomarkdown}x{:/}                         => \\{::nomarkdown\\}x\\{:/\\}
        `code`                                      => \\`code\\`
        *em* _em_ **b** __b__                       => \\*em\\* \\_em\\_ \\*\\*b\\*\\* \\_\\_b\\_\\_
        a | b                                       => a \\| b
        x\\                                         => x\\\\
        C:\\dir                                     => C:\\\\dir
        $$x$$ and $5                                => \\$\\$x\\$\\$ and $5
        ~~del~~ 10~20                               => &#126;&#126;del&#126;&#126; 10&#126;20
        ~x~                                         => &#126;x&#126;
        ^x and ^y                                   => &#94;x and ^y
        &lt;script&gt;                              => &amp;lt;script&amp;gt;
        &#x6a;avascript: &#106; &amp; &nbsp;       => &amp;#x6a;avascript: &amp;#106; &amp;amp; &amp;nbsp;
        &#94;x &#126;                               => &amp;#94;x &amp;#126;
        AT&T &x &; & ;                              => AT&T &x &; & ;
        &中文;                                      => &amp;中文;
        <!-- ]]> -->                                => \\<!-- \\]\\]\\> --\\>
        """)
    void markupIsEscaped(String plain, String escaped) {
        assertThat(MarkdownText.escapeLinkText(plain)).isEqualTo(escaped);
        assertThat(MarkdownText.unescapeLinkText(escaped)).isEqualTo(plain);
        assertThat(MarkdownText.safeLinkText(escaped)).isEqualTo(escaped);
    }

    @Test
    void safeLinkTextIsIdempotentAndEscapesRawOlderTitles() {
        // an older archive's raw title line: kramdown would have read \* as *, so it is text "*"
        assertThat(MarkdownText.safeLinkText("a*b* \\*c <b>")).isEqualTo("a\\*b\\* \\*c \\<b\\>");
        // a backslash that escapes nothing kramdown knows is a backslash
        assertThat(MarkdownText.safeLinkText("C:\\path")).isEqualTo("C:\\\\path");
        for (String s : List.of("a\\\\\\*b", "&amp;amp;", "\\", "x\\]", "\u202Egpj.exe", "a\nb\r\nc", "&&amp;;")) {
            String once = MarkdownText.safeLinkText(s);
            assertThat(MarkdownText.safeLinkText(once)).as(s).isEqualTo(once);
        }
    }

    @Test
    void bidiControlsAndLineBreaksLeaveTitles() {
        assertThat(MarkdownText.safeLinkText("\u202Egpj.exe\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068"))
            .isEqualTo("gpj.exe x");
        assertThat(MarkdownText.safeLinkText("a\n[x]: javascript:alert(1)\r\n")).isEqualTo("a \\[x\\]\\: javascript:alert(1)");
        assertThat(TextRules.cleanLine("\u200Fשלום\u200E")).isEqualTo("\u200Fשלום\u200E");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
        https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html | https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html
        https://cn.nytimes.com/china/20240621/china-russia-north-korea/              | https://cn.nytimes.com/china/20240621/china-russia-north-korea/
        https://en.wikipedia.org/wiki/Foo_(bar)                                       | https://en.wikipedia.org/wiki/Foo_%28bar%29
        https://a.example/x)(javascript:alert(1)                                      | https://a.example/x%29%28javascript:alert%281%29
        https://a.example/?q=it's&x=`y`\\)                                            | https://a.example/?q=it%27s&x=%60y%60%5C%29
        https://a.example/#a b"c'd<e>                                                 | https://a.example/#a%20b%22c%27d%3Ce%3E
        HTTPS://A.EXAMPLE/a b                                                         | https://a.example/a%20b
        https://[::1]:8080/x?a[]=1                                                    | https://[::1]:8080/x?a[]=1
        """)
    void linkDestinationsCannotEndEarly(String url, String expected) {
        assertThat(MarkdownText.linkDestination(url)).isEqualTo(expected);
        assertThat(MarkdownText.linkDestination(expected)).isEqualTo(expected);
        assertThat(MarkdownText.safeDestination(expected)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x",
        "//evil.example/", "/relative", "mailto:a@b.example", " javascript:alert(1)", "java\tscript:alert(1)"})
    void onlyHttpAndHttpsBecomeLinks(String url) {
        assertThatThrownBy(() -> MarkdownText.linkDestination(url)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MarkdownText.safeDestination(url)).isEqualTo("#");
    }

    @Test
    void safeDestinationKeepsAnOlderArchivesUrlExceptWhatWouldBreakTheLink() {
        String dw = "https://www.dw.com/zh/俄罗斯朝鲜防务互助意味着什么？/a-69427968";
        assertThat(MarkdownText.safeDestination(dw)).isEqualTo(dw);
        assertThat(MarkdownText.safeDestination("https://a.example/x \"t\"")).isEqualTo("https://a.example/x%20%22t%22");
        assertThat(MarkdownText.safeDestination("https://a.example/\u202Ex\u3000")).isEqualTo("https://a.example/%E2%80%AEx");
        assertThat(MarkdownText.safeDestination("https://")).isEqualTo("#");
        assertThat(MarkdownText.safeDestination(null)).isEqualTo("#");
    }
}
