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
 * judged by one thread at a time (its pages arrive from several entry workers).
 */
public final class RuleHealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(RuleHealthMonitor.class);
    /** Rows kept per outlet beyond the window: none are needed, but a window raised by a reload finds its pages. */
    static final int KEEP_FACTOR = 2;

    private final ExtractionOutcomes store;
    private final Supplier<ExtractionSettings> settings;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Map<Extraction, LongAdder>> counts = new ConcurrentHashMap<>();

    public RuleHealthMonitor(ExtractionOutcomes store, Supplier<ExtractionSettings> settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One article page of {@code outletId} extracted with {@code how}. */
    public void record(String outletId, String url, Extraction how) {
        if (how == null) return;
        counts.computeIfAbsent(outletId, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(how, k -> new LongAdder()).increment();
        ExtractionSettings s = settings.get();
        RuleHealth policy = new RuleHealth(s.window(), s.staleShare(), clock);
        synchronized (locks.computeIfAbsent(outletId, k -> new Object())) {
            try {
                store.record(outletId, url, how.label(), clock.instant(), s.window() * KEEP_FACTOR);
                var kept = store.kept().get(outletId);
                java.time.Instant since = kept == null ? null : kept.staleSince();
                Verdict v = policy.judge(pages(store.recent(outletId, s.window())), since);
                if (v.stale() && since == null) {
                    store.keep(outletId, v.since(), v.summary(), v.asOf());
                    log.warn("outlet={} extraction rules look stale since {} ({}): its pages may have changed markup",
                        outletId, RuleHealthText.time(v.since()), v.summary());
                } else if (!v.stale() && since != null && v.state() == RuleHealth.State.HEALTHY) {
                    store.keep(outletId, null, v.summary(), v.asOf());
                    log.info("outlet={} extraction rules healthy again ({}; stale since {})", outletId, v.summary(),
                        RuleHealthText.time(since));
                }
            } catch (RuntimeException e) {
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
