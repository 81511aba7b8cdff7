package org.newsvault.search;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** Lucene's unified highlighter, with its per-document objects (our {@link Snippet}s) made reachable. */
final class Highlighting extends UnifiedHighlighter {
    Highlighting(Builder builder) {
        super(builder);
    }

    Object[] snippets(String field, Query query, int[] docIds, int passages) throws IOException {
        Map<String, Object[]> byField = highlightFieldsAsObjects(new String[] {field}, query, docIds, new int[] {passages});
        return byField.get(field);
    }
}
