package org.newsvault.watch;

import java.util.Collection;

/** Counts of one re-check pass, by {@link CheckResult.Outcome}. */
public record RecheckSummary(int checked, int unchanged, int edited, int deleted, int missing, int unreachable,
                             int errors) {
    public static final RecheckSummary EMPTY = new RecheckSummary(0, 0, 0, 0, 0, 0, 0);

    public static RecheckSummary of(Collection<CheckResult> results) {
        int[] c = new int[CheckResult.Outcome.values().length];
        for (CheckResult r : results) c[r.outcome().ordinal()]++;
        return new RecheckSummary(results.size(), c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    public RecheckSummary plus(RecheckSummary o) {
        return new RecheckSummary(checked + o.checked, unchanged + o.unchanged, edited + o.edited, deleted + o.deleted,
            missing + o.missing, unreachable + o.unreachable, errors + o.errors);
    }

    /** {@code checked 7: 3 unchanged, 1 edited, 1 deleted (1 more awaiting confirmation), 1 unreachable, 0 errors}. */
    public String line() {
        return "checked " + checked + ": " + unchanged + " unchanged, " + edited + " edited, " + deleted + " deleted"
            + (missing > 0 ? " (" + missing + " more awaiting confirmation)" : "") + ", " + unreachable + " unreachable, "
            + errors + " errors";
    }
}
