package org.newsvault.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.newsvault.config.Settings;
import org.newsvault.model.FeedState;
import org.newsvault.store.Database;
import org.newsvault.store.FeedRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the database when scraped, so they are right even for what happened before this
 * process started: per-feed age of the last success and error streak, article counts, revisions, deletions.
 * The counts are the store's (no SQL here); a count that cannot be read is left out of that scrape.
 */
public final class StoreMetrics {
    private static final Logger log = LoggerFactory.getLogger(StoreMetrics.class);

    private StoreMetrics() {}

    public static void register(Metrics metrics, Database db, FeedRepository feeds, Supplier<Settings> settings, Clock clock) {
        var registry = metrics.registry();
        GaugeWithCallback.builder().name("newsvault_feed_seconds_since_success").labelNames("outlet", "feed")
            .help("Seconds since the feed was last polled successfully (absent until it first succeeds)")
            .callback(cb -> {
                for (FeedState s : configured(feeds, settings.get())) {
                    if (s.lastSuccessAt() != null) {
                        cb.call(Duration.between(s.lastSuccessAt(), clock.instant()).toMillis() / 1000.0, s.outletId(), s.url());
                    }
                }
            }).register(registry);
        GaugeWithCallback.builder().name("newsvault_feed_error_streak").labelNames("outlet", "feed")
            .help("Consecutive failed polls of the feed (0 when the last poll succeeded)")
            .callback(cb -> {
                for (FeedState s : configured(feeds, settings.get())) cb.call(s.errorCount(), s.outletId(), s.url());
            }).register(registry);
        var articles = new org.newsvault.store.ArticleRepository(db);
        var revisions = new org.newsvault.store.RevisionRepository(db);
        GaugeWithCallback.builder().name("newsvault_articles").help("Articles in the archive")
            .callback(cb -> count(articles::count, cb::call)).register(registry);
        GaugeWithCallback.builder().name("newsvault_deleted_articles")
            .help("Archived articles the outlet has deleted since (status deleted)")
            .callback(cb -> count(articles::countDeleted, cb::call))
            .register(registry);
        CounterWithCallback.builder().name("newsvault_revisions")
            .help("Article revisions recorded after the first version (revision rows with n > 1)")
            .callback(cb -> count(revisions::countFound, cb::call))
            .register(registry);
        var images = new org.newsvault.store.ImageRepository(db);
        GaugeWithCallback.builder().name("newsvault_images").labelNames("state")
            .help("Article images by state: pending, stored, too_large, not_image, failed, gone (an image two articles"
                + " show counts twice)")
            .callback(cb -> {
                var counts = imageCounts(images);
                if (counts == null) return;
                for (var st : org.newsvault.model.ImageState.values()) cb.call(counts.of(st), st.name().toLowerCase(java.util.Locale.ROOT));
            }).register(registry);
        GaugeWithCallback.builder().name("newsvault_image_bytes")
            .help("Bytes of the distinct stored images (each blob once, however many articles show it)")
            .callback(cb -> {
                var counts = imageCounts(images);
                if (counts != null) cb.call(counts.storedBytes());
            }).register(registry);
    }

    private static org.newsvault.store.ImageRepository.Counts imageCounts(org.newsvault.store.ImageRepository images) {
        try {
            return images.counts();
        } catch (RuntimeException e) {
            log.debug("metrics: {}", e.getMessage());
            return null;
        }
    }

    private static Iterable<FeedState> configured(FeedRepository feeds, Settings settings) {
        Set<String> enabled = new HashSet<>();
        settings.outlets().forEach(o -> o.feeds().forEach(f -> {
            if (f.enabled()) enabled.add(o.id() + " " + f.url());
        }));
        try {
            return feeds.all().stream().filter(s -> enabled.contains(s.outletId() + " " + s.url())).toList();
        } catch (RuntimeException e) {
            log.debug("metrics: {}", e.getMessage());
            return java.util.List.of();
        }
    }

    private interface Sink {
        void call(double value, String... labels);
    }

    /** A count from the store; a failed read leaves the metric out of this scrape. */
    private static void count(java.util.function.LongSupplier read, Sink sink) {
        try {
            sink.call(read.getAsLong());
        } catch (RuntimeException e) {
            log.debug("metrics: {}", e.getMessage());
        }
    }
}
