package org.newsvault.poll;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.newsvault.images.ImageLister;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRepository.Claim;
import org.newsvault.store.ArticleRepository.WrittenFile;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.ImageRepository.NewImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an article permanent: row first, then the file, then the mark that the file exists.
 *
 * <p>Why this order: the row holds everything needed to render the file, so a crash after the commit
 * leaves a row with {@code file_written = false} that {@link Recovery} finishes; a crash before it
 * leaves at most a temp file, which recovery deletes. The file is never visible half-written (temp +
 * rename).
 *
 * <p>Group commit: threads archiving at the same moment share one transaction
 * ({@link ArticleRepository#claim}, and the originals' rows join the same transactions), so an article
 * costs a fraction of a commit.
 *
 * <p>Forced in batches: a file is written and renamed at once (a killed process leaves it complete), but
 * forced to disk only at {@link #flush()} (the end of a feed): every file written since, then each of their
 * directories once, and only then are their marks committed. So the rule "a committed mark means the file
 * is on disk" holds across a power cut, while a feed of fifty articles in one folder costs fifty forces
 * and one directory force instead of a hundred, off the entry workers' path. A row whose mark is not
 * committed is exactly a file that may not have reached the disk: {@link Recovery} renders each again
 * at the next start (to the same bytes), and {@code verify} reports them as pending. A mark is dropped if
 * an edit changed the row meanwhile (see {@link WrittenFile}).
 */
public final class ArticleArchiver {
    private static final Logger log = LoggerFactory.getLogger(ArticleArchiver.class);

    private final ArticleRepository articles;
    private final Path archiveRoot;
    private final ConcurrentLinkedQueue<Unforced> unforced = new ConcurrentLinkedQueue<>();

    private record Unforced(Path file, WrittenFile mark) {}

    /** Lists each new article's images for the images stage; null: none listed (verify, recovery, tests). */
    private final ImageLister images;
    /** Told when a new article listed images (the image worker looks at once). */
    private final Runnable imagesListed;

    public ArticleArchiver(ArticleRepository articles, Path archiveRoot) {
        this(articles, archiveRoot, null, () -> {});
    }

    public ArticleArchiver(ArticleRepository articles, Path archiveRoot, ImageLister images, Runnable imagesListed) {
        this.articles = articles;
        this.archiveRoot = archiveRoot;
        this.images = images;
        this.imagesListed = imagesListed;
    }

    /** @return ARCHIVED with the new id, or KNOWN/DUPLICATE with the existing article's id */
    public EntryOutcome archive(ArticleRow row, Instant now) throws IOException {
        return archive(row, now, null);
    }

    /**
     * {@link #archive}, the article's images (those of its body, and {@code leadImage}, the page's own, or null)
     * listed in the transaction that makes it permanent when its outlet keeps images.
     */
    public EntryOutcome archive(ArticleRow row, Instant now, String leadImage) throws IOException {
        List<NewImage> listed = images == null ? List.of()
            : images.of(row.outletId(), row.file().body(), row.canonicalUrl(), leadImage);
        Claim claim = articles.claim(row, now, listed, images == null ? 0 : images.maxCount());
        if (claim.outcome() == Claim.Outcome.INSERTED && !listed.isEmpty()) imagesListed.run();
        switch (claim.outcome()) {
            case SAME_URL:
                return EntryOutcome.known(claim.id());
            case SAME_CONTENT:
                return new EntryOutcome(EntryOutcome.Kind.DUPLICATE, claim.id(), false, null, 0);
            case FAILED:
                throw claim.error();
            default:
                Path file = ArticleWriter.writeUnforced(archiveRoot.resolve(row.filePath()), row.file());
                unforced.add(new Unforced(file, WrittenFile.of(claim.id(), row)));
                return new EntryOutcome(EntryOutcome.Kind.ARCHIVED, claim.id(), false, null, 0);
        }
    }

    /** Renders the row's file atomically and durably and records that it exists, now. */
    public void writeFile(long id, ArticleRow row) throws IOException {
        ArticleWriter.writeAtomically(archiveRoot.resolve(row.filePath()), row.file());
        articles.markFileWritten(id);
    }

    /**
     * Writes the file of an article whose row is committed but whose file is not marked written (an
     * earlier write failed, e.g. a full or read-only disk, or its batch is not forced yet): the daemon
     * finishes it at the next sighting instead of waiting for a restart's {@link Recovery}. Rendering the
     * row again gives the same bytes, so a write that races another writer of the same row is harmless.
     */
    public void rewrite(long id) throws IOException {
        var row = articles.find(id);
        if (row.isPresent() && !row.get().fileWritten()) writeFile(id, row.get());
    }

    /**
     * Forces the files written since the last flush to disk, then their directories, then commits their
     * marks (end of a feed, shutdown). A file that cannot be forced keeps its row unmarked: the next sighting
     * or start writes it again.
     */
    public void flush() {
        List<WrittenFile> marks = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Unforced u; (u = unforced.poll()) != null; ) {
            try {
                ArticleWriter.force(u.file());
                marks.add(u.mark());
                dirs.add(u.file().getParent());
            } catch (IOException e) {
                log.warn("article {}: {}; it is written again at the next sighting or start", u.mark().id(),
                    e.getMessage());
            }
        }
        for (Path d : dirs) ArticleWriter.forceDirectory(d);
        articles.markWritten(marks);
    }
}
