package org.newsvault.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsvault.Newsvault;
import org.newsvault.model.Revision;
import org.newsvault.model.Urls;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;

/**
 * Read side of the watch: what an article said at each version and what happened to it. For
 * {@code diff}, {@code changes} and exporters. Thread-safe.
 */
public final class ArticleHistory {
    /** One version's text. {@code bodyHtml} is the article HTML (ArticleFile body without the Jekyll wrapper). */
    public record Version(int n, Instant fetchedAt, String title, String bodyHtml, String filePath) {}

    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final WatchRepository watchRows;

    public ArticleHistory(ArticleRepository articles, RevisionRepository revisions, WatchRepository watchRows) {
        this.articles = articles;
        this.revisions = revisions;
        this.watchRows = watchRows;
    }

    public static ArticleHistory of(Newsvault nv) {
        return new ArticleHistory(nv.articles, new RevisionRepository(nv.db), new WatchRepository(nv.db));
    }

    /** The article's stored versions, oldest first (n = 1 is as first archived); empty when it never changed. */
    public List<Revision> revisions(long articleId) {
        return revisions.revisions(articleId);
    }

    /** The article's status changes (edits, deletions, returns), oldest first. */
    public List<StatusEvent> events(long articleId) {
        return watchRows.events(articleId);
    }

    /** An article by id ({@code 42}) or by any URL it was seen under. */
    public Optional<ArticleRow> find(String idOrUrl) {
        String s = idOrUrl.strip();
        if (s.matches("\\d{1,18}")) return articles.find(Long.parseLong(s));
        try {
            return articles.findBySighting(Urls.canonical(s)).flatMap(articles::find);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The number of the latest version: 1 for an article that never changed. */
    public int latest(long articleId) {
        return Math.max(1, revisions.latest(articleId));
    }

    /** Version {@code n}, or empty when there is none. An article that never changed has only version 1, itself. */
    public Optional<Version> version(ArticleRow article, int n) {
        var row = revisions.find(article.id(), n);
        if (row.isPresent()) {
            Revision r = row.get().revision();
            return Optional.of(new Version(n, r.fetchedAt(), r.title(), row.get().file().bodyHtml(), r.filePath()));
        }
        if (n == 1 && revisions.latest(article.id()) == 0) {
            return Optional.of(new Version(1, article.fetchedAt(), article.title(), article.file().bodyHtml(),
                article.filePath()));
        }
        return Optional.empty();
    }
}
