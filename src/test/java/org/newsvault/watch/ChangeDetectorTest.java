package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.ContentHash;
import org.newsvault.watch.ChangeDetector.Kind;

class ChangeDetectorTest {
    static final String TEXT = "普京与朝鲜领导人金正恩在平壤签署《全面战略伙伴关系条约》。分析人士认为，这一条约给北京带来了更多麻烦，"
        + "因为它加深了中俄朝三边轴心的印象。中国外交部对此反应低调，只是表示这是两国之间的事情。";

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "https://x.test/news/2024/article-12345.html, https://x.test/,                        true",
        "https://x.test/news/2024/article-12345.html, https://x.test/news/,                   true",   // a section page
        "https://x.test/news/2024/article-12345.html, https://x.test/news/2024/,              true",
        "https://x.test/news/2024/article-12345.html, https://x.test/index.html,              true",
        "https://x.test/news/2024/article-12345.html, https://x.test/news/2024/article-12345.html, false",
        "http://x.test/news/2024/article-12345.html,  https://www.x.test/news/2024/article-12345.html, false", // https, www
        "https://x.test/news/2024/article-12345.html, https://x.test/zh/article-12345,         false",  // moved, keeps its id
        "https://x.test/a/a-69412345,                 https://x.test/a/new-slug-69412345,       false",
        "https://x.test/zh/some-long-story-slug/a-69412345, https://x.test/zh/,               true",
        "https://x.test/a/1,                          https://x.test/a/1-with-slug,             false",
        "https://x.test/a/1,                          https://x.test/,                          true",
        "https://x.test/world/20240620/russia-north-korea/, https://x.test/world/,            true",
    })
    void redirectsAwayFromTheArticle(URI requested, URI finalUrl, boolean away) {
        assertThat(ChangeDetector.redirectedAway(requested, finalUrl)).isEqualTo(away);
    }

    static PageVersion page(String title, String text, String pageText) {
        return new PageVersion(title, text.isEmpty() ? null : "<p>" + text + "</p>", text, ContentHash.sha256Hex(text),
            pageText, true);
    }

    @Test
    void sameTextAndTitleIsSame() {
        var v = ChangeDetector.compare(page("标题", TEXT, "标题 " + TEXT), page("标题", TEXT, "标题 " + TEXT), List.of("标题"));
        assertThat(v.kind()).isEqualTo(Kind.SAME);
    }

    @Test
    void aChangedWordIsAnEdit() {
        String edited = TEXT.replace("平壤", "莫斯科");
        var v = ChangeDetector.compare(page("标题", TEXT, ""), page("标题", edited, "标题 " + edited), List.of("标题"));
        assertThat(v.kind()).isEqualTo(Kind.CHANGED);
        assertThat(v.textChanged()).isTrue();
        assertThat(v.titleChanged()).isFalse();
    }

    @Test
    void aNewTitleAloneIsAnEdit() {
        var v = ChangeDetector.compare(page("旧标题", TEXT, ""), page(" 新标题 ", TEXT, "新标题 " + TEXT), List.of("旧标题"));
        assertThat(v.kind()).isEqualTo(Kind.CHANGED);
        assertThat(v.titleChanged()).isTrue();
        assertThat(v.textChanged()).isFalse();
    }

    @Test
    void otherTextWithoutTheTitleIsGoneButWithTheTitleAnEdit() {
        String other = "本站首页：今日要闻一览，天气晴，欢迎订阅我们的新闻通讯，获取更多精彩内容与独家报道。";
        var gone = ChangeDetector.compare(page("标题", TEXT, ""), page("首页", other, "首页 " + other), List.of("标题"));
        assertThat(gone.kind()).isEqualTo(Kind.GONE);
        assertThat(gone.reason()).contains("similar");
        var rewritten = ChangeDetector.compare(page("标题", TEXT, ""), page("标题", other, "标题 " + other), List.of("标题"));
        assertThat(rewritten.kind()).isEqualTo(Kind.CHANGED);
    }

    @Test
    void noBodyIsGoneOnlyWhenTheTitleIsAbsentToo() {
        assertThat(ChangeDetector.compare(page("标题", TEXT, ""), page(null, "", "找不到页面 404"), List.of("标题")).kind())
            .isEqualTo(Kind.GONE);
        assertThat(ChangeDetector.compare(page("标题", TEXT, ""), page(null, "", "标题 登录后阅读全文"), List.of("标题")).kind())
            .isEqualTo(Kind.UNREADABLE);
    }

    @Test
    void aFeedTextArticleAdoptsItsPageUnlessTheTextReallyDiffers() {
        var fromFeed = new PageVersion(null, "<p>" + TEXT + "</p>", TEXT, ContentHash.sha256Hex(TEXT), "", false);
        String presented = "首页 国际 " + TEXT + " 分享";
        assertThat(ChangeDetector.compare(fromFeed, page("页面标题", presented, presented), List.of("标题")).kind())
            .isEqualTo(Kind.SAME);
        String halved = TEXT.substring(0, TEXT.length() / 2) + "此处内容已被删除。";
        assertThat(ChangeDetector.compare(fromFeed, page("页面标题", halved, "标题 " + halved), List.of("标题")).kind())
            .isEqualTo(Kind.CHANGED);
    }

    @ParameterizedTest(name = "dice({0}, {1}) = {2}")
    @CsvSource({
        "abcd,     abcd,     1.0",
        "abcd,     wxyz,     0.0",
        "普京在平壤, 普京在平壤, 1.0",
        "aaaa,     aa,       0.5",
        "'',       '',       1.0",
    })
    void similarityIsDiceOfCharacterBigrams(String a, String b, double expected) {
        assertThat(TextSimilarity.dice(a, b)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
}
