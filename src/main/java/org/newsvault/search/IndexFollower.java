package org.newsvault.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.IndexFeed;
import org.newsvault.store.IndexFeed.Marks;
import org.newsvault.store.IndexFeed.Touch;

/**
 * Keeps the search index following the database, which stays the truth: each {@link #catchUp} reads what was
 * archived, revised or changed status since the index's mark ({@link IndexFeed}) and adds those articles as
 * they are now; the mark is committed with the index, so after a crash the rows since the last commit are
 * simply read again. Nothing in the archiving path calls the index: a poll, an import through the daemon, a
 * re-check or (later) another node all leave rows the follower finds, and an index that fails can never fail
 * them. A new or rebuilt-empty index starts from the first article (that is the rebuild from the database).
 */
public final class IndexFollower {
    /** Rows read per table per query, and articles loaded per batch. */
    static final int BATCH = 500;

    private final SearchIndex index;
    private final IndexFeed feed;
    private final Clock clock;
    private Marks marks;
    /** Per table, the rows after the mark, not settled yet, already applied: read again by every pass until they settle. */
    private final Set<Long> seenArticles = new HashSet<>();
    private final Set<Long> seenRevisions = new HashSet<>();
    private final Set<Long> seenEvents = new HashSet<>();

    /**
     * One pass over one table: a cursor through the rows after the mark, and the mark moved over the settled ones
     * in front (a row not yet settled holds it, and the rows after it, back).
     */
    private static final class Pass {
        final Set<Long> seen;
        long cursor;
        long mark;
        boolean settledSoFar = true;

        Pass(long mark, Set<Long> seen) {
            this.mark = mark;
            this.cursor = mark;
            this.seen = seen;
        }

        /** Adds to {@code ids} the articles of the rows not applied yet. */
        void take(List<Touch> rows, Set<Long> ids) {
            for (Touch x : rows) {
                if (seen.add(x.id())) ids.add(x.articleId());
                if (settledSoFar && x.settled()) {
                    mark = x.id();
                    seen.remove(x.id());
                } else {
                    settledSoFar = false;
                }
                cursor = x.id();
            }
        }
    }

    public IndexFollower(SearchIndex index, IndexFeed feed, Clock clock) {
        this.index = index;
        this.feed = feed;
        this.clock = clock;
        Marks m = Marks.decode(index.mark());
        if (m.equals(Marks.NONE)) {
            // Every article will be read as it is now, so the edits and events so far need not be.
            Marks now = feed.current();
            m = new Marks(0, now.revision(), now.event());
        }
        this.marks = m;
    }

    /** How far the index has followed (what its next commit records). */
    public synchronized Marks marks() {
        return marks;
    }

    /** Picks up the index's mark again (after a rebuild set it). */
    synchronized void resync() {
        Marks m = Marks.decode(index.mark());
        if (!m.equals(Marks.NONE)) marks = m;
    }

    /**
     * Adds every article touched since the marks, in batches, until nothing is left; returns how many documents
     * were added (an article touched twice counts twice).
     */
    public long catchUp() {
        return catchUp(() -> false);
    }

    /** {@link #catchUp()}, stopping between batches once {@code stop} says so (what is added stays marked). */
    public long catchUp(java.util.function.BooleanSupplier stop) {
        return catchUp(stop, n -> {});
    }

    /** As {@link #catchUp(java.util.function.BooleanSupplier)}, telling {@code progress} the total added after each batch. */
    public synchronized long catchUp(java.util.function.BooleanSupplier stop, java.util.function.LongConsumer progress) {
        long added = 0;
        Pass articles = new Pass(marks.article(), seenArticles);
        Pass revisions = new Pass(marks.revision(), seenRevisions);
        Pass events = new Pass(marks.event(), seenEvents);
        while (true) {
            var t = feed.after(new Marks(articles.cursor, revisions.cursor, events.cursor), BATCH, clock.instant());
            Set<Long> ids = new LinkedHashSet<>();
            articles.take(t.articles(), ids);
            revisions.take(t.revisions(), ids);
            events.take(t.events(), ids);
            List<Long> batch = new ArrayList<>(ids);
            for (int i = 0; i < batch.size(); i += BATCH) {
                for (IndexFeed.Indexable a : feed.load(batch.subList(i, Math.min(batch.size(), i + BATCH)))) {
                    index.add(document(a));
                    added++;
                }
            }
            marks = new Marks(articles.mark, revisions.mark, events.mark);
            index.mark(marks.encode());
            progress.accept(added);
            if (!t.full(BATCH) || stop.getAsBoolean()) return added;
        }
    }

    /**
     * Rebuilds {@code index} from every article (a new generation swapped in whole; searches go on meanwhile) and
     * marks it as having followed up to now. Returns how many articles it holds.
     */
    public static long rebuild(SearchIndex index, IndexFeed feed, Reindexer.Progress progress) {
        Marks before = feed.current();
        long n = index.rebuild(sink -> feed.all(BATCH, batch -> batch.forEach(sink)), IndexFollower::document, progress);
        index.mark(before.encode());
        index.commit();
        return n;
    }

    /** The index's view of an article: its text as plain text (the archived body is sanitized HTML). */
    static SearchDocument document(IndexFeed.Indexable a) {
        ArticleRow r = a.row();
        String body = r.file() == null ? "" : Jsoup.parseBodyFragment(r.file().bodyHtml()).text();
        String title = r.file() == null || r.title() != null ? r.title() : r.file().plainTitle();
        return new SearchDocument(r.id(), r.outletId(), title, r.author(), body, a.urls(),
            r.publishedAt() != null ? r.publishedAt() : r.fetchedAt(), r.status() == null ? "live" : r.status(),
            r.bodyKind());
    }
}
