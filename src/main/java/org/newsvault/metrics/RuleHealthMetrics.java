package org.newsvault.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.time.Clock;
import java.util.function.Supplier;
import org.newsvault.config.Settings;
import org.newsvault.extract.Extraction;
import org.newsvault.poll.RuleHealthMonitor;
import org.newsvault.store.ExtractionOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule health in {@code /metrics}: {@code newsvault_extraction_rules_stale{outlet}} (1 stale, 0 not; an outlet
 * without enough pages yet is left out), read from the store when scraped, so it holds what was judged before
 * this process started; {@code newsvault_extractions_total{outlet,outcome}}, the pages this process extracted
 * by {@link Extraction}.
 */
public final class RuleHealthMetrics {
    private static final Logger log = LoggerFactory.getLogger(RuleHealthMetrics.class);

    private RuleHealthMetrics() {}

    public static void register(Metrics metrics, ExtractionOutcomes store, RuleHealthMonitor monitor,
                                Supplier<Settings> settings, Clock clock) {
        var registry = metrics.registry();
        GaugeWithCallback.builder().name("newsvault_extraction_rules_stale").labelNames("outlet")
            .help("1 when more than extraction.stale-share of the outlet's last extraction.window pages missed its"
                + " content selector, came out short or gave no body; 0 otherwise")
            .callback(cb -> {
                try {
                    RuleHealthMonitor.verdicts(store, settings.get().extraction(), clock).forEach((outlet, v) -> {
                        if (v.state() != org.newsvault.extract.RuleHealth.State.UNKNOWN) cb.call(v.stale() ? 1 : 0, outlet);
                    });
                } catch (RuntimeException e) {
                    log.debug("metrics: {}", e.getMessage());
                }
            }).register(registry);
        CounterWithCallback.builder().name("newsvault_extractions").labelNames("outlet", "outcome")
            .help("Article pages extracted, by how the body was found: selector_matched, selector_missed, generic,"
                + " generic_short, nothing")
            .callback(cb -> monitor.counts().forEach((outlet, per) ->
                per.forEach((how, n) -> cb.call(n, outlet, how.label())))).register(registry);
    }
}
