package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallPartsTest {
    private static final Instant NOW = Instant.parse("2024-06-20T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
        // attempt, jitter, expected ms (base 500 ms, cap 30 s)
        "0, 1.0, 500", "1, 1.0, 1000", "3, 1.0, 4000", "6, 1.0, 30000", "40, 1.0, 30000", "200, 1.0, 30000",
        "2, 0.0, 0", "2, 0.5, 1000"})
    void backoffIsExponentialCappedAndJittered(int attempt, double jitter, long ms) {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> jitter);
        assertThat(b.delay(attempt)).isEqualTo(Duration.ofMillis(ms));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "120, 120",
        "' 0 ', 0",
        "'Thu, 20 Jun 2024 12:01:30 GMT', 90",
        "'Thu, 20 Jun 2024 11:00:00 GMT', 0",
        "soon, null",
        "-5, null",
        "null, null",
        "'', null"})
    void retryAfterParses(String header, Long seconds) {
        Duration d = RetryAfter.parse(header, NOW);
        assertThat(d).isEqualTo(seconds == null ? null : Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"10485760, 10 MB", "1048576, 1 MB", "65536, 64 KB", "1536, 1.5 KB", "1000, 1000 bytes", "1, 1 byte"})
    void sizesAreHuman(long bytes, String text) {
        assertThat(Sizes.bytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"250, 250 ms", "1500, 1.5 s", "60000, 60 s", "7200000, 2 h"})
    void durationsAreHuman(long ms, String text) {
        assertThat(Sizes.duration(Duration.ofMillis(ms))).isEqualTo(text);
    }
}
