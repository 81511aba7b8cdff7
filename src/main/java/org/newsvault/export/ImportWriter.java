package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.Original;
import org.newsvault.poll.Recovery;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.OriginalRepository;

/**
 * Makes new imported articles permanent in {@link org.newsvault.poll.ArticleArchiver}'s order — original, row
 * (file not yet written), file, mark — but with the database writes batched: the originals and files are
 * written on a pool of threads (their fsyncs overlap), the rows are inserted and the files marked written
 * by two {@link Batcher}s, one transaction per batch, in the order the jobs were submitted (so article
 * ids follow the file order and two imports of the same files number them alike). A crash between row
 * and mark leaves rows that {@link Recovery} completes at the next start, as for a poll.
 */
final class ImportWriter implements AutoCloseable {
    /** One new article to write; {@code finish} is told its outcome exactly once. */
    record Job(ImportedFile file, String outletId, ImportLedger.Claim.Fresh claim,
               BiConsumer<ImportOutcome, String> finish) {}

    /** A job whose original is kept ({@code originalId}), or that failed before its row ({@code originalId < 0}). */
    private record Saved(long seq, Job job, long originalId) {}

    private record Inserted(Job job, long id, ArticleRow row) {}

    private static final int BATCH = 128;
    static final String KIND = "import";

    private final ArticleRepository articles;
    private final OriginalStore originals;
    private final OriginalRepository originalRows;
    private final ImportLedger ledger;
    private final Path archiveRoot;
    private final Clock clock;
    private final ExecutorService pool;
    private final Batcher<Saved> inserts;
    private final Batcher<Inserted> marks;
    private final AtomicLong submitted = new AtomicLong();
    /** Saved jobs that wait for an earlier one (rows thread only): ids are given in file order. */
    private final TreeMap<Long, Saved> waiting = new TreeMap<>();
    private long nextSeq;

    ImportWriter(ArticleRepository articles, OriginalStore originals, OriginalRepository originalRows, ImportLedger ledger,
                 Path archiveRoot, Clock clock, ExecutorService pool) {
        this.articles = articles;
        this.originals = originals;
        this.originalRows = originalRows;
        this.ledger = ledger;
        this.archiveRoot = archiveRoot;
        this.clock = clock;
        this.pool = pool;
        this.inserts = new Batcher<>("nv-import-rows", BATCH, this::inOrder, (s, e) -> {
            if (s.originalId() >= 0) fail(s.job(), e);
        });
        this.marks = new Batcher<>("nv-import-marks", BATCH, this::mark,
            (in, e) -> in.job().finish().accept(ImportOutcome.FAILED, oneLine(e)));
    }

    /** Call in file order, from one thread: the rows get their ids in this order. */
    void submit(Job job) {
        long seq = submitted.getAndIncrement();
        pool.execute(() -> {
            ImportedFile f = job.file();
            try {
                inserts.add(new Saved(seq, job, keep(f).id()));
            } catch (IOException | RuntimeException e) {
                fail(job, e);
                inserts.add(new Saved(seq, job, -1));
            }
        });
    }

    /**
     * The file's bytes as an original, once: an import killed after this step but before its article row was
     * committed finds the row it made on the next run (same bytes, URL and kind) and links that one, so a WARC of
     * the archive holds each imported file once. (A row whose blob is gone is not trusted: the bytes are saved anew.)
     */
    private Original keep(ImportedFile f) throws IOException {
        Optional<Original> kept = originalRows.findSame(f.sha256(), f.file().url(), KIND);
        if (kept.isPresent() && originals.has(f.sha256())) return kept.get();
        return originals.save(f.file().url(), 200, List.of(), "text/markdown", f.bytes(), clock.instant(), KIND);
    }

    /** Originals finish in any order; rows are inserted in submission order, as far as it is complete. */
    private void inOrder(List<Saved> arrived) {
        for (Saved s : arrived) waiting.put(s.seq(), s);
        List<Saved> ready = new ArrayList<>();
        for (Saved s = waiting.remove(nextSeq); s != null; s = waiting.remove(nextSeq)) {
            nextSeq++;
            if (s.originalId() >= 0) ready.add(s);
        }
        if (!ready.isEmpty()) insert(ready);
    }

    private void insert(List<Saved> saved) {
        List<ArticleRow> rows = new ArrayList<>(saved.size());
        for (Saved s : saved) rows.add(row(s));
        long[] ids;
        try {
            ids = articles.insertAll(rows, clock.instant());
        } catch (RuntimeException e) {
            if (saved.size() > 1) {
                for (Saved s : saved) insert(List.of(s)); // find the row the database refuses; the others go in
            } else {
                fail(saved.get(0).job(), e);
            }
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            Job j = saved.get(i).job();
            ledger.settled(j.file(), j.claim());
            j.claim().done().complete(ids[i]);
            Inserted in = new Inserted(j, ids[i], rows.get(i));
            pool.execute(() -> writeFile(in));
        }
    }

    private static ArticleRow row(Saved s) {
        ImportedFile f = s.job().file();
        return new ArticleRow(0, s.job().outletId(), null, null, f.canonicalUrl(), f.file().plainTitle(), f.author(),
            f.publishedAt(), f.fetchedAt(), f.contentHash(), f.file(), s.job().claim().filePath(), false, s.originalId(),
            "import", "live");
    }

    private void writeFile(Inserted in) {
        try {
            ArticleWriter.writeAtomically(archiveRoot.resolve(in.row().filePath()), in.row().file());
            marks.add(in);
        } catch (IOException | RuntimeException e) {
            in.job().finish().accept(ImportOutcome.FAILED, oneLine(e) + " (the file is written at the next start)");
        }
    }

    private void mark(List<Inserted> written) {
        try {
            articles.markFilesWritten(written.stream().map(Inserted::id).toList());
        } catch (RuntimeException e) {
            // The files are in place; recovery rewrites them (same bytes) and sets the mark at the next start.
        }
        for (Inserted in : written) in.job().finish().accept(ImportOutcome.IMPORTED, null);
    }

    private void fail(Job job, Throwable e) {
        ledger.settled(job.file(), job.claim());
        job.claim().done().completeExceptionally(e);
        job.finish().accept(ImportOutcome.FAILED, oneLine(e));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** Call once every job has finished: stops the batch threads. */
    @Override
    public void close() throws InterruptedException {
        inserts.close();
        marks.close();
    }

    /** Stops the batch threads now (an interrupted import); rows already committed are finished by recovery. */
    void abort() {
        inserts.abort();
        marks.abort();
    }
}
