package org.newsvault.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything one {@code newsvault bench} run measured, printed as a table by {@link BenchReport} and
 * written as JSON with {@code --json}. Rates are per wall-clock second; CPU excludes the synthetic outlet's
 * own threads.
 */
public record BenchResult(Setup setup, Phase pipeline, Phase ceiling, double pipelineToCeiling, Phase feedOnly,
                          Repeat repeat, Prefill prefill, Phase largeArchive, double largeToEmpty, List<Round> largeRounds,
                          Memory memory, List<StageCost> stages, Polite polite, Daemon daemon, List<Target> targets) {
    /**
     * @param largeToEmpty the worst round's ratio (see {@link Round}): a claim about every poll must hold in the
     *                     slowest one, so the best or the average would hide exactly what it is about
     */
    public BenchResult {
        largeRounds = largeRounds == null ? List.of() : List.copyOf(largeRounds);
        stages = stages == null ? List.of() : List.copyOf(stages);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * What was run, on what.
     *
     * @param loadAverage the system's one-minute load average when the run started (-1 if unknown): numbers
     *                    taken while other work loads the cores understate newsvault
     */
    public record Setup(int feeds, int items, long archiveSize, int cores, int entryThreads, long maxHeapBytes,
                        String java, String corpus, double loadAverage) {}

    /**
     * One timed poll (or parse) of a set of feeds.
     *
     * @param items        articles archived (or pages parsed)
     * @param duplicates   items archived as a sighting of an article with the same text (should be 0: every
     *                     synthetic item is a distinct story)
     * @param pageRequests article pages the outlet served during the phase
     * @param outletCpuSeconds CPU the synthetic outlet spent serving the phase (same cores, not in cpuSeconds)
     * @param failures     feeds that failed plus items that failed
     */
    public record Phase(String name, long items, long duplicates, double wallSeconds, double cpuSeconds,
                        double outletCpuSeconds, double perSecond, long pageRequests, long bytes, int failures) {
        @JsonProperty
        public double cpuMillisPerItem() {
            return items == 0 ? 0 : cpuSeconds * 1000 / items;
        }
    }

    /**
     * A second poll of feeds that did not change.
     *
     * @param conditionalHits feeds reported not modified (304, or same body hash)
     * @param notModified     of those, answered 304 by the outlet
     */
    public record Repeat(int feeds, int conditionalHits, long notModified, long pageRequests, long archived,
                         double wallSeconds, double cpuSeconds) {
        Repeat plus(Repeat o) {
            return new Repeat(feeds + o.feeds, conditionalHits + o.conditionalHits, notModified + o.notModified,
                pageRequests + o.pageRequests, archived + o.archived, wallSeconds + o.wallSeconds, cpuSeconds + o.cpuSeconds);
        }

        @JsonProperty
        public double hitRate() {
            return feeds == 0 ? 0 : (double) conditionalHits / feeds;
        }
    }

    public record Prefill(long rows, double seconds) {}

    /** One round of the large-archive comparison: the same number of new items on each side. */
    public record Round(int round, Phase empty, Phase large) {
        @JsonProperty
        public double largeToEmpty() {
            return empty.perSecond() == 0 ? 0 : large.perSecond() / empty.perSecond();
        }
    }

    /**
     * The polite phase: {@code hosts} outlets, each its own loopback address with one teaser feed of
     * {@code pagesPerHost} items, polled with politeness off and then with per-host {@code perHost} and
     * {@code gapSeconds}. Each host needs {@code pagesPerHost} gaps after its feed and the hosts are
     * independent, so no poll can beat {@code boundSeconds} = pages × gap + the unpolite wall time.
     *
     * @param polite       null when it did not finish within {@code limitSeconds}
     * @param ratio        polite wall time / bound; when it did not finish, the limit / bound (a lower bound)
     * @param pagesFetched pages the hosts served in the polite poll (all of them when it finished)
     */
    public record Polite(int hosts, int pagesPerHost, int perHost, double gapSeconds, Phase unpolite, Phase polite,
                         double boundSeconds, double ratio, boolean finished, double limitSeconds, long pagesFetched) {}

    /**
     * @param peakHeapBytes  highest heap in use, sampled every 5 ms
     * @param poolPeaksBytes sum of the heap pools' peak usage (MemoryPoolMXBean): an upper bound
     * @param liveHeapBytes  heap in use right after a full GC at the end, while everything is still open: what
     *                       the work really needs (-1 when not measured)
     * @param rssPeakBytes   VmHWM of the process (for the main benchmark it also hosts the synthetic outlet)
     */
    public record Memory(long peakHeapBytes, long poolPeaksBytes, long liveHeapBytes, long rssPeakBytes,
                         long maxHeapBytes) {}

    /** Single-thread cost of one stage, per article, on the same pages. */
    public record StageCost(String stage, double millisPerItem) {}

    /** {@code --daemon-feeds}: many configured feeds polled twice in one process, outlet in another. */
    public record Daemon(int feeds, long archived, double firstPollSeconds, int conditionalHits,
                         double secondPollSeconds, Memory memory) {}

    /** One claim of the README and whether this run supports it. */
    public record Target(String claim, String measured, String goal, boolean met) {}
}
