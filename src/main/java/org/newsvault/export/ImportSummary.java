package org.newsvault.export;

import java.time.Duration;
import java.util.Locale;

/** The totals of one import. */
public record ImportSummary(long files, long imported, long duplicates, long skipped, long failed, Duration elapsed) {

    public double filesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? files : files / s;
    }

    /** The summary line the CLI prints. */
    public String line() {
        return String.format(Locale.ROOT, "imported %d, duplicate %d, skipped %d%s (%d files in %.1f s, %.0f files/s)",
            imported, duplicates, skipped, failed > 0 ? ", failed " + failed : "", files, elapsed.toNanos() / 1e9,
            filesPerSecond());
    }
}
