package org.newsvault.images;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.Original;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.ImageRepository.NewImage;
import org.newsvault.store.ImageRepository.Unlisted;
import org.newsvault.store.OriginalRepository;

/**
 * {@code newsvault images fetch}: the images of articles that have none listed (imported ones, or archived before
 * images were kept). First the rows due of an earlier run that was stopped, then the unlisted articles batch by batch:
 * each batch's images are listed (leased to this run, so a running daemon's worker leaves them to it) and fetched
 * before the next batch is listed. Resumable: the rows are the progress, so a run stopped at any point goes on where
 * it was. An outlet with {@code images: false} is passed over.
 */
public final class ImageBackfill {
    static final int ARTICLES = 50;

    /** What a run did. {@code withoutImages}: articles listed that show none (nothing to fetch). */
    public record Result(long articles, long withoutImages, long skipped, ImageSummary images) {
        public String line() {
            return articles + " articles looked at (" + withoutImages + " without images" + (skipped > 0 ? ", " + skipped
                + " of outlets with images: false passed over" : "") + "); images: " + images.line();
        }
    }

    private final ImageRepository rows;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final ImageFetcher fetcher;
    private final ImageLister lister;
    private final Clock clock;

    public ImageBackfill(ImageRepository rows, OriginalRepository originalRows, OriginalStore originals,
                         ImageFetcher fetcher, ImageLister lister, Clock clock) {
        this.rows = rows;
        this.originalRows = originalRows;
        this.originals = originals;
        this.fetcher = fetcher;
        this.lister = lister;
        this.clock = clock;
    }

    /** Articles a run would look at (a progress bar's total). */
    public long count(String outletId) {
        return rows.countUnlisted(outletId);
    }

    /**
     * @param onArticles told how many articles each batch handled
     */
    public Result run(String outletId, BooleanSupplier stop, LongConsumer onArticles, ImageFetcher.Listener listener) {
        ImageSummary images = fetcher.fetchAllDue(outletId, stop, listener);
        long articles = 0;
        long without = 0;
        long skipped = 0;
        long after = 0;
        while (!stop.getAsBoolean()) {
            List<Unlisted> batch = rows.unlisted(outletId, after, ARTICLES);
            if (batch.isEmpty()) break;
            after = batch.get(batch.size() - 1).id();
            Instant now = clock.instant();
            List<Long> listed = new ArrayList<>();
            for (Unlisted a : batch) {
                if (!lister.keeps(a.outletId())) {
                    skipped++;
                    continue;
                }
                List<NewImage> refs = ImageLister.refs(a.body(), a.canonicalUrl(), leadImage(a));
                if (refs.isEmpty()) {
                    without++;
                    continue;
                }
                rows.add(a.id(), refs, lister.maxCount(), now, now.plus(ImageFetcher.LEASE));
                listed.add(a.id());
            }
            articles += batch.size();
            if (!listed.isEmpty()) {
                images = images.plus(fetcher.fetch(rows.takeOfArticles(listed, clock.instant(), ImageFetcher.LEASE), stop,
                    listener));
            }
            onArticles.accept(batch.size());
        }
        return new Result(articles, without, skipped, images);
    }

    /** The lead image of the page the article was read from, when its original is a kept page. */
    private String leadImage(Unlisted a) {
        if (a.originalId() == null) return null;
        try {
            Original o = originalRows.find(a.originalId()).orElse(null);
            byte[] page = originals.page(o).orElse(null);
            return page == null ? null : LeadImage.of(page, java.net.URI.create(o.url()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
