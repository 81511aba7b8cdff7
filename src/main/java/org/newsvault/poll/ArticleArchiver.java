package org.newsvault.poll;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;

/**
 * Makes an article permanent: row first, then the file, then the mark that the file exists.
 *
 * <p>Why this order: the row holds everything needed to render the file, so a crash after the commit
 * leaves a row with {@code file_written = false} that {@link Recovery} finishes; a crash before it
 * leaves at most a temp file, which recovery deletes. The file is never visible half-written (temp +
 * rename). The dedupe check and insert run under one lock so two feeds carrying the same story at the
 * same moment archive it once.
 */
public final class ArticleArchiver {
    private final ArticleRepository articles;
    private final Path archiveRoot;
    private final Object insertLock = new Object();

    public ArticleArchiver(ArticleRepository articles, Path archiveRoot) {
        this.articles = articles;
        this.archiveRoot = archiveRoot;
    }

    /** @return ARCHIVED with the new id, or KNOWN/DUPLICATE with the existing article's id */
    public EntryOutcome archive(ArticleRow row, Instant now) throws IOException {
        long id;
        synchronized (insertLock) {
            Optional<Long> known = articles.findBySighting(row.canonicalUrl());
            if (known.isPresent()) return EntryOutcome.known(known.get());
            Optional<Long> same = articles.findByContentHash(row.contentHash());
            if (same.isPresent()) {
                articles.addSighting(same.get(), row.outletId(), row.feedId(), row.canonicalUrl(), "content", now);
                return new EntryOutcome(EntryOutcome.Kind.DUPLICATE, same.get(), false, null, 0);
            }
            id = articles.insert(row, now);
        }
        writeFile(id, row);
        return new EntryOutcome(EntryOutcome.Kind.ARCHIVED, id, false, null, 0);
    }

    /** Renders the row's file atomically and records that it exists. */
    public void writeFile(long id, ArticleRow row) throws IOException {
        ArticleWriter.writeAtomically(archiveRoot.resolve(row.filePath()), row.file());
        articles.markFileWritten(id);
    }
}
