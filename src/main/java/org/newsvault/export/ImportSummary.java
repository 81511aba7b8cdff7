package org.newsvault.export;

import java.time.Duration;
import java.util.Locale;

/**
 * The totals of one import.
 *
 * @param sanitized imported files whose body held executable markup: archived with the sanitized body
 * @param rewritten imported files whose title, URL or front matter held markup: archived written anew
 * @param left      files not looked at because the import was stopped (an interrupt): importing again does them
 */
public record ImportSummary(long files, long imported, long duplicates, long skipped, long failed, long sanitized,
                            long rewritten, long left, Duration elapsed) {

    /** Files done (imported, linked, skipped or failed): all of them unless the import was stopped. */
    public long done() {
        return files - left;
    }

    public double filesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? done() : done() / s;
    }

    /** The summary line the CLI prints. */
    public String line() {
        String safe = (sanitized > 0 ? ", " + sanitized + (sanitized == 1 ? " body" : " bodies") + " sanitized" : "")
            + (rewritten > 0 ? ", " + rewritten + " header" + (rewritten == 1 ? "" : "s") + " rewritten" : "");
        String files = left > 0 ? done() + " of " + this.files : String.valueOf(this.files);
        String rest = left > 0 ? "; " + left + " not imported yet: import the same paths again to finish" : "";
        return String.format(Locale.ROOT, "imported %d, duplicate %d, skipped %d%s%s (%s files in %.1f s, %.0f files/s%s)",
            imported, duplicates, skipped, failed > 0 ? ", failed " + failed : "", safe, files, elapsed.toNanos() / 1e9,
            filesPerSecond(), rest);
    }
}
