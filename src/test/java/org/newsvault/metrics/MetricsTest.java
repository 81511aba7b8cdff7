package org.newsvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.FeedReport.Result;

class MetricsTest {
    static FeedReport report(String outlet, Result r, int archived, int dup, boolean notModified, int extractionFailed,
                             long millis, long bytes) {
        return new FeedReport(outlet, "https://x/" + outlet, r, archived, dup, 0, notModified, extractionFailed, List.of(),
            r == Result.FAILED ? "HTTP 500" : null, Duration.ofMillis(millis), bytes);
    }

    @Test
    void countsEveryReport() {
        Metrics m = new Metrics();
        m.record(report("rfa", Result.NEW, 3, 1, false, 1, 120, 5000));
        m.record(report("rfa", Result.UNCHANGED, 0, 0, true, 0, 40, 0));
        m.record(report("rfa", Result.UNCHANGED, 0, 0, true, 0, 30, 0));
        m.record(report("dw", Result.FAILED, 0, 0, false, 0, 3000, 0));
        String text = m.text();
        assertThat(text)
            .contains("# TYPE newsvault_polls_total counter")
            .contains("newsvault_polls_total{outlet=\"rfa\",result=\"new\"} 1.0")
            .contains("newsvault_polls_total{outlet=\"rfa\",result=\"unchanged\"} 2.0")
            .contains("newsvault_polls_total{outlet=\"dw\",result=\"failed\"} 1.0")
            .contains("newsvault_not_modified_total{outlet=\"rfa\"} 2.0")
            .contains("newsvault_new_articles_total{outlet=\"rfa\"} 3.0")
            .contains("newsvault_duplicates_total{outlet=\"rfa\"} 1.0")
            .contains("newsvault_extraction_failures_total{outlet=\"rfa\"} 1.0")
            .contains("newsvault_fetched_bytes_total{outlet=\"rfa\"} 5000.0")
            .contains("newsvault_feed_fetch_seconds_bucket{outlet=\"rfa\",le=\"0.05\"} 2")
            .contains("newsvault_feed_fetch_seconds_bucket{outlet=\"dw\",le=\"2.5\"} 0")
            .contains("newsvault_feed_fetch_seconds_count{outlet=\"rfa\"} 3");
    }
}
