package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.poll.Recovery;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.OriginalRepository;

/**
 * Makes new imported articles permanent in {@link org.newsvault.poll.ArticleArchiver}'s order — original (blob,
 * then row), article row (file not yet written), file, mark — but with the database writes batched: the blobs and
 * files are written on a pool of threads (each is fsynced; the fsyncs overlap), the original and article rows are
 * inserted by one {@link Batcher} (two transactions per batch: originals, then articles) in the order the jobs
 * were submitted (so article ids follow the file order and two imports of the same files number them alike), and
 * the files are marked written by another, one transaction per batch. A crash between blob and row leaves a blob
 * that the next run reuses; between original row and article row, an original row the next run finds
 * ({@link OriginalRepository#findSame}) and links; between row and mark, rows that {@link Recovery} completes at
 * the next start, as for a poll.
 */
final class ImportWriter implements AutoCloseable {
    /** One new article to write; {@code finish} is told its outcome exactly once. */
    record Job(ImportedFile file, ImportLedger.Claim.Fresh claim, BiConsumer<ImportOutcome, String> finish) {}

    /**
     * A job whose blob is kept: its original row is {@code originalId}, or is still to be inserted (0); or a job that
     * failed before ({@code job == null}), which only moves the order on.
     */
    private record Saved(long seq, Job job, String sha256, long originalId) {}

    private record Inserted(Job job, long id, ArticleRow row) {}

    private static final int BATCH = 256;
    /** Rows wait this long for company: later files' duplicates wait for their ids, so not long. */
    private static final Duration ROWS_LINGER = Duration.ofMillis(20);
    /** A mark only spares the next start rewriting the file (same bytes), so it can wait for many more. */
    private static final Duration MARKS_LINGER = Duration.ofMillis(250);
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
        this.inserts = new Batcher<>("nv-import-rows", BATCH, ROWS_LINGER, this::inOrder, (s, e) -> {
            if (s.job() != null) fail(s.job(), e);
        });
        this.marks = new Batcher<>("nv-import-marks", BATCH, MARKS_LINGER, this::mark,
            (in, e) -> in.job().finish().accept(ImportOutcome.FAILED, oneLine(e)));
    }

    /** Call in file order, from one thread: the rows get their ids in this order. */
    void submit(Job job) {
        long seq = submitted.getAndIncrement();
        pool.execute(() -> {
            try {
                inserts.add(keep(seq, job));
            } catch (IOException | RuntimeException e) {
                fail(job, e);
                inserts.add(new Saved(seq, null, null, 0));
            }
        });
    }

    /**
     * The file's bytes as an original, once: an import killed after the original's row was committed but before
     * its article row finds that row on the next run (same bytes, URL and kind) and links it, so a WARC of the
     * archive holds each imported file once. Only a blob that was there already can have such a row (a row whose
     * blob is gone is not trusted: the bytes are saved anew and get a row of their own).
     */
    private Saved keep(long seq, Job job) throws IOException {
        ImportedFile f = job.file();
        OriginalStore.Blob blob = originals.saveBlob(f.bytes());
        long reused = 0;
        if (blob.existed()) reused = originalRows.findSame(blob.sha256(), f.file().url(), KIND).map(o -> o.id()).orElse(0L);
        return new Saved(seq, job, blob.sha256(), reused);
    }

    /** Blobs finish in any order; rows are inserted in submission order, as far as it is complete. */
    private void inOrder(List<Saved> arrived) {
        for (Saved s : arrived) waiting.put(s.seq(), s);
        List<Saved> ready = new ArrayList<>();
        for (Saved s = waiting.remove(nextSeq); s != null; s = waiting.remove(nextSeq)) {
            nextSeq++;
            if (s.job() != null) ready.add(s);
        }
        if (!ready.isEmpty()) insert(withOriginalRows(ready));
    }

    /** The originals' rows of those that need one, in one transaction; a job whose row cannot be made fails. */
    private List<Saved> withOriginalRows(List<Saved> ready) {
        List<OriginalRepository.NewOriginal> rows = new ArrayList<>();
        for (Saved s : ready) {
            if (s.originalId() == 0) rows.add(new OriginalRepository.NewOriginal(s.sha256(), s.job().file().file().url(), 200,
                List.of(), "text/markdown", clock.instant(), s.job().file().bytes().length, KIND));
        }
        long[] ids;
        try {
            ids = originalRows.insertAll(rows);
        } catch (RuntimeException e) {
            List<Saved> kept = new ArrayList<>();
            for (Saved s : ready) {
                if (s.originalId() != 0) kept.add(s);
                else fail(s.job(), e);
            }
            return kept;
        }
        List<Saved> out = new ArrayList<>(ready.size());
        int next = 0;
        for (Saved s : ready) out.add(s.originalId() != 0 ? s : new Saved(s.seq(), s.job(), s.sha256(), ids[next++]));
        return out;
    }

    private void insert(List<Saved> saved) {
        if (saved.isEmpty()) return;
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
        return new ArticleRow(0, f.outletId(), null, null, f.canonicalUrl(), f.file().plainTitle(), f.author(),
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
