package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextCheckTest {
    /** errors → the backoff's range: [base/2, base], base = 1 min doubling per error, capped at 6 h. */
    @ParameterizedTest
    @CsvSource({"1, 30, 60", "2, 60, 120", "3, 120, 240", "6, 960, 1920", "9, 7680, 15360", "10, 10800, 21600", "30, 10800, 21600"})
    void backoffDoublesWithJitterAndIsCapped(int errors, long minS, long maxS) {
        for (int i = 0; i < 50; i++) {
            Duration d = NextCheck.backoff(Duration.ofMinutes(15), errors, null);
            assertThat(d).isBetween(Duration.ofSeconds(minS), Duration.ofSeconds(maxS));
        }
    }

    /** A longer Retry-After wins (up to four times the cap); a shorter one does not shorten the backoff. */
    @ParameterizedTest
    @CsvSource({"PT10M, 1, PT10M, PT10M", "PT1S, 1, PT30S, PT60S", "PT100H, 3, PT24H, PT24H"})
    void retryAfter(Duration retryAfter, int errors, Duration min, Duration max) {
        assertThat(NextCheck.backoff(Duration.ofMinutes(15), errors, retryAfter)).isBetween(min, max);
    }

    @RepeatedTest(20)
    void successIsTheIntervalPlusMinusTenPercent() {
        Instant now = Instant.parse("2024-06-20T12:00:00Z");
        Instant next = NextCheck.afterSuccess(now, Duration.ofMinutes(30));
        assertThat(Duration.between(now, next)).isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
    }
}
