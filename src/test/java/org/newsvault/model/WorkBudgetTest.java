package org.newsvault.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkBudgetTest {
    private final AtomicLong now = new AtomicLong();

    private WorkBudget budget(Duration time, int maxElements) {
        return new WorkBudget(time, maxElements, 256, now::get);
    }

    @Test
    void checkFailsOnlyPastTheDeadline() {
        WorkBudget b = budget(Duration.ofSeconds(5), 10);
        now.set(Duration.ofSeconds(5).toNanos());
        assertThatCode(b::check).doesNotThrowAnyException();
        now.incrementAndGet();
        assertThatThrownBy(b::check).isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 5 s)");
    }

    @Test
    void tickReadsTheClockOnlyNowAndThen() {
        AtomicLong reads = new AtomicLong();
        WorkBudget b = new WorkBudget(Duration.ofSeconds(1), 10, 256, () -> {
            reads.incrementAndGet();
            return 0;
        });
        for (int i = 0; i < 5_120; i++) b.tick();
        assertThat(reads.get()).isEqualTo(1 + 10); // the start, then every 512th tick
    }

    @Test
    void markupWithMoreTagsThanTheCapIsRefusedBeforeParsing() {
        WorkBudget b = budget(Duration.ofSeconds(1), 3);
        assertThatCode(() -> b.checkMarkup("<p>a < b, 1<2</p><br><i>x</i>")).doesNotThrowAnyException();
        assertThatThrownBy(() -> b.checkMarkup("<p><b><i><u>x")).isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 3 elements)");
    }

    @Test
    void readerStopsAtTheDeadline() throws IOException {
        WorkBudget b = budget(Duration.ofMillis(100), 10);
        Reader r = b.reader("x".repeat(10_000));
        char[] buf = new char[100_000];
        assertThat(r.read(buf, 0, buf.length)).isEqualTo(2048);
        now.set(Duration.ofMillis(101).toNanos());
        assertThatThrownBy(() -> r.read(buf, 0, buf.length)).isInstanceOf(BudgetExceededException.class)
                .hasMessage("too complex to process (over 100 ms)");
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> budget(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
