package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseFilterTest {
    static final String P = "<p>普京与金正恩在平壤签署条约。分析人士认为，这一条约给北京带来了更多麻烦。</p>";

    /** The filter's text by markup (two parses), checked against the same on one parse and on a detached tree. */
    static String text(String html) {
        String byMarkup = NoiseFilter.text(NoiseFilter.stripElements(html));
        assertThat(NoiseFilter.comparableText(html)).isEqualTo(byMarkup);
        Element detached = HtmlTrees.parseFragment(html, "", WorkBudget.standard()).body().clone();
        NoiseFilter.stripElements(detached, WorkBudget.standard());
        assertThat(NoiseFilter.withoutNoise(detached.text())).isEqualTo(byMarkup);
        return byMarkup;
    }

    @Test
    void stripsWithinTheBudget() {
        long[] now = {0};
        WorkBudget budget = new WorkBudget(Duration.ofMillis(1), 200_000, 256, () -> now[0]);
        Element body = HtmlTrees.parseFragment("<div class='ad'>广告</div>".repeat(5_000) + P, "", budget).body();
        now[0] = Duration.ofSeconds(1).toNanos();
        assertThatThrownBy(() -> NoiseFilter.stripElements(body, budget)).isInstanceOf(BudgetExceededException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "relative time       | <span>5 分钟前</span>                         | <span>3小时前</span>",
        "just now            | <span>刚刚</span>                             | <span>2 hours ago</span>",
        "view counter        | <span>阅读 1,234</span>                       | <span>阅读：3.2万</span>",
        "view counter after  | <span>1234 次阅读</span>                      | <span>12k views</span>",
        "updated stamp       | <p>更新于 2024-06-20 12:30</p>                | <p>最后更新：6月21日 08:05</p>",
        "time element        | <time datetime='2024-06-20'>6月20日</time>    | <time datetime='2024-06-21'>6月21日</time>",
        "ad block            | <div class='ad'>广告：买房就找我们</div>        | <div class='ad'>广告：暑期特价机票</div>",
        "ad slot by id       | <div id='ad_slot_3'>赞助内容甲</div>           | <div id='ad_slot_3'>赞助内容乙</div>",
        "related stories     | <ul class='related-news'><li>旧闻一</li></ul> | <ul class='related-news'><li>新闻二</li></ul>",
        "share widget        | <div class='share_bar'>分享到微博 12</div>     | <div class='share_bar'>分享到微博 13</div>",
        "script              | <script>var t=1</script>                      | <script>var t=2</script>",
    })
    void noiseDoesNotChangeTheText(String what, String before, String after) {
        assertThat(text(P + before)).isEqualTo(text(P + after)).contains("签署条约");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a word              | <p>在平壤签署</p>           | <p>在莫斯科签署</p>",
        "a date in the text  | <p>6月20日签署</p>          | <p>6月21日签署</p>",
        "a number            | <p>死亡人数为 12 人</p>     | <p>死亡人数为 21 人</p>",
        "a paragraph removed | <p>第二段。</p>             | ''",
    })
    void editsChangeTheText(String what, String before, String after) {
        assertThat(text(P + before)).isNotEqualTo(text(P + after));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "article-body share-enabled",
        "post-content related",
    })
    void aWrapperHoldingTheArticleIsKeptWhateverItsClass(String cls) {
        assertThat(text("<div class='" + cls + "'>" + P + P + "</div><p>尾注</p>")).contains("签署条约");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1", "1,", "1 ", "阅读 1"})
    void longRunsOfDigitsCostLinearTime(String unit) {
        String hostile = "<p>" + unit.repeat(100_000) + "</p>";
        // Linear: well under a second on an idle machine. A quadratic pattern over 100,000 units takes hours, so a
        // bound a loaded CI machine cannot trip (3 s did, at load 45) still tells the two apart.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
            () -> assertThat(NoiseFilter.comparableText(hostile)).isNotNull());
    }
}
