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
    /** Rows after the marks, not settled yet, already applied: read again by every pass until they settle. */
    private final Set<Long> seenArticles = new HashSet<>();
    private final Set<Long> seenRevisions = new HashSet<>();
    private final Set<Long> seenEvents = new HashSet<>();

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
        long articleCursor = marks.article(), revisionCursor = marks.revision(), eventCursor = marks.event();
        long articleMark = marks.article(), revisionMark = marks.revision(), eventMark = marks.event();
        boolean articlesSettled = true, revisionsSettled = true, eventsSettled = true;
        while (true) {
            var t = feed.after(new Marks(articleCursor, revisionCursor, eventCursor), BATCH, clock.instant());
            Set<Long> ids = new LinkedHashSet<>();
            for (Touch x : t.articles()) {
                if (seenArticles.add(x.id())) ids.add(x.articleId());
                if (articlesSettled && x.settled()) {
                    articleMark = x.id();
                    seenArticles.remove(x.id());
                } else {
                    articlesSettled = false;
                }
                articleCursor = x.id();
            }
            for (Touch x : t.revisions()) {
                if (seenRevisions.add(x.id())) ids.add(x.articleId());
                if (revisionsSettled && x.settled()) {
                    revisionMark = x.id();
                    seenRevisions.remove(x.id());
                } else {
                    revisionsSettled = false;
                }
                revisionCursor = x.id();
            }
            for (Touch x : t.events()) {
                if (seenEvents.add(x.id())) ids.add(x.articleId());
                if (eventsSettled && x.settled()) {
                    eventMark = x.id();
                    seenEvents.remove(x.id());
                } else {
                    eventsSettled = false;
                }
                eventCursor = x.id();
            }
            List<Long> batch = new ArrayList<>(ids);
            for (int i = 0; i < batch.size(); i += BATCH) {
                for (IndexFeed.Indexable a : feed.load(batch.subList(i, Math.min(batch.size(), i + BATCH)))) {
                    index.add(document(a));
                    added++;
                }
            }
            marks = new Marks(articleMark, revisionMark, eventMark);
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
        long n = index.rebuild(sink -> feed.all(BATCH, batch -> batch.forEach(a -> sink.accept(document(a)))), progress);
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
