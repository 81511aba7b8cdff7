package org.newsvault.syndicate;

import java.time.Instant;
import java.util.List;

/**
 * One entry, whatever the format: what {@link AtomWriter} and {@link JsonFeedWriter} both write. Texts are plain
 * text; {@code contentHtml} is the sanitized body or null; {@code external} the original article's http(s) URL
 * or null.
 */
record Item(String id, String title, String link, String external, Instant published, Instant updated, String author,
            List<String> tags, String summary, String contentHtml) {}
