package org.newsvault.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArchiveAccess;
import org.newsvault.store.DataLock;
import org.newsvault.store.Database;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.StoreException;

/**
 * Checks that the database and the files on disk agree, and with {@code repair} makes them agree again:
 * the database opens; every article row has its file, byte for byte as rendered from the row; every
 * article's original and every original row's blob is on disk; no temp file is left; no article file
 * lacks a row. Problems stream to a sink as they are found.
 *
 * <p>The database is the source of truth for article files: a missing or different file is re-rendered
 * from its row (a different file is first moved aside), an orphan is moved to {@code archive/.orphans/},
 * a temp file is deleted. Nothing else is ever deleted, and a lost original cannot be recreated, so that
 * is only reported. Startup recovery is deliberately not run first, so a verify after a crash shows what
 * the crash left. Holds the data-directory lock: verifying under a running daemon would race its writes.
 * Memory does not grow with the archive: rows are streamed and the archive is walked lazily.
 */
public final class Verifier {
    private final Path data;
    private final Path archive;
    private final org.newsvault.store.Backend backend;
    private final boolean repair;
    private final boolean deep;
    private final Consumer<Problem> sink;
    private int problems;
    private int repaired;

    /**
     * @param deep also decompress every original blob and check its SHA-256 (reads all originals)
     */
    public Verifier(Path data, Path archive, boolean repair, boolean deep, Consumer<Problem> sink) {
        this(org.newsvault.store.Backend.EMBEDDED, data, archive, repair, deep, sink);
    }

    /** On the database {@code backend} names (the config's {@code database:}). */
    public Verifier(org.newsvault.store.Backend backend, Path data, Path archive, boolean repair, boolean deep,
                    Consumer<Problem> sink) {
        this.backend = backend;
        this.data = data;
        this.archive = archive;
        this.repair = repair;
        this.deep = deep;
        this.sink = sink;
    }

    /** What a progress bar needs: the rows to check (articles, then originals), and each one checked. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void total(long rows) {}

            @Override
            public void checked() {}
        };

        void total(long rows);

        void checked();
    }

    public VerifyReport run() {
        return run(Progress.NONE);
    }

    public VerifyReport run(Progress progress) {
        if (backend.embedded() && !Files.isRegularFile(data.resolve("newsvault.mv.db"))) {
            report(new Problem(Problem.Kind.DATABASE, data.toString(), "no newsvault database here (newsvault.mv.db)", null));
            return new VerifyReport(0, 0, 0, problems, repaired);
        }
        ArchiveAccess access;
        try {
            access = ArchiveAccess.open(backend, data, DataLock.processCommand(), ArchiveAccess.Need.ALONE_OR_DAEMON);
        } catch (StoreException e) {
            report(new Problem(Problem.Kind.DATABASE, data.toString(), e.getMessage(), null));
            return new VerifyReport(0, 0, 0, problems, repaired);
        }
        // While the daemon runs this checks its live archive: what it is writing at this moment is in flight.
        boolean live = !access.alone();
        Database db = access.db();
        try (access; FileIndex index = new FileIndex(db)) {
            var articles = new ArticleRepository(db);
            var originalRows = new OriginalRepository(db);
            var originals = new OriginalStore(data, originalRows);
            var articleCheck = new ArticleCheck(archive, articles, originalRows, originals,
                new ArticleArchiver(articles, archive), repair, live, this::report);
            progress.total(articles.count() + originalRows.count());
            articles.stream(org.newsvault.store.ArticleQuery.ALL, row -> {
                articleCheck.accept(row);
                progress.checked();
            });
            long originalCount = new OriginalCheck(originals, deep, this::report).run(originalRows, progress::checked);
            new ImageCheck(originals, deep, this::report).run(new org.newsvault.store.ImageRepository(db));
            var walk = new ArchiveWalk(archive, index, repair, this::report);
            if (live) walk.live();
            walk.temps(OriginalStore.tmpDir(data));
            walk.temps(data.resolve("originals"));
            long files = walk.archive();
            return new VerifyReport(articleCheck.count(), originalCount, files, problems, repaired,
                articleCheck.inFlight() + walk.inFlight());
        }
    }

    private void report(Problem p) {
        problems++;
        if (p.repaired()) repaired++;
        sink.accept(p);
    }
}
