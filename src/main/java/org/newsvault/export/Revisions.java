package org.newsvault.export;

import java.util.BitSet;
import java.util.List;
import org.newsvault.store.Database;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.RevisionRow;
import org.newsvault.store.StoreException;

/**
 * The stored versions of the exported articles. Few articles ever change, so the ids of those that did are
 * read once (a bit per id) and only they cost a query; the export stays one query per article.
 */
final class Revisions {
    private final RevisionRepository repository;
    private final BitSet changed = new BitSet();

    Revisions(Database db) {
        this.repository = new RevisionRepository(db);
        try {
            repository.changedArticles(id -> changed.set(Math.toIntExact(id)));
        } catch (ArithmeticException e) {
            throw new StoreException("database: article id beyond the export's range", e);
        }
    }

    /** The article's versions, oldest first; empty when it never changed. */
    List<RevisionRow> of(long articleId) {
        if (articleId > Integer.MAX_VALUE || !changed.get((int) articleId)) return List.of();
        try {
            return repository.rows(articleId);
        } catch (StoreException e) {
            throw new StoreException("revisions of article " + articleId + ": " + e.getMessage(), e);
        }
    }
}
