package org.newsvault.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.newsvault.config.WatchSettings;
import org.newsvault.model.ArticleStatus;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.poll.Revisions;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.NewRevision;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;

/**
 * The poll's {@link Revisions}: a better-sourced text for an archived article becomes its current version
 * through the same path as an edit found by a re-check (rows committed in one transaction, then the
 * version files, then the article file), so history, {@code diff}, {@code changes} and recovery see it
 * like any other revision. The comparison is the re-checks' noise filter on both texts ({@link NoiseFilter}):
 * only a difference in the noise-free text or the title is a new version. Unlike a re-check comparing a page
 * with a feed text, no similarity threshold lets a nearly equal text through: a third-party copy that
 * changed a few words is exactly what the own site's text must replace. Thread-safe.
 */
public final class SourceRevisions implements Revisions {
    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final RevisionFiles files;
    /** Read at each use: a reload's {@code watch:} schedule reaches the next revision recorded. */
    private final java.util.function.Supplier<WatchSettings> watch;
    private final Clock clock;
    private final org.newsvault.images.ImageLister images;

    public SourceRevisions(ArticleRepository articles, RevisionRepository revisions, Path archiveRoot,
                           ArticleArchiver archiver, java.util.function.Supplier<WatchSettings> watch, Clock clock) {
        this(articles, revisions, archiveRoot, archiver, watch, clock, null);
    }

    /** @param images lists each new version's images for its revision (and keeps new ones); null: not recorded */
    public SourceRevisions(ArticleRepository articles, RevisionRepository revisions, Path archiveRoot,
                           ArticleArchiver archiver, java.util.function.Supplier<WatchSettings> watch, Clock clock,
                           org.newsvault.images.ImageLister images) {
        this.images = images;
        this.articles = articles;
        this.revisions = revisions;
        this.files = new RevisionFiles(archiveRoot, revisions, archiver);
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public int supersede(long articleId, Candidate c) throws IOException {
        ArticleRow a = articles.find(articleId).orElse(null);
        if (a == null) return 0;
        if (sameBeyondNoise(a, c)) {
            articles.recordSource(articleId, c.feedId(), c.trust());
            return 0;
        }
        Instant now = clock.instant();
        Instant next = RecheckSchedule.next(a.fetchedAt(), now, watch.get()).orElse(null);
        StatusEvent ev = new StatusEvent(a.id(), now, ArticleStatus.EDITED.dbValue(), null, c.file().url(),
            "revision {n}: " + c.why());
        RevisionRepository.Recorded rec = revisions.recordEdit(new NewRevision(a.id(), c.fetchedAt(), c.file().plainTitle(),
            c.contentHash(), c.originalId(), c.file(), n -> RevisionFiles.path(a.filePath(), n),
            c.fromPage() ? c.originalId() : null, next, ev,
            new NewRevision.Source(c.feedId(), c.trust(), ArticleRow.FULL)).withImages(images == null ? null
            : new NewRevision.Images(org.newsvault.images.ImageLister.refs(c.file().body(), a.canonicalUrl(), null),
                images.keeps(a.outletId()), images.maxCount())), now);
        files.write(rec);
        return rec.revisions().get(rec.revisions().size() - 1).revision().n();
    }

    @Override
    public void writePending(long articleId) throws IOException {
        for (var r : revisions.pendingFiles(articleId)) files.writeRevision(r);
    }

    static boolean sameBeyondNoise(ArticleRow a, Candidate c) {
        if (!NoiseFilter.title(a.file().plainTitle()).equals(NoiseFilter.title(c.file().plainTitle()))) return false;
        return text(a.file().bodyHtml()).equals(text(c.file().bodyHtml()));
    }

    private static String text(String sanitizedHtml) {
        return NoiseFilter.comparableText(sanitizedHtml);
    }
}
