package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.config.WatchSettings;

class RecheckScheduleTest {
    static final Instant ARCHIVED = Instant.parse("2024-06-20T12:00:00Z");

    @ParameterizedTest(name = "age {0} → next in {1}")
    @CsvSource({
        // age at the check, expected wait (empty = stop)
        "PT0S,        PT15M",
        "PT14M,       PT15M",
        "PT2H59M,     PT15M",
        "PT3H,        PT1H",
        "PT23H59M,    PT1H",
        "PT24H,       PT3H",
        "P6DT23H,     PT3H",
        "P7D,         P1D",
        "P29D,        P1D",
        "P30D,        P7D",
        "P357D,       P7D",
        "P358D,       P7D",
        "P358DT1S,    ",        // the next weekly check would fall past a year: stop
        "P365D,       ",
        "P800D,       ",
        "-PT5M,       PT15M",   // archived 'in the future' (clock skew) counts as new
    })
    void defaultScheduleDecays(Duration age, Duration wait) {
        Instant now = ARCHIVED.plus(age);
        var next = RecheckSchedule.next(ARCHIVED, now, WatchSettings.DEFAULTS);
        if (wait == null) assertThat(next).isEmpty();
        else assertThat(next).contains(now.plus(wait));
    }

    @Test
    void aYearOfChecksFollowsTheStepsAndStops() {
        Instant now = ARCHIVED;
        int checks = 0;
        for (var next = RecheckSchedule.next(ARCHIVED, now, WatchSettings.DEFAULTS); next.isPresent();
             next = RecheckSchedule.next(ARCHIVED, now, WatchSettings.DEFAULTS)) {
            now = next.get();
            checks++;
        }
        // 12 in 3 h, 21 to a day, 48 to a week, 23 to a month, 48 to a year (±1 at each boundary)
        assertThat(checks).isBetween(150, 156);
        assertThat(Duration.between(ARCHIVED, now)).isBetween(Duration.ofDays(358), Duration.ofDays(365));
    }

    @Test
    void noStepsMeansNoChecks() {
        assertThat(RecheckSchedule.next(ARCHIVED, ARCHIVED, new WatchSettings(true, List.of(), 2))).isEmpty();
    }
}
