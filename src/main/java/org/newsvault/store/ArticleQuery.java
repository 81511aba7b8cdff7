package org.newsvault.store;

import java.time.Instant;

/** Which articles to stream: all filters optional (null). Dates compare the publication (else fetch) time. */
public record ArticleQuery(String outletId, Instant since, Instant until) {
    public static final ArticleQuery ALL = new ArticleQuery(null, null, null);
}
