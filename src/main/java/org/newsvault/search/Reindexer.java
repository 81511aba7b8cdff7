package org.newsvault.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
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

    /**
     * The documents of a rebuild, pushed: {@code feed} hands every document to the sink and returns
     * (e.g. {@code sink -> articles.stream(query, row -> sink.accept(toDocument(row)))}).
     */
    @FunctionalInterface
    public interface Source {
        void feed(Consumer<SearchDocument> sink) throws IOException;

        static Source of(Iterable<SearchDocument> documents) {
            return sink -> documents.forEach(sink);
        }
    }

    /**
     * What a rebuild reads, pushed before it is a document: {@code feed} hands every item to the sink, and the
     * indexing workers turn each into its document, so that work (e.g. the article's HTML to text) runs on every
     * core beside the indexing, not on the one thread that reads the database.
     */
    @FunctionalInterface
    public interface Rows<T> {
        void feed(Consumer<T> sink) throws IOException;
    }

    public static final int PROGRESS_EVERY = 1_000;
    /** A bulk load buffers more before flushing a segment than the daemon's trickle of articles needs. */
    static final double BULK_RAM_MB = 64;

    private Reindexer() {
    }

    public static long rebuild(Path root, Iterable<SearchDocument> documents, Progress progress) {
        return rebuild(root, Source.of(documents), progress, Clock.systemUTC());
    }

    public static long rebuild(Path root, Iterable<SearchDocument> documents, Progress progress, Clock clock) {
        return rebuild(root, Source.of(documents), progress, clock);
    }

    /** Rebuilds with the index closed; {@link SearchException} if another process holds it. */
    public static long rebuild(Path root, Source documents, Progress progress, Clock clock) {
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
     * began: the live version is newer than whatever the caller's iteration read. The caller's thread
     * iterates (a database cursor stays on its thread); analysis, the bulk of the work, runs on one
     * worker per core, since Lucene's writer indexes in parallel.
     */
    static long load(Generation fresh, Source documents, Progress progress, LiveChanges live)
            throws IOException {
        return load(fresh, documents::feed, d -> d, progress, live);
    }

    /** {@link #load(Generation, Source, Progress, LiveChanges)}, each item made a document by a worker. */
    static <T> long load(Generation fresh, Rows<T> rows, Function<? super T, SearchDocument> toDocument,
                         Progress progress, LiveChanges live) throws IOException {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 2), r -> {
                    Thread t = new Thread(r, "search-reindex");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicReference<Exception> failed = new AtomicReference<>();
        long[] n = {0};
        try {
            List<List<T>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            rows.feed(d -> {
                Objects.requireNonNull(d, "null document in the rebuild");
                Exception e = failed.get();
                if (e != null) throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
                batch.get(0).add(d);
                if (batch.get(0).size() == BATCH) {
                    submit(pool, batch.get(0), toDocument, live, failed);
                    batch.set(0, new ArrayList<>(BATCH));
                }
                if (++n[0] % PROGRESS_EVERY == 0) progress.indexed(n[0]);
            });
            if (!batch.get(0).isEmpty()) submit(pool, batch.get(0), toDocument, live, failed);
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // Bounded by the batches queued: each is a few articles.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new IOException("interrupted while rebuilding the index", e);
            }
        }
        Exception e = failed.get();
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException re) throw re;
        progress.indexed(n[0]);
        return n[0];
    }

    private static final int BATCH = 32;

    private static <T> void submit(ThreadPoolExecutor pool, List<T> batch, Function<? super T, SearchDocument> toDocument,
                                   LiveChanges live, AtomicReference<Exception> failed) {
        pool.execute(() -> {
            if (failed.get() != null) return;
            try {
                for (T row : batch) {
                    SearchDocument d = Objects.requireNonNull(toDocument.apply(row), "null document in the rebuild");
                    live.bulk(d, Fields.toLucene(d));
                }
            } catch (IOException | RuntimeException e) {
                failed.compareAndSet(null, e);
            }
        });
    }

    static void discard(Path root, String name) {
        try {
            IndexLayout.deleteTree(root.resolve(name));
        } catch (IOException ignored) {
            // The next open deletes every generation that "current" does not name.
        }
    }

    /**
     * The changes that arrive while a rebuild runs: applied to the new generation as well, and
     * remembered, so the bulk load skips those ids. One lock per stripe of ids, not one for all, so the
     * bulk workers do not wait on each other.
     */
    static final class LiveChanges {
        private static final int STRIPES = 64;
        final Generation fresh;
        final Set<Long> touched = ConcurrentHashMap.newKeySet();
        private final Object[] stripes = new Object[STRIPES];

        LiveChanges(Generation fresh) {
            this.fresh = fresh;
            for (int i = 0; i < STRIPES; i++) stripes[i] = new Object();
        }

        private Object stripe(long id) {
            return stripes[Math.floorMod(Long.hashCode(id), STRIPES)];
        }

        void add(SearchDocument d, Document doc) throws IOException {
            synchronized (stripe(d.id())) {
                touched.add(d.id());
                fresh.writer.updateDocument(Fields.idTerm(d.id()), doc);
            }
        }

        void delete(long id) throws IOException {
            synchronized (stripe(id)) {
                touched.add(id);
                fresh.writer.deleteDocuments(Fields.idTerm(id));
            }
        }

        /**
         * A document of the bulk load: added, not updated, because the source yields each id once and a live
         * change of the same id either came first (touched: skipped) or comes later (its update replaces this).
         * An update would buffer a delete per document, looked up in every segment at each flush.
         */
        void bulk(SearchDocument d, Document doc) throws IOException {
            synchronized (stripe(d.id())) {
                if (!touched.contains(d.id())) fresh.writer.addDocument(doc);
            }
        }
    }
}
