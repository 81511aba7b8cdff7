package org.newsvault.search;

import java.time.Instant;
import java.util.List;

/**
 * One found article: its stored fields and the snippets of title and body with the matches marked.
 * {@code score} is NaN in newest-first order, which does not compute scores.
 */
public record SearchHit(long id, String outlet, String title, String author, List<String> urls, Instant published,
                        String status, String kind, float score, Snippet titleSnippet, Snippet bodySnippet) {
    public SearchHit {
        urls = List.copyOf(urls);
    }
}
