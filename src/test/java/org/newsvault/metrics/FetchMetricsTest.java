package org.newsvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsvault.fetch.Frontier.HostLoad;

class FetchMetricsTest {
    @Test
    void eachHostsQueueIsAGaugeReadWhenScraped() {
        Metrics m = new Metrics();
        List<HostLoad> loads = new ArrayList<>();
        FetchMetrics.register(m, () -> loads);
        loads.add(new HostLoad("www.rfa.org", 48, 2, Duration.ofMillis(11_750), 12, Duration.ofSeconds(30)));

        String text = m.text();
        assertThat(text).contains("newsvault_host_queue_depth{host=\"www.rfa.org\"} 48.0")
            .contains("newsvault_host_in_flight{host=\"www.rfa.org\"} 2.0")
            .contains("newsvault_host_oldest_wait_seconds{host=\"www.rfa.org\"} 11.75")
            .contains("newsvault_host_requests_total{host=\"www.rfa.org\"} 12.0")
            .contains("newsvault_host_wait_seconds_total{host=\"www.rfa.org\"} 30.0");

        loads.set(0, new HostLoad("www.rfa.org", 0, 0, Duration.ZERO, 62, Duration.ofSeconds(31)));
        assertThat(m.text()).contains("newsvault_host_queue_depth{host=\"www.rfa.org\"} 0.0")
            .contains("newsvault_host_requests_total{host=\"www.rfa.org\"} 62.0");
    }

    @Test
    void aFailingSourceLeavesTheSeriesOutInsteadOfFailingTheScrape() {
        Metrics m = new Metrics();
        FetchMetrics.register(m, () -> {
            throw new IllegalStateException("closed");
        });
        assertThat(m.text()).doesNotContain("host=");
    }
}
