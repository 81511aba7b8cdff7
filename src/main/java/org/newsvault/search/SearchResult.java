package org.newsvault.search;

import java.util.List;

/**
 * One page of hits. {@code total} is exact when {@code totalExact}; past {@link SearchIndex#COUNT_EXACT_UP_TO}
 * matches it is a lower bound (counting every match of a common word in a million articles is work
 * nobody reads), which a pager shows as "more than".
 */
public record SearchResult(long total, boolean totalExact, int offset, int limit, List<SearchHit> hits) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    public boolean hasMore() {
        return offset + hits.size() < total;
    }
}
