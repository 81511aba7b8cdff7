package org.newsvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    @Test
    void everyNodeIsASeriesOfEachGauge() {
        Metrics m = new Metrics();
        NodeMetrics.register(m, () -> List.of(new NodeMetrics.Sample("alpha", true, 3, 120, 57),
            new NodeMetrics.Sample("beta", false, 95, 0, 12)));
        String text = m.text();
        assertThat(text).contains("newsvault_node_alive{node=\"alpha\"} 1.0").contains("newsvault_node_alive{node=\"beta\"} 0.0")
            .contains("newsvault_node_heartbeat_age_seconds{node=\"beta\"} 95.0")
            .contains("newsvault_node_feeds_owned{node=\"alpha\"} 120.0").contains("newsvault_node_polls{node=\"beta\"} 12.0");
    }
}
