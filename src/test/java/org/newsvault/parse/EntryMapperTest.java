package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryMapperTest {

    @ParameterizedTest(name = "{1}: [{0}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Plain title                      | GUESS | Plain title
            a < b and c > d                  | GUESS | a < b and c > d
            <b>Bold</b> news                 | GUESS | Bold news
            AT&amp;T &#8212; &quot;x&quot;   | GUESS | AT&T — "x"
            AT&amp;T                         | TEXT  | AT&amp;T
            <b>kept</b>                      | TEXT  | <b>kept</b>
            <p>德国 <em>新闻</em></p>          | HTML  | 德国 新闻
            '   '                            | GUESS | -
            """)
    void titlesBecomePlainText(String raw, RawItem.TitleKind kind, String expected) {
        assertThat(EntryMapper.plainText(raw, kind)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} + {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            https://www.voachinese.com/a/x.html   | https://feed.example/rss | https://www.voachinese.com/a/x.html
            '  https://a.example/x\n  '            | -                        | https://a.example/x
            /a/relative.html                      | https://host.example/zh/rss.xml | https://host.example/a/relative.html
            relative.html                         | https://host.example/zh/rss.xml | https://host.example/zh/relative.html
            //cdn.example/a                       | http://host.example/     | http://cdn.example/a
            //cdn.example/a                       | -                        | https://cdn.example/a
            https://example.com/中文 path          | -                        | https://example.com/%E4%B8%AD%E6%96%87%20path
            /relative                             | -                        | -
            javascript:alert(1)                   | https://host.example/    | -
            mailto:a@example.com                  | https://host.example/    | -
            'http://'                             | -                        | -
            """)
    void linksResolveToAbsoluteHttp(String ref, String base, String expected) {
        assertThat(Urls.resolve(base, ref)).isEqualTo(expected);
    }

    @Test
    void xmlBaseChains() {
        String base = Urls.withXmlBase("https://www.dw.com/zh/feed.xml", "articles/");
        assertThat(base).isEqualTo("https://www.dw.com/zh/articles/");
        assertThat(Urls.withXmlBase(base, "https://other.example/b/")).isEqualTo("https://other.example/b/");
        assertThat(Urls.withXmlBase(base, " ")).isEqualTo(base);
    }

    @Test
    void linkCandidatesAreTriedInOrder() {
        RawItem item = item(List.of("javascript:void(0)", "/a/1.html", "https://x.example/guid"), "https://feed.example/rss");
        assertThat(EntryMapper.map(item).entry().link()).isEqualTo("https://feed.example/a/1.html");
    }

    @Test
    void skipReasonsNameTheProblem() {
        assertThat(EntryMapper.map(item(List.of(" "), null)).skipReason()).isEqualTo("no link");
        assertThat(EntryMapper.map(item(List.of("a.html"), null)).skipReason()).isEqualTo("relative link \"a.html\" and no feed URL");
        assertThat(EntryMapper.map(item(List.of("ftp://x/y"), null)).skipReason()).isEqualTo("unusable link \"ftp://x/y\"");
    }

    @Test
    void escapesTextForHtml() {
        assertThat(EntryMapper.escapeHtml("<a href=\"x\">&</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }

    private static RawItem item(List<String> links, String base) {
        return new RawItem(1, null, links, base, "t", RawItem.TitleKind.GUESS, null, null, null, null, List.of(), false);
    }
}
