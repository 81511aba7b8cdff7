package org.newsvault.export;

import java.time.Duration;
import java.util.Locale;

/**
 * The totals of one import.
 *
 * @param sanitized imported files whose body held executable markup: archived with the sanitized body
 * @param rewritten imported files whose title, URL or front matter held markup: archived written anew
 */
public record ImportSummary(long files, long imported, long duplicates, long skipped, long failed, long sanitized,
                            long rewritten, Duration elapsed) {

    public double filesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? files : files / s;
    }

    /** The summary line the CLI prints. */
    public String line() {
        String safe = (sanitized > 0 ? ", " + sanitized + (sanitized == 1 ? " body" : " bodies") + " sanitized" : "")
            + (rewritten > 0 ? ", " + rewritten + " header" + (rewritten == 1 ? "" : "s") + " rewritten" : "");
        return String.format(Locale.ROOT, "imported %d, duplicate %d, skipped %d%s%s (%d files in %.1f s, %.0f files/s)",
            imported, duplicates, skipped, failed > 0 ? ", failed " + failed : "", safe, files, elapsed.toNanos() / 1e9,
            filesPerSecond());
    }
}
