package org.newsvault.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.article.ArticleReader.Article;
import org.newsvault.article.ArticleReader.Extras;
import org.newsvault.article.ArticleReader.FeedBody;
import org.newsvault.extract.ArticleExtractor;
import org.newsvault.extract.ExtractRules;
import org.newsvault.extract.Extracted;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.HtmlSanitizer;

class ArticleReaderTest {
    private static final URI PAGE = URI.create("https://news.example.com/2024/06/story.html");
    private static final String PARAGRAPHS = ("<p>普京与金正恩在平壤签署条约。分析人士认为，这一条约给北京带来了更多麻烦，"
        + "也让华盛顿重新审视它在东北亚的部署。</p>").repeat(12);
    private static final String NEWS_PAGE = "<html><head><title>条约签署</title><script>var x = 1;</script></head><body>"
        + "<nav><a href='/'>首页</a></nav><article><h1>条约签署</h1>" + PARAGRAPHS
        + "<p><img data-src='/img/a.jpg' alt='图'><a href='/n?utm_source=rss&id=7' onclick='x()'>链接</a></p>"
        + "<div class='share'>分享到微博 12</div><span class='views'>阅读 1,234</span></article>"
        + "<footer>版权所有</footer></body></html>";

    private final ArticleExtractor extractor = new ArticleExtractor();
    private final HtmlSanitizer sanitizer = new HtmlSanitizer(false);
    private final ArticleReader reader = new ArticleReader(extractor, sanitizer, new HtmlSanitizer(true));

    /** The pipeline as it was: extract → serialize → sanitize (parse again) → hash (parse again). */
    private String[] byMarkup(String html, URI url, ExtractRules rules, HtmlSanitizer s) {
        Extracted e = extractor.extract(html, url, rules);
        String clean = e.found() ? s.sanitize(e.bodyHtml(), url) : null;
        return new String[] {clean, clean == null ? null : ContentHash.ofHtml(clean)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"cdt-post.html", "zh-news.html", "inline"})
    void aPageReadOnTheTreeIsWhatTheMarkupPathGave(String name) throws IOException {
        String html = name.equals("inline") ? NEWS_PAGE : resource(name);
        for (ExtractRules rules : List.of(ExtractRules.GENERIC, new ExtractRules("article, div.post-content", List.of("nav")))) {
            for (boolean proxy : new boolean[] {false, true}) {
                String[] old = byMarkup(html, PAGE, rules, new HtmlSanitizer(proxy));
                Article a = reader.page(html, PAGE, rules, proxy, Extras.NONE, WorkBudget.standard());
                assertThat(a.html()).as(name + " " + rules + " proxy " + proxy).isEqualTo(old[0]);
                assertThat(a.contentHash()).isEqualTo(old[1]).isEqualTo(ContentHash.ofHtml(a.html()));
            }
        }
    }

    @Test
    void aPageIsParsedOnce() {
        long before = HtmlTrees.parses();
        Article a = reader.page(NEWS_PAGE.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", PAGE,
            ExtractRules.GENERIC, false, new Extras(true, (body, budget) -> { }), WorkBudget.standard());
        assertThat(HtmlTrees.parses() - before).isEqualTo(1);
        assertThat(a.found()).isTrue();
        assertThat(a.title()).isEqualTo("条约签署");
        assertThat(a.html()).contains("签署条约", "src=\"https://news.example.com/img/a.jpg\"",
            "href=\"https://news.example.com/n?id=7\"").doesNotContain("onclick", "首页", "版权所有", "<script");
    }

    @Test
    void extrasComeFromTheSameTree() {
        Article a = reader.page(NEWS_PAGE, PAGE, ExtractRules.GENERIC, false,
            new Extras(true, (body, budget) -> body.select(".views").remove()), WorkBudget.standard());
        // the page's whole text is read before extraction drops the chrome
        assertThat(a.pageText()).startsWith("条约签署 ").contains("首页", "版权所有");
        assertThat(a.comparable()).contains("签署条约").doesNotContain("阅读 1,234");
        // the filter edits a copy: the archived body keeps what it removed
        assertThat(a.html()).contains("阅读 1,234");
    }

    @Test
    void aPageWithoutAnArticleHasItsMetadataAndNoBody() {
        Article a = reader.page("<html><head><title>首页</title></head><body><nav><a href=/>首页</a></nav></body></html>",
            PAGE, ExtractRules.GENERIC, false, new Extras(true, (b, w) -> { }), WorkBudget.standard());
        assertThat(a.found()).isFalse();
        assertThat(a.contentHash()).isNull();
        assertThat(a.comparable()).isEmpty();
        assertThat(a.pageText()).contains("首页");
        assertThat(reader.page("  ", PAGE, ExtractRules.GENERIC, false, Extras.NONE, WorkBudget.standard()).found())
            .isFalse();
    }

    @Test
    void aFeedBodyIsParsedOnceForTheTeaserCheckSanitizingAndHash() {
        String html = PARAGRAPHS + "<script>track()</script><p><a href='/more' onclick='x()'>更多</a></p>";
        long before = HtmlTrees.parses();
        FeedBody body = reader.feedBody(html, PAGE, WorkBudget.standard());
        Article a = reader.feed(body, PAGE, List.of(), false, WorkBudget.standard());
        assertThat(HtmlTrees.parses() - before).isEqualTo(1);
        assertThat(body.teaser()).isFalse();
        String old = sanitizer.sanitize(html, PAGE);
        assertThat(a.html()).isEqualTo(old).doesNotContain("script", "onclick");
        assertThat(a.contentHash()).isEqualTo(ContentHash.ofHtml(old));
    }

    @Test
    void teasersAreTold() {
        assertThat(reader.feedBody("<p>普京与金正恩在平壤签署条约……</p>", PAGE, WorkBudget.standard()).teaser()).isTrue();
        assertThat(reader.feedBody(null, PAGE, WorkBudget.standard()).teaser()).isTrue();
        assertThat(reader.feedBody(" ", PAGE, WorkBudget.standard()).tree()).isNull();
        assertThat(reader.feed(new FeedBody(null, null, true), PAGE, List.of(), false, WorkBudget.standard()).found())
            .isFalse();
    }

    @Test
    void removalsApplyOnTheSameTreeAndLeaveTheBodyWholeWhenNothingIsLeft() {
        String html = PARAGRAPHS + "<div class='promo'>订阅我们</div><img src='/a.jpg'>";
        long before = HtmlTrees.parses();
        Article a = reader.feed(reader.feedBody(html, PAGE, WorkBudget.standard()), PAGE, List.of(".promo"), false,
            WorkBudget.standard());
        assertThat(HtmlTrees.parses() - before).isEqualTo(1);
        assertThat(a.html()).contains("签署条约", "src=\"https://news.example.com/a.jpg\"").doesNotContain("订阅我们");

        Article whole = reader.feed(reader.feedBody("<div class='promo'>订阅我们</div>", PAGE, WorkBudget.standard()),
            PAGE, List.of(".promo"), false, WorkBudget.standard());
        assertThat(whole.html()).isEqualTo("<div>订阅我们</div>");
    }

    @Test
    void aBodyKeptSmallIsParsedWhenItIsNeeded() {
        FeedBody parsed = reader.feedBody("<p>短讯……</p>", PAGE, WorkBudget.standard());
        FeedBody waiting = parsed.withoutTree();
        assertThat(waiting.tree()).isNull();
        assertThat(waiting.teaser()).isTrue();
        assertThat(reader.feed(waiting, PAGE, List.of(), false, WorkBudget.standard()).html()).isEqualTo("<p>短讯……</p>");
    }

    @Test
    void everyParseAndWalkIsWithinTheItemsBudget() {
        WorkBudget few = new WorkBudget(Duration.ofSeconds(5), 100, 256, System::nanoTime);
        String page = "<html><body>" + "<p>段落</p>".repeat(500) + "</body></html>";
        assertThatThrownBy(() -> reader.page(page, PAGE, ExtractRules.GENERIC, false, Extras.NONE, few))
            .isInstanceOf(BudgetExceededException.class);
        assertThatThrownBy(() -> reader.feedBody("<p>段落</p>".repeat(500), PAGE,
            new WorkBudget(Duration.ofSeconds(5), 100, 256, System::nanoTime))).isInstanceOf(BudgetExceededException.class);
        long[] now = {0};
        WorkBudget expired = new WorkBudget(Duration.ofMillis(1), 200_000, 256, () -> now[0]);
        FeedBody body = reader.feedBody(PARAGRAPHS, PAGE, expired);
        now[0] = Duration.ofSeconds(1).toNanos();
        assertThatThrownBy(() -> reader.feed(body, PAGE, List.of(), false, expired))
            .isInstanceOf(BudgetExceededException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ArticleReaderTest.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
