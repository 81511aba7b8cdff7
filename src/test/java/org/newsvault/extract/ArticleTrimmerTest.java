package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.WorkBudget;

class ArticleTrimmerTest {
    private static final String ZH = "记者从多地人社部门获悉，今年以来各地出台了一系列稳就业措施，重点群体就业保持总体稳定，政策效果正在逐步显现。";
    private static final String EN = "The council voted on Tuesday to approve the new budget, which funds three schools and a library, "
            + "after a long debate that ran well into the evening.";
    private final ArticleExtractor extractor = new ArticleExtractor();

    /** The standard bounds on a clock that does not move: a loaded machine cannot time these out. */
    private static WorkBudget budget() {
        return new WorkBudget(WorkBudget.DEFAULT_TIME, WorkBudget.DEFAULT_MAX_ELEMENTS, WorkBudget.DEFAULT_MAX_DEPTH, () -> 0L);
    }

    private static Element trimmed(String bodyHtml, String title) {
        return trimmedWithTitles(bodyHtml, java.util.Arrays.asList(title, null));
    }

    private static Element trimmedWithTitles(String bodyHtml, java.util.List<String> titles) {
        Document doc = Jsoup.parseBodyFragment("<div id=a>" + bodyHtml + "</div>");
        Element article = doc.getElementById("a");
        ArticleTrimmer.trim(article, titles, budget());
        return article;
    }

    private static String para(String text, int n) {
        return ("<p>" + text + "</p>").repeat(n);
    }

    @Test
    void chineseFurnitureAroundTheCoreGoes() {
        Element a = trimmed("<p>来源：新华网</p><p>分享到：微信 微博</p>" + para(ZH, 3)
                + "<p>（责任编辑：王五）</p><p>版权声明：本文版权归原作者所有，转载请注明出处。</p><p>扫码关注我们的公众号</p>", null);

        assertThat(a.text()).contains(ZH).doesNotContain("来源", "分享到", "责任编辑", "版权声明", "扫码");
        assertThat(a.select("p")).hasSize(3);
    }

    @Test
    void relatedHeadingAfterTheCoreCutsEverythingAfterIt() {
        Element a = trimmed(para(ZH, 3) + "<h3>相关阅读</h3><p>另一篇文章的标题，并非本文内容</p><p>第三篇文章的标题</p>", null);

        assertThat(a.text()).contains(ZH).doesNotContain("相关阅读", "另一篇文章", "第三篇");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Read more", "Related stories", "You may also like", "Lesen Sie auch",
        "Mehr zum Thema", "À lire aussi", "Sur le même sujet", "Lee también", "Noticias relacionadas", "延伸阅读",
        "推荐阅读", "猜你喜欢"})
    void relatedHeadingsInManyLanguages(String heading) {
        Element a = trimmed(para(EN, 3) + "<h2>" + heading + "</h2><p>Another story entirely, about something else</p>", null);

        assertThat(a.text()).contains(EN).doesNotContain(heading, "Another story");
    }

    @Test
    void englishPromptsCreditsAndReadMoreLinksGo() {
        Element a = trimmed("<p>Photo: Jane Doe / Reuters</p>" + para(EN, 2)
                + "<p>Read more: <a href='/x'>Why the library matters to the town</a></p>" + para(EN, 2)
                + "<p>Sign up for our daily newsletter</p><p>Follow us on Mastodon</p>"
                + "<p>© 2024 The Town Paper. All rights reserved.</p>", null);

        assertThat(a.text()).contains(EN).doesNotContain("Photo:", "Read more", "library matters", "Sign up", "Follow us", "©");
        assertThat(a.select("p")).hasSize(4);
    }

    @Test
    void germanFrenchSpanishFurnitureGoes() {
        Element a = trimmed("<p>Foto: dpa</p>" + para(EN, 3) + "<p>Jetzt abonnieren und weiterlesen</p>"
                + "<p>Abonnez-vous à notre lettre</p><p>Suscríbete a nuestro boletín</p><p>Crédit photo : AFP</p>", null);

        assertThat(a.text()).contains(EN).doesNotContain("Foto", "abonnieren", "Abonnez", "Suscríbete", "Crédit");
    }

    @Test
    void aSentenceInsideTheCoreStaysEvenWhenItStartsLikeFurniture() {
        String related = "Related research published last year found that libraries raise reading scores in towns like this one.";
        String source = "来源：据当地统计部门发布的数据，今年前五个月新增就业人数同比增长百分之五，超过了全年目标的一半以上。";
        Element a = trimmed(para(EN, 2) + "<p>" + related + "</p><p>" + source + "</p>" + para(EN, 2), null);

        assertThat(a.text()).contains(related, source);
    }

    @Test
    void creditsScreenReaderLabelsAuthorBoxesAndSignUpBoxesGoByClass() {
        Element a = trimmed(para(EN, 3)
                + "<figure><img src='x.jpg'><figcaption><span class='off-screen'>Image caption</span>"
                + "<span class='media-caption__text'>The new library</span>"
                + "<span class='story-image-copyright'>Jane Doe</span></figcaption></figure>"
                + para(EN, 2) + "<div class='author-bio'><p>John Smith writes about the council.</p></div>"
                + "<div class='newsletter-signup'><p>Get the briefing</p></div>", null);

        assertThat(a.text()).contains(EN, "The new library").doesNotContain("Image caption", "Jane Doe", "John Smith", "briefing");
        assertThat(a.select("img")).hasSize(1);
    }

    @Test
    void paywallClassedParagraphsAreTheArticle() {
        Element a = trimmed(para(EN, 2) + "<p class='paywall'>" + EN.replace("council", "board") + "</p>", null);

        assertThat(a.text()).contains("The board voted");
    }

    @Test
    void linkListsAfterTheCoreGoButNotBeforeIt() {
        Element a = trimmed(para(ZH, 3) + "<p><a href='/1'>另一篇新闻的标题在这里</a> <a href='/2'>第二篇新闻的标题</a></p>", null);

        assertThat(a.text()).contains(ZH).doesNotContain("另一篇新闻");
    }

    @Test
    void aPictureWithItsLinkAfterTheCoreStays() {
        Element a = trimmed(para(ZH, 3) + "<p><img src='/a.jpg'><a href='/n?id=7'>链接</a></p><span>浏览：1,234</span>", null);

        assertThat(a.select("img")).hasSize(1);
        assertThat(a.text()).contains("链接").doesNotContain("浏览");
    }

    @Test
    void aHeadingRepeatingTheTitleBeforeTheCoreGoes() {
        Element a = trimmed("<div>最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%</div>" + para(ZH, 2),
                "明日股市预测--最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%");

        assertThat(a.text()).doesNotContain("最新出炉").contains(ZH);
    }

    @Test
    void aLongTitleLineIsNotTheCoreAndThePageTitleCountsToo() {
        String headline = "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛";
        Element a = trimmedWithTitles("<p>" + headline + "</p><p>来源：本站原创 作者：医技药剂党支部 时间：2019年10月31日 浏览：33</p>"
                + para(ZH, 2), java.util.Arrays.asList("湖南省中医药研究院附属医院", headline + " 湖南省中医药研究院附属医院"));

        assertThat(a.text()).doesNotContain("不忘初心", "来源").contains(ZH);
    }

    @Test
    void repeatedShortLinesOutsideTheCoreGoInsideTheyStay() {
        Element a = trimmed("<p>Weather threatens holiday plans</p>".repeat(4) + para(EN, 2) + "<p>Chorus line</p>".repeat(3)
                + para(EN, 2), null);

        assertThat(a.text()).doesNotContain("Weather threatens").contains("Chorus line");
    }

    @Test
    void aShortItemWithoutAParagraphToAnchorOnIsLeftAlone() {
        Element a = trimmed("<p>来源：本站</p><p>短讯一则。</p>", null);

        assertThat(a.text()).isEqualTo("来源：本站 短讯一则。");
    }

    @Test
    void genericExtractionTrimsAChinesePortalPage() {
        String html = "<html><head><title>稳就业政策效果显现_新闻中心</title></head><body>"
                + "<div class='nav'><a href='/'>首页</a></div><div class='content'><h1>稳就业政策效果显现</h1>"
                + "<div class='info'>2024-05-08 10:30 来源：新华网 作者：张三</div>" + para(ZH, 4)
                + "<p>责任编辑：李四</p><div class='more'><h4>推荐阅读</h4><p>其他文章的标题一，与本文无关</p>"
                + "<p>其他文章的标题二，与本文无关</p></div></div></body></html>";

        Extracted e = extractor.extract(html, URI.create("https://news.example.cn/a/1.html"), ExtractRules.GENERIC, budget());

        assertThat(Jsoup.parse(e.bodyHtml()).text()).contains(ZH)
                .doesNotContain("来源", "责任编辑", "推荐阅读", "其他文章", "稳就业政策效果显现");
    }

    @Test
    void aShortPostIsTakenOverItsLongCommentThread() {
        String post = "We opened the new community garden on Saturday, and forty neighbours came to plant the first beds. "
                + "Thanks to everyone who helped.";
        StringBuilder comments = new StringBuilder("<section id='comments' class='comment-list'><h3>128 comments</h3>");
        for (int i = 0; i < 30; i++) {
            comments.append("<div class='comment'><p class='comment-author'>reader").append(i).append("</p><p>")
                    .append("What a lovely afternoon it was, I brought my kids and they planted tomatoes, beans and a "
                            + "sunflower, and we will come back every weekend to water them, comment number ").append(i)
                    .append(".</p></div>");
        }
        comments.append("</section>");
        String html = "<html><head><title>Garden opens</title></head><body><article class='post'><h1>Garden opens</h1><p>"
                + post + "</p></article>" + comments + "</body></html>";

        Extracted e = extractor.extract(html, URI.create("https://blog.example.org/garden"), ExtractRules.GENERIC, budget());

        assertThat(Jsoup.parse(e.bodyHtml()).text()).contains("forty neighbours").doesNotContain("lovely afternoon");
    }
}
