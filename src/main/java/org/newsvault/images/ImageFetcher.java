package org.newsvault.images;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.newsvault.archive.OriginalStore;
import org.newsvault.config.ImageSettings;
import org.newsvault.config.Settings;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.fetch.FetcherStoppedException;
import org.newsvault.fetch.Priority;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageState;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.ImageRepository.Due;
import org.newsvault.store.OriginalRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches listed images and records each row's end. Requests go through the shared fetcher at
 * {@link Priority#IMAGE}, the lowest: a host serves its feeds, pages and re-checks first, so images never hold up a
 * poll, and the per-host limits and the address policy (no loopback, private or link-local address unless the config
 * allows it) hold for them as for everything else. Each body is checked while it streams: its first bytes must be
 * JPEG, PNG, GIF, WebP or AVIF ({@link ImageSniffer}; SVG refused), and it is cut at the per-image cap, or at what
 * the article's cap has left if that is less.
 *
 * <p>One URL is fetched once: rows of several articles naming it share the request, and a URL some row already
 * STORED is not fetched again (its blob is named). The bytes are a content-addressed original of kind {@code image}:
 * the blob is written, fsynced and renamed before the transaction that inserts its original row and marks the rows
 * STORED, so a kill at any moment leaves no STORED row without its blob (at worst a blob no row names yet, and the
 * rows still due: fetched again, the blob is reused).
 *
 * <p>Transient failures are FAILED and due again with backoff ({@link #retryDelay}) up to {@link #MAX_ATTEMPTS};
 * 404/410 are GONE. Rows are taken with a lease ({@link ImageRepository#takeDue}): a daemon's worker and an
 * {@code images fetch} never fetch the same row, and rows a killed process held are due again when it ends.
 * Results are handled on the caller's thread (never on a fetch thread), so all database and disk work is in one
 * place. Not thread-safe: one caller at a time per instance.
 */
public final class ImageFetcher {
    private static final Logger log = LoggerFactory.getLogger(ImageFetcher.class);
    /** Rows taken at once. */
    static final int BATCH = 64;
    /** Requests queued on the fetcher at once: enough to keep every host's permits busy, bounded in memory. */
    static final int IN_FLIGHT = 16;
    static final Duration LEASE = Duration.ofMinutes(15);
    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_RETRY = Duration.ofMinutes(10);
    static final Duration MAX_RETRY = Duration.ofDays(1);
    /** When an outlet no longer keeps images, its rows are looked at again after this (the setting may return). */
    static final Duration OUTLET_OFF = Duration.ofHours(1);
    /** A URL found gone, not an image or too large is taken at its word for other articles this long. */
    static final Duration SETTLED_FOR = Duration.ofDays(1);

    /** Progress of a run, per URL handled (for a progress bar). */
    public interface Listener {
        Listener NONE = (url, state, rows) -> {};

        void done(String url, ImageState state, int rows);
    }

    private final ImageRepository rows;
    private final OriginalStore originals;
    private final Fetcher fetcher;
    private final Supplier<Settings> settings;
    private final Clock clock;

    public ImageFetcher(ImageRepository rows, OriginalStore originals, Fetcher fetcher, Supplier<Settings> settings,
                        Clock clock) {
        this.rows = rows;
        this.originals = originals;
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes and fetches one batch of due rows; {@link ImageSummary#EMPTY} when none is due. */
    public ImageSummary fetchDueBatch(BooleanSupplier stop, Listener listener) {
        return fetchDueBatch(null, stop, listener);
    }

    /** {@link #fetchDueBatch} of one outlet's articles ({@code outletId} null: any). */
    public ImageSummary fetchDueBatch(String outletId, BooleanSupplier stop, Listener listener) {
        List<Due> due = rows.takeDue(clock.instant(), BATCH, LEASE, outletId);
        return due.isEmpty() ? ImageSummary.EMPTY : fetch(due, stop, listener);
    }

    /** Fetches due rows batch after batch until none is due or {@code stop} says so. */
    public ImageSummary fetchAllDue(BooleanSupplier stop, Listener listener) {
        return fetchAllDue(null, stop, listener);
    }

    /** {@link #fetchAllDue} of one outlet's articles ({@code outletId} null: any). */
    public ImageSummary fetchAllDue(String outletId, BooleanSupplier stop, Listener listener) {
        ImageSummary total = ImageSummary.EMPTY;
        while (!stop.getAsBoolean()) {
            ImageSummary s = fetchDueBatch(outletId, stop, listener);
            if (s.rows() == 0) break;
            total = total.plus(s);
            if (s.rows() == s.released()) break; // nothing but rows left for later: they are not due again now
        }
        return total;
    }

    /** One URL to fetch and the rows that name it. */
    private record Group(String url, List<Due> rows, String proxy) {}

    private record Done(Group group, FetchResult result, Throwable failure) {}

    /** Fetches {@code taken} (rows leased to this caller); rows not reached when {@code stop} says so are released. */
    public ImageSummary fetch(List<Due> taken, BooleanSupplier stop, Listener listener) {
        ImageSettings limits = settings.get().images();
        Map<Long, Long> used = new HashMap<>(); // article id -> bytes of its stored images, as this run goes
        ImageSummary sum = ImageSummary.EMPTY;
        Map<String, List<Due>> byUrl = new LinkedHashMap<>();
        for (Due d : taken) byUrl.computeIfAbsent(d.image().url(), k -> new ArrayList<>()).add(d);
        List<Group> todo = new ArrayList<>();
        for (var e : byUrl.entrySet()) {
            List<Due> keep = new ArrayList<>();
            List<Long> off = new ArrayList<>();
            String proxy = null;
            for (Due d : e.getValue()) {
                var outlet = settings.get().outlet(d.outletId());
                // An outlet not in the config (imported articles) keeps its images: the default.
                if (outlet.isEmpty() || outlet.get().images()) {
                    keep.add(d);
                    if (outlet.isPresent()) proxy = outlet.get().proxy();
                } else {
                    off.add(d.id());
                }
            }
            if (!off.isEmpty()) {
                rows.release(off, clock.instant().plus(OUTLET_OFF));
                sum = sum.plus(ImageState.PENDING, off.size(), false, 0);
            }
            if (!keep.isEmpty()) todo.add(new Group(e.getKey(), keep, proxy));
        }
        LinkedBlockingQueue<Done> finished = new LinkedBlockingQueue<>();
        int next = 0;
        int inFlight = 0;
        while (next < todo.size() || inFlight > 0) {
            while (inFlight < IN_FLIGHT && next < todo.size() && !stop.getAsBoolean()) {
                Group g = todo.get(next++);
                Long cap = capFor(g, limits, used);
                ArticleImage stored = cap == null ? null : rows.storedUrl(g.url()).filter(s -> originals.has(s.sha256()))
                    .orElse(null);
                ArticleImage settled = cap == null || stored != null ? null
                    : rows.settledUrl(g.url(), clock.instant().minus(SETTLED_FOR)).orElse(null);
                if (settled != null) {
                    sum = end(g, settled.state(), settled.bytes(), settled.reason(), null, sum, listener);
                    continue;
                }
                if (cap == null || stored != null) {
                    sum = stored != null ? storeKnown(g, stored, limits, used, sum, listener)
                        : end(g, ImageState.TOO_LARGE, 0, "the article's images reached images.max-per-article ("
                            + ImageSummary.size(limits.maxPerArticle()) + ")", null, sum, listener);
                    continue;
                }
                URI uri;
                try {
                    uri = FetchRequest.uri(g.url());
                } catch (FetchException e) {
                    sum = failed(g, e, sum, listener);
                    continue;
                }
                inFlight++;
                fetcher.submit(FetchRequest.resource(uri, g.proxy(), cap, ImageSniffer.INSTANCE), Priority.IMAGE)
                    .whenComplete((r, t) -> finished.add(new Done(g, r,
                        t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t)));
            }
            if (next < todo.size() && stop.getAsBoolean()) {
                List<Long> left = new ArrayList<>();
                for (Group g : todo.subList(next, todo.size())) g.rows().forEach(d -> left.add(d.id()));
                rows.release(left, clock.instant());
                sum = sum.plus(ImageState.PENDING, left.size(), false, 0);
                next = todo.size();
            }
            if (inFlight == 0) continue;
            Done d;
            try {
                d = finished.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (d == null) continue;
            inFlight--;
            sum = handle(d, limits, used, sum, listener);
        }
        return sum;
    }

    /**
     * The request's cap: the per-image cap, or the most any of the group's articles has left if less; null when none
     * has anything left (their rows are TOO_LARGE without a request).
     */
    private Long capFor(Group g, ImageSettings limits, Map<Long, Long> used) {
        long room = 0;
        for (Due d : g.rows()) room = Math.max(room, limits.maxPerArticle() - used(d.image().articleId(), used));
        return room <= 0 ? null : Math.min(limits.maxBytes(), room);
    }

    private long used(long articleId, Map<Long, Long> used) {
        return used.computeIfAbsent(articleId, rows::storedBytes);
    }

    private ImageSummary handle(Done d, ImageSettings limits, Map<Long, Long> used, ImageSummary sum, Listener listener) {
        Group g = d.group();
        if (d.failure() != null) {
            if (d.failure() instanceof FetcherStoppedException) {
                List<Long> ids = g.rows().stream().map(Due::id).toList();
                rows.release(ids, clock.instant());
                listener.done(g.url(), ImageState.PENDING, ids.size());
                return sum.plus(ImageState.PENDING, ids.size(), false, 0);
            }
            if (d.failure() instanceof FetchException fe) return failed(g, fe, sum, listener);
            return end(g, ImageState.FAILED, 0, "internal error: " + d.failure(), retryAt(g, null), sum, listener);
        }
        FetchResult r = d.result();
        byte[] body = r.body();
        String type = ImageSniffer.type(body, Math.min(body.length, ImageSniffer.PREFIX));
        if (type == null) {
            return end(g, ImageState.NOT_IMAGE, body.length,
                ImageSniffer.refusal(body, Math.min(body.length, ImageSniffer.PREFIX)), null, sum, listener);
        }
        OriginalStore.Blob blob;
        try {
            blob = originals.saveBlob(body);
        } catch (IOException e) {
            return end(g, ImageState.FAILED, body.length, "cannot keep the image: " + e.getMessage(), retryAt(g, null),
                sum, listener);
        }
        List<Long> fit = new ArrayList<>();
        List<Long> over = new ArrayList<>();
        for (Due row : g.rows()) {
            long articleId = row.image().articleId();
            if (used(articleId, used) + body.length <= limits.maxPerArticle()) {
                fit.add(row.id());
                used.merge(articleId, (long) body.length, Long::sum);
            } else {
                over.add(row.id());
            }
        }
        Instant at = r.fetchedAt();
        if (!fit.isEmpty()) {
            rows.store(fit, new OriginalRepository.NewOriginal(blob.sha256(), r.finalUrl().toString(), r.status(),
                r.headers(), type, at, body.length, "image"), null, blob.sha256(), type, body.length, at);
            listener.done(g.url(), ImageState.STORED, fit.size());
            sum = sum.plus(ImageState.STORED, fit.size(), true, blob.existed() ? 0 : body.length);
        }
        if (!over.isEmpty()) {
            rows.finish(over, ImageState.TOO_LARGE, body.length, "past what images.max-per-article ("
                + ImageSummary.size(limits.maxPerArticle()) + ") left for the article", at, null);
            listener.done(g.url(), ImageState.TOO_LARGE, over.size());
            sum = sum.plus(ImageState.TOO_LARGE, over.size(), false, 0);
        }
        return sum;
    }

    /** Rows whose URL another row STORED already: they name its blob and original, without a request. */
    private ImageSummary storeKnown(Group g, ArticleImage stored, ImageSettings limits, Map<Long, Long> used,
                                    ImageSummary sum, Listener listener) {
        List<Long> fit = new ArrayList<>();
        List<Long> over = new ArrayList<>();
        for (Due row : g.rows()) {
            long articleId = row.image().articleId();
            if (used(articleId, used) + stored.bytes() <= limits.maxPerArticle()) {
                fit.add(row.id());
                used.merge(articleId, stored.bytes(), Long::sum);
            } else {
                over.add(row.id());
            }
        }
        if (!fit.isEmpty()) {
            rows.store(fit, null, stored.originalId(), stored.sha256(), stored.contentType(), stored.bytes(),
                stored.fetchedAt());
            listener.done(g.url(), ImageState.STORED, fit.size());
            sum = sum.plus(ImageState.STORED, fit.size(), false, 0);
        }
        if (!over.isEmpty()) {
            rows.finish(over, ImageState.TOO_LARGE, stored.bytes(), "past what images.max-per-article left for the"
                + " article", clock.instant(), null);
            listener.done(g.url(), ImageState.TOO_LARGE, over.size());
            sum = sum.plus(ImageState.TOO_LARGE, over.size(), false, 0);
        }
        return sum;
    }

    private ImageSummary failed(Group g, FetchException e, ImageSummary sum, Listener listener) {
        return switch (e.kind()) {
            case TOO_LARGE -> end(g, ImageState.TOO_LARGE, 0, e.getMessage(), null, sum, listener);
            case UNWANTED -> end(g, ImageState.NOT_IMAGE, 0, e.getMessage(), null, sum, listener);
            case NOT_FOUND -> end(g, ImageState.GONE, 0, e.getMessage(), null, sum, listener);
            default -> end(g, ImageState.FAILED, 0, e.getMessage(), retryAt(g, e.retryAfter()), sum, listener);
        };
    }

    /** When the group is due again after this failure; null once it has had {@link #MAX_ATTEMPTS}. */
    private Instant retryAt(Group g, Duration retryAfter) {
        int attempts = g.rows().stream().mapToInt(d -> d.image().attempts()).max().orElse(0) + 1;
        if (attempts >= MAX_ATTEMPTS) return null;
        Duration wait = retryDelay(attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) wait = retryAfter.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryAfter;
        return clock.instant().plus(wait);
    }

    /** After failure number {@code attempts} (1: the first): 10 min, 20 min, 40 min, ... at most a day. */
    static Duration retryDelay(int attempts) {
        long minutes = FIRST_RETRY.toMinutes() << Math.min(20, Math.max(0, attempts - 1));
        return minutes >= MAX_RETRY.toMinutes() ? MAX_RETRY : Duration.ofMinutes(minutes);
    }

    private ImageSummary end(Group g, ImageState state, long bytes, String reason, Instant next, ImageSummary sum,
                             Listener listener) {
        List<Long> ids = g.rows().stream().map(Due::id).toList();
        rows.finish(ids, state, bytes, reason, clock.instant(), next);
        if (state != ImageState.TOO_LARGE || bytes > 0) log.debug("image {}: {}: {}", g.url(), state, reason);
        listener.done(g.url(), state, ids.size());
        return sum.plus(state, ids.size(), false, 0);
    }
}
