package org.newsvault.sanitize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.WorkBudget;

/**
 * Hostile bodies cost time linear in their size (nesting bombs once took 48 s for 100k divs and grew
 * quadratically); past the budget an item fails with {@link BudgetExceededException}. Times are
 * printed; the bounds are loose enough for a busy CI machine, the 4×-input ratio shows the shape.
 */
class BoundedSanitizeTest {
    private static final URI BASE = URI.create("https://example.com/a/page.html");
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /** A roomy time budget: these tests measure growth, and a loaded machine must not trip the 5 s default. */
    private static WorkBudget roomy() {
        return new WorkBudget(Duration.ofSeconds(60), WorkBudget.DEFAULT_MAX_ELEMENTS, WorkBudget.DEFAULT_MAX_DEPTH,
            System::nanoTime);
    }

    @Test
    void nestedDivsTakeLinearTime() {
        String quarter = HtmlBombs.nested("div", 25_000);
        String full = HtmlBombs.nested("div", 100_000);
        // Best of three, so that JIT warm-up and a collection do not decide the ratio.
        double small = best(() -> seconds("25k nested divs", () -> sanitizer.sanitize(quarter, BASE, roomy())));
        double large = best(() -> seconds("100k nested divs", () -> sanitizer.sanitize(full, BASE, roomy())));
        assertThat(large).isLessThan(20); // quadratic took 48-80 s at 100k
        // 4x the input: linear is ~4x, quadratic 16x; 10 leaves room for a loaded CI machine
        assertThat(large).isLessThan(Math.max(small, 0.05) * 10);
    }

    @Test
    void nestingKeepsTheTextAndIsCappedInDepth() {
        String out = sanitizer.sanitize(HtmlBombs.nested("div", 100_000), BASE);
        assertThat(Jsoup.parseBodyFragment(out).text()).isEqualTo("text");
        assertThat(Jsoup.parseBodyFragment(out).getAllElements().stream().mapToInt(e -> e.parents().size()).max().orElse(0))
                .isLessThanOrEqualTo(WorkBudget.DEFAULT_MAX_DEPTH + 2);
    }

    @Test
    void otherNestingBombsStayFast() {
        for (String html : new String[] {HtmlBombs.nested("b", 100_000), HtmlBombs.nested("ul", 100_000),
                HtmlBombs.nestedTables(30_000), HtmlBombs.nestedLists(30_000), HtmlBombs.paragraphs(20_000),
                HtmlBombs.emptyDivs(100_000), "<script></script>".repeat(100_000)}) {
            double s = seconds(html.substring(0, 20) + "… (" + html.length() + " chars)", () -> sanitizer.sanitize(html, BASE, roomy()));
            assertThat(s).isLessThan(20);
        }
    }

    @Test
    void threeHundredThousandDivsAreRefusedAtOnce() {
        String html = HtmlBombs.nested("div", 300_000);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> sanitizer.sanitize(html, BASE))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 200000 elements)");
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("300k nested divs (3.3 MB): refused in %.3f s%n", s);
        assertThat(s).isLessThan(1);
    }

    @Test
    void misnestedLinksStopAtTheDeadline() {
        // The parser re-nests every unclosed link (quadratic inside jsoup): the deadline bounds it.
        String html = HtmlBombs.misnestedLinks(1_000_000);
        WorkBudget budget = new WorkBudget(Duration.ofMillis(500), 200_000, 256, System::nanoTime);
        long t0 = System.nanoTime();
        try {
            sanitizer.sanitize(html, BASE, budget);
        } catch (BudgetExceededException e) {
            assertThat(e).hasMessage("too complex to process (over 500 ms)");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("1 MB of mis-nested links, 0.5 s budget: %.2f s%n", s);
        assertThat(s).isLessThan(4);
    }

    @Test
    void aSpentBudgetFailsTheBody() {
        AtomicLong now = new AtomicLong();
        WorkBudget budget = new WorkBudget(Duration.ofSeconds(5), 200_000, 256, now::get);
        now.set(Duration.ofSeconds(6).toNanos());
        assertThatThrownBy(() -> sanitizer.sanitize("<p>short</p>", BASE, budget))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 5 s)");
    }

    @Test
    void aDeadlinePassingMidWalkFailsTheBody() {
        AtomicLong now = new AtomicLong();
        // Every reading of the clock moves it on by 10 ms: 500 readings pass a 5 s deadline.
        WorkBudget budget = new WorkBudget(Duration.ofSeconds(5), 200_000, 256, () -> now.addAndGet(10_000_000));
        assertThatThrownBy(() -> sanitizer.sanitize(HtmlBombs.paragraphs(30_000), BASE, budget))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void ordinaryBodiesPassWithinAnyFairBudget() {
        String body = "<p>正文<a href=\"/x\" rel=\"nofollow noopener\">链接</a></p>";
        assertThat(sanitizer.sanitize(body, BASE, WorkBudget.standard()))
                .isEqualTo("<p>正文<a href=\"https://example.com/x\" rel=\"nofollow noopener\">链接</a></p>");
    }

    private static double best(java.util.function.DoubleSupplier run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) best = Math.min(best, run.getAsDouble());
        return best;
    }

    private static double seconds(String what, Supplier<String> run) {
        long t0 = System.nanoTime();
        String out = run.get();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("sanitize %s: %.3f s (%d chars out)%n", what, s, out.length());
        return s;
    }
}
