package org.newsvault.search;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One search: the user's text (see {@link QueryParsing} for the syntax and its bounds), filters and a
 * page. Outlets and statuses filter exactly (empty: any); {@code from} is inclusive, {@code until}
 * exclusive, either may be null. Blank text lists every article the filters let through.
 */
public record SearchQuery(String text, Set<String> outlets, Instant from, Instant until, Set<String> statuses,
                          Order order, int offset, int limit) {
    public enum Order { RELEVANCE, NEWEST }

    public static final int DEFAULT_LIMIT = 20;

    public SearchQuery {
        text = Objects.requireNonNullElse(text, "");
        outlets = outlets == null ? Set.of() : Set.copyOf(outlets);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        order = Objects.requireNonNullElse(order, Order.RELEVANCE);
    }

    /** The text alone: relevance order, the first page. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), null, null, Set.of(), Order.RELEVANCE, 0, DEFAULT_LIMIT);
    }

    public SearchQuery withOutlets(Set<String> o) {
        return new SearchQuery(text, o, from, until, statuses, order, offset, limit);
    }

    public SearchQuery withPublished(Instant fromInclusive, Instant untilExclusive) {
        return new SearchQuery(text, outlets, fromInclusive, untilExclusive, statuses, order, offset, limit);
    }

    public SearchQuery withStatuses(Set<String> s) {
        return new SearchQuery(text, outlets, from, until, s, order, offset, limit);
    }

    public SearchQuery withOrder(Order o) {
        return new SearchQuery(text, outlets, from, until, statuses, o, offset, limit);
    }

    public SearchQuery withPage(int pageOffset, int pageLimit) {
        return new SearchQuery(text, outlets, from, until, statuses, order, pageOffset, pageLimit);
    }
}
