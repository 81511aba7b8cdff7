package org.newsvault.poll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.newsvault.config.ExtractionSettings;
import org.newsvault.extract.Extraction;
import org.newsvault.extract.RuleHealth;
import org.newsvault.extract.RuleHealth.Verdict;
import org.newsvault.store.ExtractionOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule health as pages are extracted: each page's {@link Extraction} is stored per outlet (the last pages only),
 * the outlet is judged again ({@link RuleHealth}), and a change of verdict is kept in the store and logged once:
 * one WARN line when the outlet turns stale, one INFO line when it recovers. Counts per outlet and outcome since
 * this process started feed {@code /metrics}.
 *
 * <p>Never fails a poll: a store error is one WARN line and the page goes uncounted. Thread-safe; one outlet is
 * judged by one thread at a time (its pages arrive from several entry workers). The store is read once per outlet
 * and process, then this process's own pages are added as they come. Alone on an archive (the data lock) that is
 * every row of the outlet; with several nodes on one database each node judges from what it read at start plus its
 * own pages, so a node's verdict can lag the others' pages until it restarts ({@code status} and {@code /metrics}
 * read the store, {@link #verdicts}, and see them all).
 */
public final class RuleHealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(RuleHealthMonitor.class);
    /** Rows kept per outlet beyond the window: none are needed, but a window raised by a reload finds its pages. */
    static final int KEEP_FACTOR = 2;
    /** Pruned every this many pages of an outlet: its rows stay under its keep plus this. */
    static final int PRUNE_EVERY = 16;

    private final ExtractionOutcomes store;
    private final Supplier<ExtractionSettings> settings;
    private final Clock clock;
    private final Map<String, Outlet> outlets = new ConcurrentHashMap<>();
    private final Map<String, Map<Extraction, LongAdder>> counts = new ConcurrentHashMap<>();

    public RuleHealthMonitor(ExtractionOutcomes store, Supplier<ExtractionSettings> settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What this process knows of an outlet: its newest pages (read from the store once, then kept up as pages are
     * recorded) and since when it is stale (null: not). Guarded by itself.
     */
    private static final class Outlet {
        final java.util.ArrayDeque<RuleHealth.Page> recent = new java.util.ArrayDeque<>();
        java.time.Instant staleSince;
        boolean loaded;
        int sincePrune;
    }

    /** One article page of {@code outletId} extracted with {@code how}. */
    public void record(String outletId, String url, Extraction how) {
        if (how == null) return;
        counts.computeIfAbsent(outletId, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(how, k -> new LongAdder()).increment();
        ExtractionSettings s = settings.get();
        RuleHealth policy = new RuleHealth(s.window(), s.staleShare(), clock);
        int keep = s.window() * KEEP_FACTOR;
        Outlet o = outlets.computeIfAbsent(outletId, k -> new Outlet());
        synchronized (o) {
            try {
                if (!o.loaded) {
                    // Once per outlet and process: what earlier runs recorded and judged.
                    o.recent.addAll(pages(store.recent(outletId, keep)));
                    var kept = store.kept().get(outletId);
                    o.staleSince = kept == null ? null : kept.staleSince();
                    o.loaded = true;
                }
                java.time.Instant at = clock.instant();
                boolean prune = ++o.sincePrune >= PRUNE_EVERY;
                if (prune) o.sincePrune = 0;
                store.record(outletId, url, how.label(), at, prune ? keep : 0);
                o.recent.addLast(new RuleHealth.Page(at, how));
                while (o.recent.size() > keep) o.recent.removeFirst();
                java.time.Instant since = o.staleSince;
                Verdict v = policy.judge(new ArrayList<>(o.recent), since);
                if (v.stale() && since == null) {
                    store.keep(outletId, v.since(), v.summary(), v.asOf());
                    o.staleSince = v.since();
                    log.warn("outlet={} extraction rules look stale since {} ({}): its pages may have changed markup",
                        outletId, RuleHealthText.time(v.since()), v.summary());
                } else if (since != null && v.state() == RuleHealth.State.HEALTHY) {
                    store.keep(outletId, null, v.summary(), v.asOf());
                    o.staleSince = null;
                    log.info("outlet={} extraction rules healthy again ({}; stale since {})", outletId, v.summary(),
                        RuleHealthText.time(since));
                }
            } catch (RuntimeException e) {
                // Read again next time: what is kept here may now differ from the store.
                o.loaded = false;
                o.recent.clear();
                log.warn("outlet={} rule health: cannot record page {}: {}", outletId, EntryProcessor.shortLink(url),
                    e.getMessage());
            }
        }
    }

    /** Pages extracted by this process, per outlet and outcome. */
    public Map<String, Map<Extraction, Long>> counts() {
        Map<String, Map<Extraction, Long>> out = new java.util.TreeMap<>();
        counts.forEach((o, m) -> {
            Map<Extraction, Long> per = new EnumMap<>(Extraction.class);
            m.forEach((k, v) -> per.put(k, v.sum()));
            out.put(o, per);
        });
        return out;
    }

    /** Stored outcomes as the policy reads them; labels this version does not know are left out. */
    public static List<RuleHealth.Page> pages(List<ExtractionOutcomes.Outcome> rows) {
        List<RuleHealth.Page> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            Extraction e = Extraction.ofLabel(r.outcome());
            if (e != null) out.add(new RuleHealth.Page(r.at(), e));
        }
        return out;
    }

    /**
     * Every outlet's verdict now, from the store (for {@code status} and {@code /metrics}, in any process): the
     * kept "since" of a stale outlet, judged again on its stored pages.
     */
    public static Map<String, Verdict> verdicts(ExtractionOutcomes store, ExtractionSettings s, Clock clock) {
        RuleHealth policy = new RuleHealth(s.window(), s.staleShare(), clock);
        var kept = store.kept();
        Map<String, Verdict> out = new java.util.TreeMap<>();
        for (String outlet : store.outlets()) {
            var k = kept.get(outlet);
            out.put(outlet, policy.judge(pages(store.recent(outlet, s.window())), k == null ? null : k.staleSince()));
        }
        return out;
    }
}
