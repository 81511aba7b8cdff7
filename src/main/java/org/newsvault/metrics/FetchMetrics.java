package org.newsvault.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.function.Supplier;
import org.newsvault.fetch.Frontier.HostLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch frontier's per-host queues, read when scraped: how many requests wait for each host, how many are in
 * flight, how long the oldest has waited, and totals of requests sent and time waited. A host whose queue keeps
 * growing is one whose politeness (per-host, per-host-gap, its Retry-After) is slower than the work given to it.
 */
public final class FetchMetrics {
    private static final Logger log = LoggerFactory.getLogger(FetchMetrics.class);

    private FetchMetrics() {}

    public static void register(Metrics metrics, Supplier<List<HostLoad>> loads) {
        var registry = metrics.registry();
        GaugeWithCallback.builder().name("newsvault_host_queue_depth").labelNames("host")
            .help("Requests waiting for the host's turn (queued, or a retry not yet due)")
            .callback(cb -> each(loads, l -> cb.call(l.waiting(), l.host()))).register(registry);
        GaugeWithCallback.builder().name("newsvault_host_in_flight").labelNames("host")
            .help("Requests to the host being sent or read now")
            .callback(cb -> each(loads, l -> cb.call(l.inFlight(), l.host()))).register(registry);
        GaugeWithCallback.builder().name("newsvault_host_oldest_wait_seconds").labelNames("host")
            .help("How long the host's oldest waiting request has waited (0 when none waits)")
            .callback(cb -> each(loads, l -> cb.call(l.oldestWait().toNanos() / 1e9, l.host()))).register(registry);
        CounterWithCallback.builder().name("newsvault_host_requests").labelNames("host")
            .help("Requests sent to the host (each redirect hop and retry counts)")
            .callback(cb -> each(loads, l -> cb.call(l.served(), l.host()))).register(registry);
        CounterWithCallback.builder().name("newsvault_host_wait_seconds").labelNames("host")
            .help("Time the host's requests spent waiting for their turn, summed")
            .callback(cb -> each(loads, l -> cb.call(l.totalWait().toNanos() / 1e9, l.host()))).register(registry);
    }

    private static void each(Supplier<List<HostLoad>> loads, java.util.function.Consumer<HostLoad> sink) {
        try {
            loads.get().forEach(sink);
        } catch (RuntimeException e) {
            log.debug("metrics: {}", e.getMessage());
        }
    }
}
