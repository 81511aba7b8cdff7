package org.newsvault.poll;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.newsvault.extract.RuleHealth.Verdict;

/** Rule health as one line, the same in {@code status}, the log and the reading room. */
public final class RuleHealthText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    private RuleHealthText() {}

    /** "2026-11-30 14:02 UTC". */
    public static String time(Instant t) {
        return t == null ? "-" : MINUTE.format(t);
    }

    /**
     * "extraction rules look stale since 2026-11-30 14:02 UTC (14 of last 20 pages: selector matched nothing)";
     * null when the outlet is not stale.
     */
    public static String ruleHealth(Verdict v) {
        if (v == null || !v.stale()) return null;
        return "extraction rules look stale since " + time(v.since()) + " (" + v.summary() + ")";
    }
}
