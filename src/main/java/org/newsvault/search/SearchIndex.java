package org.newsvault.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.newsvault.model.IoReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-text index under a root folder (the daemon's {@code data/index}). Thread-safe.
 *
 * <p><b>Writing</b> ({@link #open}): one process at a time holds the index. {@link #add} and
 * {@link #delete} go to Lucene's writer at once and are visible to the next search (near-real-time,
 * through a {@link org.apache.lucene.search.SearcherManager}); they are made durable by commits batched
 * every {@link Options#commitEveryChanges} changes or {@link Options#commitInterval}, and at close.
 * A crash loses at most the changes since the last commit, and the next open says so
 * ({@link IndexState#UNCLEAN} with the time of that commit). An index that is missing, unreadable or of
 * another schema is never an error here: open starts an empty one and {@link #status()} says the caller
 * must rebuild it from the database ({@link #rebuild}).
 *
 * <p><b>Reading</b> from another process ({@link #openReadOnly}, e.g. the CLI while the daemon runs):
 * searches the last commit, and follows later commits and rebuilds.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    /** At most this many hits per page. */
    public static final int MAX_LIMIT = 100;
    /** No page reaches past this many hits: deep pages cost memory per request. */
    public static final int MAX_WINDOW = 10_000;
    /** Hits are counted exactly up to here, then the total is a lower bound. */
    public static final int COUNT_EXACT_UP_TO = 10_000;
    static final int BODY_SNIPPET_CHARS = 240;
    static final int BODY_PASSAGES = 2;

    /**
     * When changes are committed and made visible to searchers. A zero interval means no timer: the
     * owner calls {@link #commit} (tests, one-shot commands); commits still happen every N changes.
     */
    public record Options(int commitEveryChanges, Duration commitInterval, Duration refreshInterval, Clock clock) {
        public Options {
            if (commitEveryChanges < 1) throw new IllegalArgumentException("commitEveryChanges < 1");
        }

        /** For the daemon: commit every 1,000 changes or 10 s, searchers refreshed every second. */
        public static Options daemon() {
            return new Options(1_000, Duration.ofSeconds(10), Duration.ofSeconds(1), Clock.systemUTC());
        }

        /** No timer thread: commits every N changes, at {@link #commit} and at close. */
        public static Options manual(Clock clock) {
            return new Options(1_000, Duration.ZERO, Duration.ZERO, clock);
        }
    }

    private final Path root;
    private final Options options;
    private final boolean readOnly;
    private final Closeable lock;
    private final SearchAnalyzer queryAnalyzer = new SearchAnalyzer(SearchAnalyzer.Mode.QUERY);
    private final SearchAnalyzer indexAnalyzer = new SearchAnalyzer(SearchAnalyzer.Mode.INDEX);
    private final QueryParsing parsing = new QueryParsing(queryAnalyzer);
    /** Adds, deletes and searches share; a generation swap (rebuild, read-only follow) excludes them. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private final Object rebuildMonitor = new Object();
    private final AtomicInteger uncommitted = new AtomicInteger();
    private final AtomicInteger unrefreshed = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private volatile Generation live;
    private volatile Reindexer.LiveChanges rebuilding;
    private volatile IndexStatus status;
    private volatile Instant lastCommit;
    private boolean closed;

    private SearchIndex(Path root, Options options, boolean readOnly, Closeable lock, Generation live,
                        IndexStatus status) {
        this.root = root;
        this.options = options;
        this.readOnly = readOnly;
        this.lock = lock;
        this.live = live;
        this.status = status;
        this.lastCommit = options.clock().instant();
        boolean timed = !readOnly && (options.commitInterval().compareTo(Duration.ZERO) > 0
                || options.refreshInterval().compareTo(Duration.ZERO) > 0);
        this.timer = timed ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-index-commit");
            t.setDaemon(true);
            return t;
        }) : null;
        if (timer != null) {
            long tickMs = Math.max(50, Math.min(positiveMs(options.refreshInterval()), positiveMs(options.commitInterval())));
            timer.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        }
    }

    private static long positiveMs(Duration d) {
        return d.isZero() || d.isNegative() ? Long.MAX_VALUE : d.toMillis();
    }

    /**
     * Opens the index for writing, taking the root's lock ({@link SearchException} when another process
     * holds it). Never fails on what it finds: see {@link #status()}.
     */
    public static SearchIndex open(Path root, Options options) {
        Closeable lock = IndexLayout.lock(root);
        Generation g = null;
        try {
            IndexStatus found = inspect(root);
            if (!found.state().needsRebuild()) {
                try {
                    g = Generation.openWriter(root, IndexLayout.current(root).orElseThrow(), false, 16);
                } catch (IOException | RuntimeException e) {
                    found = new IndexStatus(IndexState.UNREADABLE, found.lastCommit(), 0, reason(e));
                }
            }
            if (g == null) {
                String name = IndexLayout.next(root);
                g = Generation.openWriter(root, name, true, 16);
                g.commit(false, options.clock().instant());
                IndexLayout.publish(root, name);
            }
            IndexLayout.removeOthers(root, g.name);
            // From now until a clean close the index on disk says "unclean": a crash is detected.
            g.commit(false, options.clock().instant());
            if (found.state() == IndexState.MISSING) log.info("search index {}: none yet ({})", root, found.detail());
            else if (found.state() != IndexState.OK) log.warn("search index {}: {} ({})", root, found.state(), found.detail());
            return new SearchIndex(root, options, false, lock, g, found);
        } catch (IOException | RuntimeException e) {
            closeQuietly(g);
            closeQuietly(lock);
            if (e instanceof SearchException se) throw se;
            throw new SearchException("cannot open the search index " + root + ": " + reason(e), e);
        }
    }

    /**
     * Opens the committed index for searching only, without the lock (the daemon may be writing).
     * Fails with a {@link SearchException} naming the state when it is missing or unreadable.
     */
    public static SearchIndex openReadOnly(Path root, Clock clock) {
        IndexStatus found = inspect(root);
        if (found.state().needsRebuild()) {
            throw new SearchException("the search index " + root + " is " + found.state().name().toLowerCase(Locale.ROOT)
                    + " (" + found.detail() + "): run newsvault reindex");
        }
        try {
            Generation g = Generation.openReader(root, IndexLayout.current(root).orElseThrow());
            return new SearchIndex(root, Options.manual(clock), true, null, g, found);
        } catch (IOException | RuntimeException e) {
            throw new SearchException("cannot read the search index " + root + ": " + reason(e), e);
        }
    }

    /** What is on disk under {@code root}, without opening it for writing. */
    public static IndexStatus inspect(Path root) {
        Optional<String> current;
        try {
            if (!Files.isDirectory(root)) return new IndexStatus(IndexState.MISSING, null, 0, "no index folder");
            current = IndexLayout.current(root);
        } catch (IOException e) {
            return new IndexStatus(IndexState.UNREADABLE, null, 0, "cannot read " + IndexLayout.POINTER + ": " + reason(e));
        }
        if (current.isEmpty()) return new IndexStatus(IndexState.MISSING, null, 0, "no current index");
        Path dir = root.resolve(current.get());
        if (!Files.isDirectory(dir)) return new IndexStatus(IndexState.MISSING, null, 0, current.get() + " is gone");
        try (Directory d = FSDirectory.open(dir)) {
            SegmentInfos infos = SegmentInfos.readLatestCommit(d);
            Map<String, String> data = infos.getUserData();
            Instant committed = parseInstant(data.get(Generation.KEY_COMMITTED));
            int docs;
            try (DirectoryReader r = DirectoryReader.open(d)) {
                docs = r.numDocs();
            }
            if (!Fields.SCHEMA.equals(data.get(Generation.KEY_SCHEMA))) {
                return new IndexStatus(IndexState.OUTDATED, committed, docs,
                        "schema " + data.get(Generation.KEY_SCHEMA) + ", this version writes " + Fields.SCHEMA);
            }
            if (!"true".equals(data.get(Generation.KEY_CLEAN))) {
                return new IndexStatus(IndexState.UNCLEAN, committed, docs,
                        "not closed cleanly (or open in another process); changes after the last commit may be missing");
            }
            return new IndexStatus(IndexState.OK, committed, docs, "");
        } catch (IndexNotFoundException e) {
            return new IndexStatus(IndexState.MISSING, null, 0, "no commit in " + current.get());
        } catch (IOException | RuntimeException e) {
            return new IndexStatus(IndexState.UNREADABLE, null, 0, reason(e));
        }
    }

    private static Instant parseInstant(String ms) {
        try {
            return ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What open found (or OK after a rebuild); UNREADABLE once a search has hit a corrupt file. */
    public IndexStatus status() {
        return status;
    }

    /** Adds the article, or replaces the one with its id. */
    public void add(SearchDocument d) {
        writable();
        var doc = Fields.toLucene(d);
        swap.readLock().lock();
        try {
            live.writer.updateDocument(Fields.idTerm(d.id()), doc);
            Reindexer.LiveChanges r = rebuilding;
            if (r != null) r.add(d, doc);
        } catch (IOException | RuntimeException e) {
            throw failure("indexing article " + d.id(), e);
        } finally {
            swap.readLock().unlock();
        }
        changed();
    }

    public void delete(long id) {
        writable();
        swap.readLock().lock();
        try {
            live.writer.deleteDocuments(Fields.idTerm(id));
            Reindexer.LiveChanges r = rebuilding;
            if (r != null) r.delete(id);
        } catch (IOException | RuntimeException e) {
            throw failure("removing article " + id + " from the index", e);
        } finally {
            swap.readLock().unlock();
        }
        changed();
    }

    private void changed() {
        unrefreshed.incrementAndGet();
        if (uncommitted.incrementAndGet() >= options.commitEveryChanges()) {
            if (timer == null) {
                commit();
            } else {
                try {
                    timer.execute(this::commitQuietly);
                } catch (RejectedExecutionException closing) {
                    // Closing: close() commits everything.
                }
            }
        }
    }

    /**
     * Notes how far the index has followed its source (the caller's format, e.g. the database ids seen), to be
     * written with the next commit: after a crash, {@link #committedMark} is the note of the last commit, so
     * everything after it is added again. Call it after the adds it covers.
     */
    public void mark(String note) {
        writable();
        live.mark = note == null ? "" : note;
    }

    /** The note of the generation's last commit, or of a later {@link #mark} (empty for a new index). */
    public String mark() {
        return live.mark;
    }

    /** Makes every change so far durable. */
    public void commit() {
        writable();
        swap.readLock().lock();
        try {
            int pending = uncommitted.getAndSet(0);
            try {
                live.commit(false, options.clock().instant());
                lastCommit = options.clock().instant();
            } catch (IOException | RuntimeException e) {
                uncommitted.addAndGet(pending);
                throw failure("committing the index", e);
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    private void commitQuietly() {
        try {
            if (uncommitted.get() > 0) commit();
        } catch (RuntimeException e) {
            log.warn("search index {}: {}", root, e.getMessage());
        }
    }

    private void tick() {
        try {
            Instant now = options.clock().instant();
            if (uncommitted.get() > 0 && !options.commitInterval().isZero()
                    && !now.isBefore(lastCommit.plus(options.commitInterval()))) {
                commit();
            }
            if (unrefreshed.get() > 0) refresh();
        } catch (RuntimeException e) {
            log.warn("search index {}: {}", root, e.getMessage());
        }
    }

    /** Makes every change so far visible to searches (they do this themselves when needed). */
    public void refresh() {
        swap.readLock().lock();
        try {
            unrefreshed.set(0);
            live.searchers.maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
            throw failure("refreshing the index", e);
        } finally {
            swap.readLock().unlock();
        }
    }

    /**
     * Replaces the whole index with {@code documents}, built in a new generation while this one keeps
     * answering and following {@link #add}/{@link #delete}; those changes are applied to the new one
     * too, and win over what the iteration yields for the same id. {@code documents} must read the
     * database when iterated (not before this call), so nothing committed meanwhile is missed, and
     * yield each id once.
     *
     * @return the number of documents the iteration yielded
     */
    public long rebuild(Iterable<SearchDocument> documents, Reindexer.Progress progress) {
        return rebuild(Reindexer.Source.of(documents), progress);
    }

    /** {@link #rebuild(Iterable, Reindexer.Progress)}, with the documents pushed by the source. */
    public long rebuild(Reindexer.Source documents, Reindexer.Progress progress) {
        return rebuild(documents::feed, d -> d, progress);
    }

    /** {@link #rebuild(Iterable, Reindexer.Progress)} from rows that the indexing workers make documents. */
    public <T> long rebuild(Reindexer.Rows<T> rows, java.util.function.Function<? super T, SearchDocument> toDocument,
                            Reindexer.Progress progress) {
        writable();
        synchronized (rebuildMonitor) {
            String name = null;
            Generation fresh = null;
            try {
                name = IndexLayout.next(root);
                fresh = Generation.openWriter(root, name, true, Reindexer.BULK_RAM_MB);
                Reindexer.LiveChanges changes = new Reindexer.LiveChanges(fresh);
                rebuilding = changes;
                long n = Reindexer.load(fresh, rows, toDocument, progress, changes);
                Generation old;
                swap.writeLock().lock();
                try {
                    fresh.mark = live.mark; // the live changes applied to both reached it; the follower goes on from there
                    fresh.commit(false, options.clock().instant());
                    fresh.searchers.maybeRefreshBlocking();
                    IndexLayout.publish(root, name);
                    old = live;
                    live = fresh;
                    rebuilding = null;
                    uncommitted.set(0);
                    lastCommit = options.clock().instant();
                    status = new IndexStatus(IndexState.OK, lastCommit, fresh.writer.getDocStats().numDocs, "");
                } finally {
                    swap.writeLock().unlock();
                }
                closeQuietly(old);
                try {
                    IndexLayout.removeOthers(root, name);
                } catch (IOException e) {
                    // The new index is in use already; the next open deletes the old one.
                    log.warn("search index {}: removing the replaced index: {}", root, reason(e));
                }
                return n;
            } catch (IOException | RuntimeException e) {
                rebuilding = null;
                closeQuietly(fresh);
                if (name != null) Reindexer.discard(root, name);
                if (e instanceof SearchException se) throw se;
                throw new SearchException("rebuilding the search index failed: " + reason(e), e);
            }
        }
    }

    /** Runs one search. {@link InvalidQueryException} for a query that cannot run, with the reason. */
    public SearchResult search(SearchQuery q) {
        if (q.limit() < 0 || q.limit() > MAX_LIMIT) {
            throw new InvalidQueryException("page size " + q.limit() + " out of range 0.." + MAX_LIMIT);
        }
        if (q.offset() < 0 || (long) q.offset() + q.limit() > MAX_WINDOW) {
            throw new InvalidQueryException("page too deep: results stop at " + MAX_WINDOW + "; narrow the search");
        }
        Query text = parsing.text(q.text());
        Query full = parsing.full(q, text);
        if (readOnly) follow();
        swap.readLock().lock();
        try {
            Generation g = live;
            if (!readOnly && unrefreshed.get() > 0) {
                unrefreshed.set(0);
                g.searchers.maybeRefreshBlocking();
            }
            IndexSearcher searcher = g.searchers.acquire();
            try {
                return run(searcher, q, text, full);
            } finally {
                g.searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SearchException se) throw se;
            throw failure("searching", e);
        } finally {
            swap.readLock().unlock();
        }
    }

    private SearchResult run(IndexSearcher searcher, SearchQuery q, Query text, Query full) throws IOException {
        SortField newest = new SortField(Fields.PUBLISHED_SORT, SortField.Type.LONG, true);
        SortField byId = new SortField(Fields.ID_SORT, SortField.Type.LONG, true);
        boolean relevance = q.order() == SearchQuery.Order.RELEVANCE && !(text instanceof MatchAllDocsQuery);
        Sort sort = relevance ? new Sort(SortField.FIELD_SCORE, newest, byId) : new Sort(newest, byId);
        int window = q.offset() + q.limit();
        TopFieldDocs top = searcher.search(full, new TopFieldCollectorManager(sort, Math.max(1, window), null,
                COUNT_EXACT_UP_TO));
        ScoreDoc[] page = top.scoreDocs.length <= q.offset() ? new ScoreDoc[0]
                : Arrays.copyOfRange(top.scoreDocs, q.offset(), Math.min(top.scoreDocs.length, window));
        int[] ids = Arrays.stream(page).mapToInt(sd -> sd.doc).toArray();
        Object[] titles = new Object[ids.length];
        Object[] bodies = new Object[ids.length];
        if (ids.length > 0 && !(text instanceof MatchAllDocsQuery)) {
            titles = highlighter(searcher, new WholeBreakIterator(), SearchDocument.MAX_FIELD_CHARS)
                    .snippets(Fields.TITLE, text, ids, 1);
            // Sentences, grown or cut towards a length, the match a third of the way in.
            bodies = highlighter(searcher, LengthGoalBreakIterator.createClosestToLength(
                    BreakIterator.getSentenceInstance(Locale.ROOT), BODY_SNIPPET_CHARS / BODY_PASSAGES, 0.33f),
                    BODY_SNIPPET_CHARS).snippets(Fields.BODY, text, ids, BODY_PASSAGES);
        }
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            var doc = stored.document(ids[i]);
            float score = relevance ? ((Float) ((FieldDoc) page[i]).fields[0]) : Float.NaN;
            Snippet title = titles[i] instanceof Snippet s ? s : plain(doc.get(Fields.TITLE), SearchDocument.MAX_FIELD_CHARS);
            Snippet body = bodies[i] instanceof Snippet s && !s.text().isEmpty() ? s
                    : plain(doc.get(Fields.BODY), BODY_SNIPPET_CHARS);
            hits.add(Fields.toHit(doc, score, title, body));
        }
        return new SearchResult(top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO,
                q.offset(), q.limit(), hits);
    }

    private Highlighting highlighter(IndexSearcher searcher, BreakIterator breaks, int maxChars) {
        return new Highlighting(UnifiedHighlighter.builder(searcher, indexAnalyzer)
                .withMaxLength(SearchDocument.MAX_BODY_CHARS)
                .withBreakIterator(() -> (BreakIterator) breaks.clone())
                .withFormatter(new SnippetFormatter(maxChars))
                .withHighlightPhrasesStrictly(true));
    }

    /** The start of a text, unmarked: the snippet of a field with no match. */
    private static Snippet plain(String text, int max) {
        String t = text == null ? "" : text.strip();
        String cut = SearchDocument.cut(t, max);
        return new Snippet(cut, List.of(), false, cut.length() < t.length());
    }

    /** Read-only: switch to the generation the writer published, and to its latest commit. */
    private synchronized void follow() {
        try {
            Optional<String> current = IndexLayout.current(root);
            if (current.isPresent() && !current.get().equals(live.name)) {
                Generation next = Generation.openReader(root, current.get());
                Generation old;
                swap.writeLock().lock();
                try {
                    old = live;
                    live = next;
                } finally {
                    swap.writeLock().unlock();
                }
                closeQuietly(old);
            } else {
                live.searchers.maybeRefresh();
            }
        } catch (IOException | RuntimeException e) {
            throw failure("reading the index", e);
        }
    }

    private void writable() {
        if (readOnly) throw new SearchException("the search index " + root + " is open read-only");
    }

    private SearchException failure(String what, Exception e) {
        if (e instanceof CorruptIndexException || e instanceof IndexFormatTooOldException
                || e instanceof IndexFormatTooNewException) {
            status = new IndexStatus(IndexState.UNREADABLE, lastCommit, 0, reason(e));
        }
        return new SearchException("search index " + root + ": " + what + " failed: " + reason(e), e);
    }

    private static String reason(Exception e) {
        if (e instanceof IOException io) return IoReasons.of(io);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing the search index: {}", e.getMessage());
        }
    }

    /** Commits (marking the index cleanly closed) and releases the lock. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        swap.writeLock().lock();
        try {
            if (!readOnly) live.commit(true, options.clock().instant());
        } catch (IOException | RuntimeException e) {
            log.warn("search index {}: final commit failed: {}", root, reason(e));
        } finally {
            closeQuietly(live);
            closeQuietly(lock);
            swap.writeLock().unlock();
        }
    }
}
