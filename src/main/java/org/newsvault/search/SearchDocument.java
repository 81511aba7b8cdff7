package org.newsvault.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the index knows of one archived article: the caller builds it from the database row and the
 * sanitized body as plain text. One document per {@code id}; adding the same id again replaces it.
 *
 * @param id        the article id (the database's)
 * @param outlet    the outlet id, matched exactly by the outlet filter
 * @param body      the article text as plain text; cut to {@link #MAX_BODY_CHARS}
 * @param urls      every URL the article was seen under, the canonical one first
 * @param published when it was published, or null (sorts as the oldest, outside every date range)
 * @param status    {@code live}, {@code edited}, {@code deleted}, {@code unreachable}: matched exactly
 * @param kind      what the body is (e.g. {@code full}, {@code teaser}); stored, shown with the hit
 */
public record SearchDocument(long id, String outlet, String title, String author, String body, List<String> urls,
                             Instant published, String status, String kind) {
    /** Bounds the index and snippet work per article; far above any real article. */
    public static final int MAX_BODY_CHARS = 200_000;
    static final int MAX_FIELD_CHARS = 2_000;
    static final int MAX_URLS = 50;

    public SearchDocument {
        outlet = cut(Objects.requireNonNullElse(outlet, ""), MAX_FIELD_CHARS);
        title = cut(Objects.requireNonNullElse(title, ""), MAX_FIELD_CHARS);
        author = cut(Objects.requireNonNullElse(author, ""), MAX_FIELD_CHARS);
        body = cut(Objects.requireNonNullElse(body, ""), MAX_BODY_CHARS);
        urls = urls == null ? List.of()
                : urls.stream().filter(Objects::nonNull).limit(MAX_URLS).map(u -> cut(u, MAX_FIELD_CHARS)).toList();
        status = Objects.requireNonNullElse(status, "");
        kind = Objects.requireNonNullElse(kind, "");
    }

    /** Cuts at a code point boundary, so a cut never leaves half a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
