package org.newsvault.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.function.Supplier;

/**
 * The nodes sharing the database, read when scraped (each node's {@code /metrics} shows all of them, as its
 * database sees them): alive or not, heartbeat age, feeds owned, polls done.
 */
public final class NodeMetrics {
    /** One node at scrape time. */
    public record Sample(String name, boolean alive, long heartbeatAgeSeconds, int feedsOwned, long polls) {}

    private NodeMetrics() {}

    public static void register(Metrics metrics, Supplier<List<Sample>> nodes) {
        var registry = metrics.registry();
        GaugeWithCallback.builder().name("newsvault_node_alive").labelNames("node")
            .help("1 while the node's heartbeat is fresh and it has not stopped, else 0")
            .callback(cb -> nodes.get().forEach(n -> cb.call(n.alive() ? 1 : 0, n.name()))).register(registry);
        GaugeWithCallback.builder().name("newsvault_node_heartbeat_age_seconds").labelNames("node")
            .help("Seconds since the node's last heartbeat")
            .callback(cb -> nodes.get().forEach(n -> cb.call(n.heartbeatAgeSeconds(), n.name()))).register(registry);
        GaugeWithCallback.builder().name("newsvault_node_feeds_owned").labelNames("node")
            .help("Enabled feeds the node polls now (0 for a dead node)")
            .callback(cb -> nodes.get().forEach(n -> cb.call(n.feedsOwned(), n.name()))).register(registry);
        GaugeWithCallback.builder().name("newsvault_node_polls").labelNames("node")
            .help("Feed polls the node has finished since its name was first seen")
            .callback(cb -> nodes.get().forEach(n -> cb.call(n.polls(), n.name()))).register(registry);
    }
}
