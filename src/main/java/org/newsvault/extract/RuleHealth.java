package org.newsvault.extract;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an outlet's extraction rules still fit its pages: over its last {@code window} extracted pages, more
 * than {@code staleShare} of them bad ({@link Extraction#bad()}: selector matched nothing, generic came out short,
 * nothing found) is stale; it is healthy again once the share drops below (at exactly the share it stays as it
 * was, so one page more or less at the edge does not flap). An outlet with fewer pages than
 * {@link #minPages()} is unknown, neither stale nor healthy: one odd first page says nothing.
 *
 * <p>"Stale since" is the time of the first bad page of the current bad run, found when the outlet turns
 * stale: the oldest bad page from which on the pages up to the newest are more than the share bad. Kept while the outlet stays stale, so it does not move
 * as the window slides. Pure and thread-safe; the clock only dates the verdict.
 */
public final class RuleHealth {
    /** The defaults of {@code extraction: {window, stale-share}}. */
    public static final int DEFAULT_WINDOW = 20;
    public static final double DEFAULT_STALE_SHARE = 0.5;

    public enum State { UNKNOWN, HEALTHY, STALE }

    /** One extracted page of the outlet. */
    public record Page(Instant at, Extraction outcome) {}

    /**
     * @param since  the start of the bad run while stale, else null
     * @param bad    bad pages in the window
     * @param pages  pages in the window
     * @param causes the bad pages by outcome, most frequent first
     * @param asOf   when judged
     */
    public record Verdict(State state, Instant since, int bad, int pages, Map<Extraction, Integer> causes, Instant asOf) {
        public boolean stale() {
            return state == State.STALE;
        }

        /** "14 of last 20 pages: selector matched nothing" (several causes: "…: selector matched nothing 9, …"). */
        public String summary() {
            StringBuilder sb = new StringBuilder().append(bad).append(" of last ").append(pages).append(" pages");
            if (causes.isEmpty()) return sb.append(" bad").toString();
            sb.append(": ");
            if (causes.size() == 1) return sb.append(causes.keySet().iterator().next().cause()).toString();
            String sep = "";
            for (var e : causes.entrySet()) {
                sb.append(sep).append(e.getKey().cause()).append(' ').append(e.getValue());
                sep = ", ";
            }
            return sb.toString();
        }
    }

    private final int window;
    private final double staleShare;
    private final Clock clock;

    public RuleHealth(int window, double staleShare, Clock clock) {
        if (window < 1) throw new IllegalArgumentException("window must be at least 1, not " + window);
        if (!(staleShare > 0 && staleShare < 1)) throw new IllegalArgumentException("stale share must be in (0, 1)");
        this.window = window;
        this.staleShare = staleShare;
        this.clock = clock;
    }

    public int window() {
        return window;
    }

    /** Pages needed before a verdict: 5, or the whole window when it is smaller. */
    public int minPages() {
        return Math.min(5, window);
    }

    /**
     * The verdict on {@code recent} (oldest first; only the last {@link #window()} count), given what the outlet
     * was before: {@code staleSince} non-null when it was stale since then.
     */
    public Verdict judge(List<Page> recent, Instant staleSince) {
        List<Page> w = recent.size() > window ? recent.subList(recent.size() - window, recent.size()) : recent;
        Map<Extraction, Integer> counts = new EnumMap<>(Extraction.class);
        int bad = 0;
        for (Page p : w) {
            if (p.outcome().bad()) {
                bad++;
                counts.merge(p.outcome(), 1, Integer::sum);
            }
        }
        Map<Extraction, Integer> causes = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
            .forEach(e -> causes.put(e.getKey(), e.getValue()));
        Instant now = clock.instant();
        if (w.size() < minPages()) return new Verdict(State.UNKNOWN, null, bad, w.size(), causes, now);
        double share = (double) bad / w.size();
        boolean stale = staleSince != null ? share >= staleShare : share > staleShare;
        if (!stale) return new Verdict(State.HEALTHY, null, bad, w.size(), causes, now);
        Instant since = staleSince != null ? staleSince : runStart(w);
        return new Verdict(State.STALE, since, bad, w.size(), causes, now);
    }

    /**
     * The oldest bad page from which on the pages up to the newest are more than the share bad (there is one when
     * the window as a whole is: the oldest bad page of the window at the latest).
     */
    private Instant runStart(List<Page> w) {
        Instant start = null;
        int bad = 0;
        for (int i = w.size() - 1; i >= 0; i--) {
            Page p = w.get(i);
            if (!p.outcome().bad()) continue;
            bad++;
            if ((double) bad / (w.size() - i) > staleShare) start = p.at();
        }
        return start;
    }
}
