package org.newsvault.config;

import java.time.Duration;
import java.util.List;

/**
 * Re-check schedule for archived articles (issue: watch). {@code steps} are (age limit, interval)
 * pairs: while an article is younger than {@code upTo} it is re-checked every {@code every}; past the
 * last step it is no longer re-checked. {@code deletionConfirmations}: consecutive 404/410s needed
 * before an article is called deleted.
 */
public record WatchSettings(boolean enabled, List<Step> steps, int deletionConfirmations) {
    public record Step(Duration upTo, Duration every) {}

    public static final WatchSettings DEFAULTS = new WatchSettings(true, List.of(
        new Step(Duration.ofHours(3), Duration.ofMinutes(15)),
        new Step(Duration.ofDays(1), Duration.ofHours(1)),
        new Step(Duration.ofDays(7), Duration.ofHours(3)),
        new Step(Duration.ofDays(30), Duration.ofDays(1)),
        new Step(Duration.ofDays(365), Duration.ofDays(7))), 2);
}
