package org.newsvault.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The archive as its readers see it: the queries behind the reading room's pages, its feeds out and the CLI's
 * {@code list} and {@code show}. Read-only; every limit is bounded by the caller's page size (at most
 * {@link #MAX_PAGE}). The article's own parts (row, sightings, revisions, status events) come from
 * {@link ArticleRepository}, {@link RevisionRepository} and {@link WatchRepository}; {@link #article} gathers them.
 *
 * <p>SKELETON (branch h-read12): signatures agreed between the read side and the web side; helper read12 fills
 * the bodies. Nothing here may reach main while a body still throws.
 */
public final class Reading {
    /** The largest page any caller may ask for (hostile {@code ?limit=} values are clamped to it). */
    public static final int MAX_PAGE = 200;

    /** One article in a listing. {@code when} is its published time, or its fetch time when it has none. */
    public record Listed(long id, String outletId, String title, String author, Instant when, Instant fetchedAt,
                         String url, String status, String bodyKind) {}

    /** A page of a listing: {@code total} matches in all, these {@code items} from {@code offset}. */
    public record Page<T>(List<T> items, long total, int offset, int limit) {
        public boolean hasNext() {
            return offset + items.size() < total;
        }
    }

    /**
     * What a listing selects: null fields select everything. {@code since} inclusive, {@code until} exclusive,
     * both on {@link Listed#when}; {@code status} is the article status ({@code live}, {@code edited},
     * {@code deleted}, …) or null.
     */
    public record ListFilter(String outletId, Instant since, Instant until, String status) {
        public static final ListFilter ALL = new ListFilter(null, null, null, null);
    }

    /** Articles of one day, and their number. */
    public record DayCount(LocalDate day, long articles) {}

    /** What the censorship watch lists. */
    public enum ChangeKind {
        /** A new version was recorded (status event {@code edited}). */
        EDITED,
        /** The page is gone (status {@code deleted}, {@code gone} or what the watch records for a deletion). */
        DELETED,
        /** A deleted article came back ({@code restored}/{@code live} after a deletion). */
        RETURNED
    }

    /** Which changes: null or empty fields select everything; {@code since} inclusive, {@code until} exclusive. */
    public record ChangeFilter(String outletId, Set<ChangeKind> kinds, Instant since, Instant until) {
        public static final ChangeFilter ALL = new ChangeFilter(null, Set.of(), null, null);
    }

    /** One change with its kind. */
    public record Change(ChangeKind kind, ChangeRow row) {}

    /** Everything the article page shows. */
    public record Detail(ArticleRow row, List<ArticleRepository.Sighting> sightings, List<RevisionRow> revisions,
                         List<StatusEvent> events) {}

    private final Database db;

    public Reading(Database db) {
        this.db = db;
    }

    /** Newest first (by {@link Listed#when}, then id). */
    public Page<Listed> list(ListFilter filter, int offset, int limit) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** Every article whose {@link Listed#when} falls on {@code day} in {@code zone}, newest first, at most {@link #MAX_PAGE} × 10. */
    public List<Listed> day(LocalDate day, ZoneId zone) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** The days with articles of one outlet (all outlets when null), newest first, with their counts, at most {@code limit}. */
    public List<DayCount> days(String outletId, ZoneId zone, int limit) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** Articles archived (fetched) since {@code since}, per outlet id: the home page's "today". */
    public Map<String, Long> archivedSince(Instant since) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** Newest first (by the event's time). */
    public Page<Change> changes(ChangeFilter filter, int offset, int limit) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** The article with its sightings, revisions (oldest first) and status events (oldest first). */
    public Optional<Detail> article(long id) {
        throw new UnsupportedOperationException("h-read12");
    }

    /** The article archived under {@code url} (any URL it was seen under, compared canonically). */
    public Optional<Long> idOf(String url) {
        throw new UnsupportedOperationException("h-read12");
    }
}
