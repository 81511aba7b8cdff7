package org.newsvault.bench;

import java.util.ArrayList;
import java.util.List;

/** The README's performance claims, checked against one run's numbers. */
final class Targets {
    // issue 11's target (the earlier 50 % assumed an extractor as cheap as two bare parses; it costs about three)
    static final double PIPELINE_TO_CEILING = 0.25;
    static final double FEED_ONLY_PER_SECOND = 5_000;
    static final double REPEAT_HIT_RATE = 0.99;
    static final double LARGE_TO_EMPTY = 0.90;
    static final long DAEMON_RSS_BYTES = 256L * 1024 * 1024;
    static final double POLITE_TO_BOUND = 1.5;

    private Targets() {}

    static List<BenchResult.Target> of(BenchResult.Setup setup, double toCeiling, BenchResult.Phase feedOnly,
                                       BenchResult.Repeat repeat, double largeToEmpty, BenchResult.Daemon daemon,
                                       BenchResult.Polite polite) {
        List<BenchResult.Target> out = new ArrayList<>();
        if (feedOnly != null) {
            out.add(new BenchResult.Target("full pipeline vs bare jsoup parse of the same pages",
                pct(toCeiling), ">= " + pct(PIPELINE_TO_CEILING), toCeiling >= PIPELINE_TO_CEILING));
            out.add(new BenchResult.Target("feed-only throughput on " + setup.cores() + " cores",
                String.format("%.0f items/s", feedOnly.perSecond()), String.format(">= %.0f items/s", FEED_ONLY_PER_SECOND),
                feedOnly.perSecond() >= FEED_ONLY_PER_SECOND));
            out.add(new BenchResult.Target("repeat poll of unchanged feeds: conditional hits", pct(repeat.hitRate()),
                ">= " + pct(REPEAT_HIT_RATE), repeat.hitRate() >= REPEAT_HIT_RATE));
            out.add(new BenchResult.Target("feed-only rate with " + String.format("%,d", setup.archiveSize())
                + " archived vs empty archive, worst round", pct(largeToEmpty), ">= " + pct(LARGE_TO_EMPTY), largeToEmpty >= LARGE_TO_EMPTY));
        }
        if (polite != null) {
            String measured = polite.finished()
                ? String.format("%.2fx (%.1f s; bound %.1f s = %d x %.0f ms + %.1f s unpolite)", polite.ratio(),
                    polite.polite().wallSeconds(), polite.boundSeconds(), polite.pagesPerHost(), polite.gapSeconds() * 1000,
                    polite.unpolite().wallSeconds())
                : String.format("did not finish within %s s (> %.1fx; bound %.1f s; %,d of %,d pages fetched)",
                    secs(polite.limitSeconds()), polite.ratio(), polite.boundSeconds(), polite.pagesFetched(),
                    (long) polite.hosts() * polite.pagesPerHost());
            out.add(new BenchResult.Target(String.format("%d hosts x %d teaser pages, per-host %d, gap %.0f ms, vs polite bound",
                polite.hosts(), polite.pagesPerHost(), polite.perHost(), polite.gapSeconds() * 1000), measured,
                String.format("<= %.1fx", POLITE_TO_BOUND), polite.finished() && polite.ratio() <= POLITE_TO_BOUND));
        }
        if (daemon != null) {
            out.add(new BenchResult.Target(String.format("peak RSS with %,d feeds polled in one process", daemon.feeds()),
                mb(daemon.memory().rssPeakBytes()), "< " + mb(DAEMON_RSS_BYTES), daemon.memory().rssPeakBytes() > 0
                && daemon.memory().rssPeakBytes() < DAEMON_RSS_BYTES));
        }
        return out;
    }

    static String pct(double ratio) {
        return String.format("%.1f%%", ratio * 100);
    }

    /** Seconds, to a tenth below ten. */
    static String secs(double s) {
        return s < 10 ? String.format("%.1f", s) : String.format("%.0f", s);
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MB", bytes / 1024.0 / 1024.0);
    }
}
