package org.newsvault.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newsvault.config.WatchSettings;

/**
 * When an archived article is checked again: a pure function of its age. While the article is younger
 * than a step's {@code upTo} it is re-checked every {@code every} of that step (defaults: 15 minutes for
 * 3 hours, hourly for a day, every 3 hours for a week, daily for a month, weekly for a year); a check
 * that would fall past the last step's {@code upTo} is not made, and the article is no longer re-checked.
 * The next check counts from now, not from a grid, so a daemon that was down does not fire a burst of
 * catch-up checks.
 */
public final class RecheckSchedule {
    private RecheckSchedule() {}

    /**
     * @param archivedAt when the article was first archived
     * @param now        the time of the check just made (or of scheduling)
     * @return when to check next, or empty when the article's watch is over
     */
    public static Optional<Instant> next(Instant archivedAt, Instant now, WatchSettings watch) {
        if (watch.steps().isEmpty()) return Optional.empty();
        Duration age = Duration.between(archivedAt, now);
        if (age.isNegative()) age = Duration.ZERO;
        Instant horizon = archivedAt.plus(watch.steps().get(watch.steps().size() - 1).upTo());
        for (WatchSettings.Step s : watch.steps()) {
            if (age.compareTo(s.upTo()) < 0) {
                Instant next = now.plus(s.every());
                return next.isAfter(horizon) ? Optional.empty() : Optional.of(next);
            }
        }
        return Optional.empty();
    }
}
