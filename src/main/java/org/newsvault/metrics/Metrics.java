package org.newsvault.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.newsvault.images.ImageSummary;
import org.newsvault.poll.FeedReport;
import org.newsvault.watch.RecheckSummary;

/**
 * The daemon's counters, fed by {@link #record} after every poll. Labelled by outlet (tens, not thousands,
 * so the series stay few). Thread-safe.
 */
public final class Metrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter polls = Counter.builder().name("newsvault_polls").labelNames("outlet", "result")
        .help("Feed polls by result: new (archived something), unchanged, failed").withoutExemplars().register(registry);
    private final Counter notModified = Counter.builder().name("newsvault_not_modified").labelNames("outlet")
        .help("Polls answered 304 Not Modified or with the same body as last time").withoutExemplars().register(registry);
    private final Counter articles = Counter.builder().name("newsvault_new_articles").labelNames("outlet")
        .help("Articles archived").withoutExemplars().register(registry);
    private final Counter duplicates = Counter.builder().name("newsvault_duplicates").labelNames("outlet")
        .help("Items recognised as an already archived story under another URL").withoutExemplars().register(registry);
    private final Counter extractionFailures = Counter.builder().name("newsvault_extraction_failures").labelNames("outlet")
        .help("Items whose article page could not be fetched or extracted").withoutExemplars().register(registry);
    private final Counter bytes = Counter.builder().name("newsvault_fetched_bytes").labelNames("outlet")
        .help("Bytes received for feeds and their article pages").withoutExemplars().register(registry);
    private final Histogram fetchSeconds = Histogram.builder().name("newsvault_feed_fetch_seconds").labelNames("outlet")
        .help("Time to fetch a feed document").classicOnly()
        .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60).withoutExemplars().register(registry);

    private final Counter rechecks = Counter.builder().name("newsvault_rechecks").labelNames("result")
        .help("Re-checks of archived articles by result").withoutExemplars().register(registry);

    public void record(RecheckSummary s) {
        rechecks.labelValues("unchanged").inc(s.unchanged());
        rechecks.labelValues("edited").inc(s.edited());
        rechecks.labelValues("deleted").inc(s.deleted());
        rechecks.labelValues("awaiting_confirmation").inc(s.missing());
        rechecks.labelValues("unreachable").inc(s.unreachable());
        rechecks.labelValues("error").inc(s.errors());
    }

    private final Counter images = Counter.builder().name("newsvault_image_fetches").labelNames("result")
        .help("Image rows settled by the image worker, by result: stored, too_large, not_image, failed, gone")
        .withoutExemplars().register(registry);
    private final Counter imageBytes = Counter.builder().name("newsvault_image_fetched_bytes")
        .help("Bytes of images fetched and kept (new blobs only)").withoutExemplars().register(registry);

    public void record(ImageSummary s) {
        images.labelValues("stored").inc(s.stored());
        images.labelValues("too_large").inc(s.tooLarge());
        images.labelValues("not_image").inc(s.notImage());
        images.labelValues("failed").inc(s.failed());
        images.labelValues("gone").inc(s.gone());
        imageBytes.inc(s.bytes());
    }

    public void record(FeedReport r) {
        String o = r.outletId();
        polls.labelValues(o, r.result().name().toLowerCase(java.util.Locale.ROOT)).inc();
        if (r.notModified()) notModified.labelValues(o).inc();
        articles.labelValues(o).inc(r.archived());
        duplicates.labelValues(o).inc(r.duplicates());
        extractionFailures.labelValues(o).inc(r.extractionFailed());
        bytes.labelValues(o).inc(r.bytes());
        if (r.fetchTime() != null) fetchSeconds.labelValues(o).observe(r.fetchTime().toNanos() / 1e9);
    }

    /** Where gauges read at scrape time register (see {@link StoreMetrics}). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Prometheus text format 0.0.4. */
    public void write(OutputStream out) throws IOException {
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    }

    public String text() {
        var out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
