package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleExtractorTest {
    private static final URI CDT = URI.create("https://chinadigitaltimes.net/chinese/709104.html");
    private static final URI NEWS = URI.create("https://news.example.cn/finance/2024/0508/123.html");
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void cdtBodyBySelectorHasRealImagesAndNoShareButtons() throws IOException {
        Extracted e = extractor.extract(resource("cdt-post.html"), CDT, new ExtractRules("div.post-content", List.of()));

        assertThat(e.bodyHtml())
                .contains("今天，东北亚发生一件历史性的大事件", "这是一种准军事同盟的关系", "和平，真的很珍贵", "CDT 档案卡")
                .contains("src=\"https://chinadigitaltimes.net/chinese/files/2024/06/putin-kim.jpg\"")
                .contains("src=\"https://chinadigitaltimes.net/chinese/files/2024/06/map.png\"")
                .doesNotContain("data:image/gif", "blank.gif", "<noscript", "addtoany", "a2a_", "分享到推特")
                .doesNotContain("读者评论", "侧栏热门文章", "页脚版权文字", "404文库");
        assertThat(e.bodyHtml().split("putin-kim.jpg", -1)).hasSize(2);
        assertThat(e.title()).isEqualTo("古老板的老巢｜俄罗斯与朝鲜结盟，东北亚局势巨变");
        assertThat(e.author()).isEqualTo("CDT编辑");
        assertThat(e.published()).isEqualTo(Instant.parse("2024-06-20T13:04:00Z"));
    }

    @Test
    void cdtBodyWithoutSelectorIsFoundGenerically() throws IOException {
        Extracted e = extractor.extract(resource("cdt-post.html"), CDT, ExtractRules.GENERIC);

        assertThat(e.found()).isTrue();
        assertThat(e.bodyHtml())
                .contains("今天，东北亚发生一件历史性的大事件", "在俄罗斯的对外关系中", "和平，真的很珍贵")
                .contains("src=\"https://chinadigitaltimes.net/chinese/files/2024/06/putin-kim.jpg\"")
                .doesNotContain("读者评论", "评论内容", "侧栏热门文章", "页脚版权文字", "404文库", "addtoany", "分享到推特");
    }

    @Test
    void chineseNewsPageDropsNavigationRelatedCommentsAndRankings() throws IOException {
        Extracted e = extractor.extract(resource("zh-news.html"), NEWS, ExtractRules.GENERIC);

        assertThat(e.bodyHtml())
                .contains("记者从多地人社部门获悉", "以某省为例", "专家认为，稳就业政策效果正在逐步显现", "此外，多地还通过举办线上招聘会")
                .doesNotContain("当前位置", ">首页<", "相关新闻标题", "网友甲", "网友乙", "排行榜新闻", "banner.jpg",
                        "Copyright", "京ICP备", "分享到");
        assertThat(e.title()).isEqualTo("多地出台措施稳就业 专家：政策效果逐步显现");
        assertThat(e.author()).isEqualTo("张三, 李四");
        assertThat(e.published()).isEqualTo(Instant.parse("2024-05-08T02:30:00Z"));
    }

    @Test
    void selectorThatMatchesNothingFallsBackToGenericExtraction() throws IOException {
        Extracted e = extractor.extract(resource("zh-news.html"), NEWS,
                new ExtractRules("div.post-content", List.of("div.info")));

        assertThat(e.bodyHtml()).contains("记者从多地人社部门获悉", "此外，多地还通过举办线上招聘会")
                .doesNotContain("网友甲", "相关新闻标题", "来源：示例新闻网");
    }

    @Test
    void removeSelectorsApplyBeforeTheContentSelector() throws IOException {
        Extracted e = extractor.extract(resource("cdt-post.html"), CDT,
                new ExtractRules("div.post-content", List.of(".su-spoiler", "blockquote")));

        assertThat(e.bodyHtml()).contains("今天，东北亚发生一件历史性的大事件").doesNotContain("CDT 档案卡", "塔斯社");
    }

    @Test
    void severalMatchesAreJoinedOnceEach() {
        String html = "<html><body><div class=c><p>一</p><div class=c><p>二</p></div></div>"
                + "<div class=x><p>不要</p></div><div class=c><p>三</p></div></body></html>";
        Extracted e = extractor.extract(html, NEWS, new ExtractRules(".c", List.of()));

        assertThat(e.bodyHtml()).isEqualTo("<p>一</p><div class=\"c\"><p>二</p></div><p>三</p>");
    }

    @Test
    void urlsAreAbsoluteAgainstTheBaseElement() {
        String html = "<html><head><base href=\"https://cdn.example.org/sub/\"></head><body><div class=c>"
                + "<p><a href=\"page.html\">链接</a><img src=\"img/p.jpg\" srcset=\"img/s.jpg 1x, img/l.jpg 2x\"></p></div></body></html>";
        Extracted e = extractor.extract(html, NEWS, new ExtractRules(".c", List.of()));

        assertThat(e.bodyHtml()).contains("href=\"https://cdn.example.org/sub/page.html\"",
                "src=\"https://cdn.example.org/sub/img/p.jpg\"",
                "srcset=\"https://cdn.example.org/sub/img/s.jpg 1x, https://cdn.example.org/sub/img/l.jpg 2x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"div[", "p:nth-child(", ":::"})
    void invalidSelectorIsAConfigurationError(String selector) {
        assertThatThrownBy(() -> extractor.extract("<p>x</p>", NEWS, new ExtractRules(selector, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid content selector");
        assertThatThrownBy(() -> extractor.extract("<p>x</p>", NEWS, new ExtractRules(null, List.of(selector))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid remove selector");
    }

    @Test
    void emptyPageGivesNothing() {
        assertThat(extractor.extract(null, NEWS, ExtractRules.GENERIC).found()).isFalse();
        assertThat(extractor.extract("  ", NEWS, null).found()).isFalse();
        assertThat(extractor.extract("<html><body><nav><a href=/>首页</a></nav></body></html>", NEWS,
                ExtractRules.GENERIC).found()).isFalse();
    }

    @Test
    void deeplyNestedHostilePageDoesNotOverflow() {
        String html = "<div>".repeat(20_000) + "<p>" + "很深的段落，测试。".repeat(30) + "</p>" + "</div>".repeat(20_000);
        Extracted e = extractor.extract(html, NEWS, ExtractRules.GENERIC);
        assertThat(e.bodyHtml()).contains("很深的段落");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ArticleExtractorTest.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFormulaWhoseWrapperClassReadsLikeAMenuIsKept() {
        String text = "The quadratic formula gives both roots of the equation at once, and it is worth learning by heart "
                + "because it comes back in every later chapter of this course, from physics to finance.";
        String html = "<html><body><h1>Roots</h1><p>" + text + "</p><p>When</p>"
                + "<mjx-container class='MathJax CtxtMenu_Attached_0'><math><mi>a</mi><mo>≠</mo><mn>0</mn></math>"
                + "</mjx-container><p>" + text + "</p><div class='menu'><a href='/'>Home</a></div></body></html>";

        Extracted e = extractor.extract(html, URI.create("https://maths.example.org/roots"), ExtractRules.GENERIC);

        assertThat(e.bodyHtml()).contains("class=\"math\"", "a ≠ 0").doesNotContain("Home");
    }
}
