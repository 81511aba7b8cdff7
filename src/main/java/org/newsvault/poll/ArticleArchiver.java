package org.newsvault.poll;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRepository.Claim;
import org.newsvault.store.ArticleRepository.WrittenFile;
import org.newsvault.store.ArticleRow;

/**
 * Makes an article permanent: row first, then the file, then the mark that the file exists.
 *
 * <p>Why this order: the row holds everything needed to render the file, so a crash after the commit
 * leaves a row with {@code file_written = false} that {@link Recovery} finishes; a crash before it
 * leaves at most a temp file, which recovery deletes. The file is never visible half-written (temp +
 * rename).
 *
 * <p>Group commit: threads archiving at the same moment share one transaction. The first to arrive
 * commits everything queued (dedupe check and insert per row, in order, so two feeds carrying the same
 * story at the same moment archive it once) while the others wait for their result; whoever arrives
 * during that commit leads the next one. The marks of files written since the last commit ride along,
 * and {@link #flush()} commits the rest, so an article costs a fraction of a commit instead of two.
 * A mark not yet committed at a crash only means recovery renders that file again, to the same bytes;
 * a mark is dropped if an edit changed the row meanwhile (see {@link WrittenFile}).
 */
public final class ArticleArchiver {
    private final ArticleRepository articles;
    private final Path archiveRoot;
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean committing;
    private final ConcurrentLinkedQueue<WrittenFile> unmarked = new ConcurrentLinkedQueue<>();

    public ArticleArchiver(ArticleRepository articles, Path archiveRoot) {
        this.articles = articles;
        this.archiveRoot = archiveRoot;
    }

    /** @return ARCHIVED with the new id, or KNOWN/DUPLICATE with the existing article's id */
    public EntryOutcome archive(ArticleRow row, Instant now) throws IOException {
        Claim claim = commit(new Pending(row, now));
        switch (claim.outcome()) {
            case SAME_URL:
                return EntryOutcome.known(claim.id());
            case SAME_CONTENT:
                return new EntryOutcome(EntryOutcome.Kind.DUPLICATE, claim.id(), false, null, 0);
            case FAILED:
                throw claim.error();
            default:
                ArticleWriter.writeAtomically(archiveRoot.resolve(row.filePath()), row.file());
                unmarked.add(WrittenFile.of(claim.id(), row));
                return new EntryOutcome(EntryOutcome.Kind.ARCHIVED, claim.id(), false, null, 0);
        }
    }

    /** Renders the row's file atomically and records that it exists, now. */
    public void writeFile(long id, ArticleRow row) throws IOException {
        ArticleWriter.writeAtomically(archiveRoot.resolve(row.filePath()), row.file());
        articles.markFileWritten(id);
    }

    /**
     * Writes the file of an article whose row is committed but whose file is not marked written (an
     * earlier write failed, e.g. a full or read-only disk): the daemon finishes it at the next sighting
     * instead of waiting for a restart's {@link Recovery}. Rendering the row again gives the same bytes, so
     * a write that races another writer of the same row is harmless.
     */
    public void rewrite(long id) throws IOException {
        var row = articles.find(id);
        if (row.isPresent() && !row.get().fileWritten()) writeFile(id, row.get());
    }

    /** Commits the marks of files written since the last commit (end of a feed, shutdown). */
    public void flush() {
        articles.markWritten(drainUnmarked());
    }

    private Claim commit(Pending mine) {
        List<Pending> batch;
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
            // Not interruptible: once queued, the row may be committed by another thread's transaction,
            // and the caller must learn its id to write the file.
            while (mine.claim == null && committing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (mine.claim != null) return mine.claim;
            committing = true;
            batch = queue;
            queue = new ArrayList<>();
        }
        List<WrittenFile> marks = drainUnmarked();
        try {
            List<Claim> claims = articles.claimAll(batch.stream().map(p -> p.row).toList(), mine.now, marks);
            for (int i = 0; i < batch.size(); i++) batch.get(i).claim = claims.get(i);
        } catch (RuntimeException e) {
            unmarked.addAll(marks);
            var failure = new Claim(Claim.Outcome.FAILED, 0, e instanceof org.newsvault.store.StoreException se
                ? se : new org.newsvault.store.StoreException("database: " + e.getMessage(), e));
            for (Pending p : batch) if (p.claim == null) p.claim = failure;
        } finally {
            // Even an Error must not leave a waiter without an answer (it would lead the next batch, which
            // no longer holds its row, and come back empty-handed).
            for (Pending p : batch) {
                if (p.claim == null) {
                    p.claim = new Claim(Claim.Outcome.FAILED, 0,
                        new org.newsvault.store.StoreException("database: the commit did not complete", null));
                }
            }
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
        return mine.claim;
    }

    private List<WrittenFile> drainUnmarked() {
        List<WrittenFile> ids = new ArrayList<>();
        for (WrittenFile f; (f = unmarked.poll()) != null; ) ids.add(f);
        return ids;
    }

    private static final class Pending {
        final ArticleRow row;
        final Instant now;
        volatile Claim claim;

        Pending(ArticleRow row, Instant now) {
            this.row = row;
            this.now = now;
        }
    }
}
