package org.newsvault.watch;

import java.time.Instant;
import org.newsvault.model.ArticleStatus;
import org.newsvault.store.StatusEvent;

/**
 * How an article's status follows from consecutive re-checks. Pure: no I/O.
 *
 * <ul>
 *   <li><b>Evidence of deletion</b> (404/410/451, a redirect to a home or section page, a page without
 *       the article) counts a miss; after {@code confirmations} consecutive misses the article is
 *       {@code deleted}, recorded once with the last evidence.</li>
 *   <li><b>No usable answer</b> (timeout, 5xx, DNS, 403, ...) is never a deletion and does not break a
 *       run of misses; after {@link #UNREACHABLE_AFTER} consecutive ones a live or edited article is
 *       {@code unreachable}. A deleted article stays deleted.</li>
 *   <li><b>The article is there</b>: counters reset; a deleted or unreachable article becomes
 *       {@code live} again ({@code edited} if it has revisions), and that return is recorded.</li>
 * </ul>
 */
final class StatusPolicy {
    static final int UNREACHABLE_AFTER = 3;

    enum Observation { PRESENT, MISSING, NO_ANSWER }

    /** The article's state before a check. */
    record State(ArticleStatus status, int misses, int failures, boolean hasRevisions) {}

    /** The state after a check; {@code event} is the status change to record, or null. */
    record Next(ArticleStatus status, int misses, int failures, StatusEvent event) {}

    private StatusPolicy() {}

    static Next apply(State s, Observation seen, Evidence ev, int confirmations, long articleId, Instant at) {
        return switch (seen) {
            case PRESENT -> {
                ArticleStatus back = s.hasRevisions() ? ArticleStatus.EDITED : ArticleStatus.LIVE;
                if (s.status() == ArticleStatus.DELETED || s.status() == ArticleStatus.UNREACHABLE) {
                    String why = (s.status() == ArticleStatus.DELETED ? "back after deletion" : "reachable again")
                        + (ev.detail() == null ? "" : "; " + ev.detail());
                    yield new Next(back, 0, 0, event(articleId, at, back, ev, why));
                }
                yield new Next(s.status(), 0, 0, null);
            }
            case MISSING -> {
                int m = s.misses() + 1;
                if (m >= Math.max(1, confirmations) && s.status() != ArticleStatus.DELETED) {
                    String why = ev.detail() + " (" + m + " consecutive check" + (m == 1 ? "" : "s") + ")";
                    yield new Next(ArticleStatus.DELETED, m, 0, event(articleId, at, ArticleStatus.DELETED, ev, why));
                }
                yield new Next(s.status(), m, 0, null);
            }
            case NO_ANSWER -> {
                int f = s.failures() + 1;
                if (f >= UNREACHABLE_AFTER && (s.status() == ArticleStatus.LIVE || s.status() == ArticleStatus.EDITED)) {
                    String why = ev.detail() + " (" + f + " consecutive checks)";
                    yield new Next(ArticleStatus.UNREACHABLE, s.misses(), f,
                        event(articleId, at, ArticleStatus.UNREACHABLE, ev, why));
                }
                yield new Next(s.status(), s.misses(), f, null);
            }
        };
    }

    private static StatusEvent event(long articleId, Instant at, ArticleStatus status, Evidence ev, String detail) {
        return new StatusEvent(articleId, at, status.dbValue(), ev.httpStatus(), ev.finalUrl(), detail);
    }
}
