package org.newsvault.model;

import java.time.Instant;
import java.util.List;

/**
 * One item of a parsed feed, normalised across RSS/RDF/Atom. Produced by the parse stage, consumed by
 * the poll orchestrator. Any field but {@code link} may be null or empty; {@code published} is null
 * when the item had no usable date (the article file then gets the {@code <!--NaN-->} stamp).
 *
 * @param guid        the item's id/guid as written, or null
 * @param link        absolute URL of the article page
 * @param title       plain-text title (entities decoded, not trimmed)
 * @param author      author or dc:creator, or null
 * @param published   publication time, or null
 * @param contentHtml the fullest HTML the item carries (content:encoded, atom:content), or null
 * @param summaryHtml description/summary/media:description, or null
 * @param categories  category labels, possibly empty
 */
public record Entry(String guid, String link, String title, String author, Instant published,
                    String contentHtml, String summaryHtml, List<String> categories) {
    public Entry {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** The richest body the feed gives for this item: content, else summary, else null. */
    public String bestHtml() {
        if (contentHtml != null && !contentHtml.isBlank()) return contentHtml;
        if (summaryHtml != null && !summaryHtml.isBlank()) return summaryHtml;
        return null;
    }
}
