package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.WorkBudget;
import org.newsvault.sanitize.HtmlBombs;

/** The extractor on hostile pages: linear time, or a typed failure past the budget. */
class BoundedExtractTest {
    private static final URI URL = URI.create("https://example.com/news/1.html");
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void nestedDivsTakeLinearTime() {
        String quarter = HtmlBombs.nested("div", 25_000);
        String full = HtmlBombs.nested("div", 100_000);
        // Best of three, so that JIT warm-up and a collection do not decide the ratio.
        double small = best(() -> seconds("25k nested divs", () -> run(quarter)));
        double large = best(() -> seconds("100k nested divs", () -> run(full)));
        assertThat(large).isLessThan(20); // quadratic took 48-80 s at 100k
        // 4x the input: linear is ~4x, quadratic 16x; 10 leaves room for a loaded CI machine
        assertThat(large).isLessThan(Math.max(small, 0.05) * 10);
    }

    @Test
    void deepNestingIsFlattenedAndKeepsItsText() {
        String page = "<html><body><article>" + HtmlBombs.nested("div", 1_000).replace("text",
                "<p>" + "这是一篇很长的新闻报道，内容丰富。".repeat(40) + "</p>") + "</article></body></html>";
        Extracted e = extractor.extract(page, URL, ExtractRules.GENERIC);
        assertThat(e.bodyHtml()).contains("这是一篇很长的新闻报道");
    }

    @Test
    void otherBombsStayFast() {
        for (String html : new String[] {HtmlBombs.nested("b", 100_000), HtmlBombs.nested("ul", 100_000),
                HtmlBombs.nestedTables(30_000), HtmlBombs.nestedLists(30_000), HtmlBombs.paragraphs(20_000),
                HtmlBombs.emptyDivs(100_000), "<div>" + "一段文字<br><br>".repeat(50_000) + "</div>"}) {
            double s = seconds(html.substring(0, 20) + "… (" + html.length() + " chars)", () -> run(html));
            assertThat(s).isLessThan(20);
        }
    }

    @Test
    void threeHundredThousandDivsAreRefusedAtOnce() {
        String html = HtmlBombs.nested("div", 300_000);
        assertThatThrownBy(() -> run(html)).isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 200000 elements)");
    }

    @Test
    void misnestedLinksStopAtTheDeadline() {
        String html = HtmlBombs.misnestedLinks(1_000_000);
        WorkBudget budget = new WorkBudget(Duration.ofMillis(500), 200_000, 256, System::nanoTime);
        long t0 = System.nanoTime();
        try {
            extractor.extract(html, URL, ExtractRules.GENERIC, budget);
        } catch (BudgetExceededException e) {
            assertThat(e).hasMessage("too complex to process (over 500 ms)");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("extract 1 MB of mis-nested links, 0.5 s budget: %.2f s%n", s);
        assertThat(s).isLessThan(4);
    }

    @Test
    void aDeadlinePassingMidWalkFailsThePage() {
        AtomicLong now = new AtomicLong();
        WorkBudget budget = new WorkBudget(Duration.ofSeconds(5), 200_000, 256, () -> now.addAndGet(10_000_000));
        assertThatThrownBy(() -> extractor.extract(HtmlBombs.paragraphs(30_000), URL, ExtractRules.GENERIC, budget))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 5 s)");
    }

    /** A roomy time budget: these tests measure growth, and a loaded machine must not trip the 5 s default. */
    private String run(String html) {
        WorkBudget roomy = new WorkBudget(java.time.Duration.ofSeconds(60), WorkBudget.DEFAULT_MAX_ELEMENTS,
            WorkBudget.DEFAULT_MAX_DEPTH, System::nanoTime);
        return String.valueOf(extractor.extract(html, URL, ExtractRules.GENERIC, roomy).bodyHtml());
    }

    private static double best(java.util.function.DoubleSupplier run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) best = Math.min(best, run.getAsDouble());
        return best;
    }

    private static double seconds(String what, Supplier<String> run) {
        long t0 = System.nanoTime();
        run.get();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("extract %s: %.3f s%n", what, s);
        return s;
    }
}
