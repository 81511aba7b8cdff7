package org.newsvault.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.newsvault.model.IoReasons;

/**
 * Rebuilds the whole index from the caller's documents (the lead reads them from the database) into a
 * new generation, and swaps it in only once it is complete and committed: a crash or a failure mid-way
 * leaves the old index in use (or none, if there was none), never a half one.
 *
 * <p>{@link #rebuild} is for when no {@link SearchIndex} is open (e.g. {@code newsvault reindex} with the
 * daemon stopped; it fails with a clear message while the daemon holds the index). An open index
 * rebuilds itself with {@link SearchIndex#rebuild}, which keeps following live changes meanwhile.
 */
public final class Reindexer {
    /** Told how many documents are in the new index so far: every {@link #PROGRESS_EVERY} and at the end. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = n -> { };

        void indexed(long documents);
    }

    public static final int PROGRESS_EVERY = 1_000;
    /** A bulk load buffers more before flushing a segment than the daemon's trickle of articles needs. */
    static final double BULK_RAM_MB = 64;

    private Reindexer() {
    }

    public static long rebuild(Path root, Iterable<SearchDocument> documents, Progress progress) {
        return rebuild(root, documents, progress, Clock.systemUTC());
    }

    public static long rebuild(Path root, Iterable<SearchDocument> documents, Progress progress, Clock clock) {
        try (Closeable lock = IndexLayout.lock(root)) {
            String name = IndexLayout.next(root);
            Generation fresh = Generation.openWriter(root, name, true, BULK_RAM_MB);
            long n;
            try (fresh) {
                n = load(fresh, documents, progress, new LiveChanges(fresh));
                fresh.commit(true, clock.instant());
            } catch (IOException | RuntimeException e) {
                discard(root, name);
                throw e;
            }
            IndexLayout.publish(root, name);
            IndexLayout.removeOthers(root, name);
            return n;
        } catch (IOException e) {
            throw new SearchException("rebuilding the search index " + root + " failed: " + IoReasons.of(e), e);
        }
    }

    /**
     * Adds every document to {@code fresh}, skipping those that a live change touched since the rebuild
     * began: the live version is newer than whatever the caller's iteration read.
     */
    static long load(Generation fresh, Iterable<SearchDocument> documents, Progress progress, LiveChanges live)
            throws IOException {
        long n = 0;
        for (SearchDocument d : documents) {
            Objects.requireNonNull(d, "null document in the rebuild");
            Document doc = Fields.toLucene(d);
            synchronized (live) {
                if (!live.touched.contains(d.id())) fresh.writer.updateDocument(Fields.idTerm(d.id()), doc);
            }
            if (++n % PROGRESS_EVERY == 0) progress.indexed(n);
        }
        progress.indexed(n);
        return n;
    }

    static void discard(Path root, String name) {
        try {
            IndexLayout.deleteTree(root.resolve(name));
        } catch (IOException ignored) {
            // The next open deletes every generation that "current" does not name.
        }
    }

    /** The changes that arrived while a rebuild ran: applied to the new generation as well, and remembered. */
    static final class LiveChanges {
        final Generation fresh;
        final Set<Long> touched = new HashSet<>();

        LiveChanges(Generation fresh) {
            this.fresh = fresh;
        }

        synchronized void add(SearchDocument d, Document doc) throws IOException {
            touched.add(d.id());
            fresh.writer.updateDocument(Fields.idTerm(d.id()), doc);
        }

        synchronized void delete(long id) throws IOException {
            touched.add(id);
            fresh.writer.deleteDocuments(Fields.idTerm(id));
        }
    }
}
