package org.newsvault.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {
    private static final URI BASE = URI.create("https://example.com/a/page.html");
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <script>alert(1)</script><p>ok</p>                                   | <p>ok</p>
        <p>a<script src=//evil.example/x.js></script>b</p>                    | <p>ab</p>
        <img src="x.jpg" onerror="alert(1)">                                  | <img src="https://example.com/a/x.jpg">
        <IMG SRC=JaVaScRiPt:alert('XSS')>                                     | ``
        <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">    | ``
        <a href="#" onclick="alert(1)">x</a>                                  | <a href="https://example.com/a/page.html#">x</a>
        <a href="javascript:alert(1)">x</a>                                   | <a>x</a>
        <a href="JaVaScRiPt:alert(1)">x</a>                                   | <a>x</a>
        <a href="jav&#x09;ascript:alert(1)">x</a>                             | <a>x</a>
        <a href="jav&#x0A;ascript:alert(1)">x</a>                             | <a>x</a>
        <a href=" &#14;  javascript:alert(1)">x</a>                           | <a>x</a>
        <a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a> | <a>x</a>
        <a href="vbscript:msgbox(1)">x</a>                                    | <a>x</a>
        <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a> | <a>x</a>
        <svg onload="alert(1)"><circle r="1"/></svg><p>t</p>                  | <p>t</p>
        <math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math> | ``
        <p style="width: expression(alert(1))">t</p>                          | <p>t</p>
        <style>p{background:url(javascript:alert(1))}</style><p>t</p>         | <p>t</p>
        <iframe src="https://evil.example/"></iframe><p>t</p>                 | <p>t</p>
        <object data="x.swf"><param name="movie" value="x.swf"><embed src="x.swf"></object> | ``
        <base href="https://evil.example/"><a href="/x">x</a>                 | <a href="https://example.com/x">x</a>
        <meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>t</p> | <p>t</p>
        <form action="https://evil.example/"><input name="q"><button>Go</button></form><p>t</p> | <p>t</p>
        <div onmouseover="alert(1)" id="x" class="y" data-foo="z">t</div>     | <div>t</div>
        <template><script>alert(1)</script></template>                        | ``
        <video src="v.mp4" onplay="alert(1)" poster="javascript:alert(1)"></video> | <video src="https://example.com/a/v.mp4"></video>
        <blockquote cite="javascript:alert(1)">q</blockquote>                 | <blockquote>q</blockquote>
        <a href="https://ok.example/?q=1" target="_blank">x</a>               | <a href="https://ok.example/?q=1">x</a>
        <noscript><p title="</noscript><img src=x onerror=alert(1)>">       | ``
        <textarea><img src=x onerror=alert(1)></textarea><p>t</p>            | <p>t</p>
        <xmp><img src=x onerror=alert(1)></xmp>                              | ``
        """)
    void removesExecutableMarkup(String html, String expected) {
        String out = sanitizer.sanitize(html, BASE);
        assertThat(out).isEqualTo(expected);
        assertThat(UnsafeMarkup.findings(out)).isEmpty();
        assertThat(TreeSanitizeTest.onTree(sanitizer, html, BASE)).isEqualTo(out);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <figure><img src="/i.jpg" alt="a"><figcaption>说明 <cite>AP</cite></figcaption></figure> | <figure><img src="https://example.com/i.jpg" alt="a"><figcaption>说明 <cite>AP</cite></figcaption></figure>
        <table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2" style="x">1</td></tr></tbody></table> | <table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>
        <address>DAVID PIERSON</address><time pudate="2024-06-21" datetime="2024-06-21 09:07:39">2024年6月21日</time> | <address>DAVID PIERSON</address><time datetime="2024-06-21 09:07:39">2024年6月21日</time>
        <div><small style="color: #999;">金正恩在平壤</small></div>           | <div><small>金正恩在平壤</small></div>
        <p>中文&nbsp;“引号”&amp;</p>                                          | <p>中文&nbsp;“引号”&amp;</p>
        <img src="//cdn.example.net/p.jpg">                                   | <img src="https://cdn.example.net/p.jpg">
        <a href="//example.org/x">x</a>                                       | <a href="https://example.org/x">x</a>
        <a href="/n?utm_source=rss&amp;id=7&amp;fbclid=abc#top">x</a>        | <a href="https://example.com/n?id=7#top">x</a>
        <a href="https://mp.weixin.qq.com/s?__biz=M&amp;from=timeline&amp;isappinstalled=0">x</a> | <a href="https://mp.weixin.qq.com/s?__biz=M">x</a>
        <a href="mailto:tips@example.com">mail</a>                            | <a href="mailto:tips@example.com">mail</a>
        <p>a<img src="https://example.com/p.gif" width="1" height="1">b</p>  | <p>ab</p>
        <img src="https://ad.doubleclick.net/ddm/ad.gif">                     | ``
        <img src="https://www.facebook.com/tr?id=1&amp;ev=PageView">           | ``
        <img src="https://sb.scorecardresearch.com/p?c1=2">                   | ``
        <img srcset="s.jpg 320w, l.jpg 1024w">                                | <img src="https://example.com/a/l.jpg">
        <picture><source srcset="a.webp"><img src="a.jpg" alt="p"></picture>  | <img src="https://example.com/a/a.jpg" alt="p">
        <img src="data:image/png;base64,iVBORw0KGgo=">                        | <img src="data:image/png;base64,iVBORw0KGgo=">
        <ol start="3"><li>x</li></ol><ul><li>y</li></ul><dl><dt>t</dt><dd>d</dd></dl> | <ol start="3"><li>x</li></ol><ul><li>y</li></ul><dl><dt>t</dt><dd>d</dd></dl>
        <h2>标题</h2><pre><code>x &lt; y</code></pre><hr><p>a<br>b</p>       | <h2>标题</h2><pre><code>x &lt; y</code></pre><hr><p>a<br>b</p>
        <header>h</header><footer><p>bio</p></footer><nav>n</nav>             | h<p>bio</p>n
        <form name="_newscontent_fromname" action="/x"><p>正文在表单里</p><input type="hidden" name="id"></form> | <p>正文在表单里</p>
        """)
    void keepsArticleMarkup(String html, String expected) {
        assertThat(sanitizer.sanitize(html, BASE)).isEqualTo(expected);
        assertThat(TreeSanitizeTest.onTree(sanitizer, html, BASE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        https://static.dw.com/image/69409739_303.jpg     | https://images.weserv.nl/?url=static.dw.com/image/69409739_303.jpg
        http://example.com/a b.jpg                       | https://images.weserv.nl/?url=example.com/a%20b.jpg
        https://img.example.com/p.jpg?w=600&h=400        | https://images.weserv.nl/?url=img.example.com/p.jpg%3Fw%3D600%26h%3D400
        https://images.weserv.nl/?url=static.dw.com/x.jpg | https://images.weserv.nl/?url=static.dw.com/x.jpg
        """)
    void proxiesImagesOnce(String src, String expected) {
        String html = "<img src=\"" + src.replace("&", "&amp;") + "\">";
        String out = new HtmlSanitizer(true).sanitize(html, BASE);
        assertThat(out).isEqualTo("<img src=\"" + expected.replace("&", "&amp;") + "\">");
        assertThat(new HtmlSanitizer(true).sanitize(out, BASE)).isEqualTo(out);
    }

    @org.junit.jupiter.api.Test
    void tweetKeepsTextAndLinksButNotScript() {
        String html = "<blockquote class=\"twitter-tweet\" data-width=\"550\"><p lang=\"zh\" dir=\"ltr\">【金正恩访俄】"
                + "<a href=\"https://twitter.com/hashtag/x?src=hash&amp;ref_src=twsrc%5Etfw\">#朝鲜</a></p>"
                + "&mdash; RFA (@RFA_Chinese) <a href=\"https://twitter.com/RFA_Chinese/status/1?ref_src=twsrc%5Etfw\">"
                + "September 13, 2023</a></blockquote>"
                + "<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>";
        assertThat(sanitizer.sanitize(html, BASE)).isEqualTo(
                "<blockquote class=\"twitter-tweet\"><p lang=\"zh\" dir=\"ltr\">【金正恩访俄】"
                        + "<a href=\"https://twitter.com/hashtag/x?src=hash\">#朝鲜</a></p>"
                        + "— RFA (@RFA_Chinese) <a href=\"https://twitter.com/RFA_Chinese/status/1\">"
                        + "September 13, 2023</a></blockquote>");
    }

    @org.junit.jupiter.api.Test
    void otherBlockquoteClassesAreDropped() {
        assertThat(sanitizer.sanitize("<blockquote class=\"instagram-media x\">q</blockquote>", BASE))
                .isEqualTo("<blockquote>q</blockquote>");
    }

    @org.junit.jupiter.api.Test
    void blankAndNullGiveEmpty() {
        assertThat(sanitizer.sanitize(null, BASE)).isEmpty();
        assertThat(sanitizer.sanitize("  ", BASE)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void relativeUrlsWithoutBaseAreDropped() {
        assertThat(sanitizer.sanitize("<a href=\"/x\">x</a><img src=\"/i.jpg\">", null)).isEqualTo("<a>x</a>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"entry_content_crazy.xml", "item_content_encoded_script_nested_cdata.xml",
            "item_xhtml_body_script.xml", "entry_content_script_base64.xml"})
    void feedparserCasesLeaveNothingExecutable(String name) throws IOException {
        List<String> fields = FeedContents.htmlFields(resource("/sanitize/" + name));
        assertThat(fields).isNotEmpty();
        for (String html : fields) {
            assertThat(UnsafeMarkup.findings(sanitizer.sanitize(html, BASE))).isEmpty();
            assertThat(TreeSanitizeTest.onTree(sanitizer, html, BASE)).isEqualTo(sanitizer.sanitize(html, BASE));
        }
    }

    @org.junit.jupiter.api.Test
    void base64ScriptCaseKeepsOnlyTheSafeText() throws IOException {
        String html = FeedContents.htmlFields(resource("/sanitize/entry_content_script_base64.xml")).get(0);
        assertThat(sanitizer.sanitize(html, BASE)).isEqualTo("safe description");
    }

    static String resource(String path) throws IOException {
        try (InputStream in = HtmlSanitizerTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
