package org.newsvault.verify;

import org.newsvault.store.ArticleRepository;
import org.newsvault.store.Database;

/**
 * "Does any article row own this file?", asked once per file of the archive walk: one indexed lookup on
 * {@code article.file_path} over one held connection ({@link ArticleRepository.Lookups}), so the walk costs no
 * memory per file.
 */
final class FileIndex implements AutoCloseable {
    private final ArticleRepository.Lookups lookups;

    FileIndex(Database db) {
        this.lookups = new ArticleRepository(db).openLookups();
    }

    /** @param relative archive-relative path with {@code /} separators, as stored */
    boolean owned(String relative) {
        return lookups.filePathTaken(relative);
    }

    @Override
    public void close() {
        lookups.close();
    }
}
