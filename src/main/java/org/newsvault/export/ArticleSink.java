package org.newsvault.export;

import java.io.Closeable;
import java.io.IOException;
import org.newsvault.store.ArticleRow;

/**
 * One export format: takes the selected articles one at a time (oldest first) and must not keep them, so an
 * export runs in memory that does not grow with the archive. {@link #close} releases resources whether or not
 * {@link #finish} ran.
 */
interface ArticleSink extends Closeable {
    void accept(ArticleRow row) throws IOException;

    /** After the last article: writes what needs all of them (list pages, site files) and says what was written. */
    String finish() throws IOException;

    @Override
    default void close() throws IOException {}
}
