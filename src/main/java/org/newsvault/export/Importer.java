package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.newsvault.Newsvault;
import org.newsvault.archive.OriginalStore;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.OriginalRepository;

/**
 * {@code newsvault import}: existing archive files into the archive, losslessly, once.
 *
 * <p>Per file: read and parse, resolve the outlet, decide (new, or a duplicate to link), then for a new
 * article keep the bytes as an original, commit the row and write the archive file (which reproduces the
 * input byte for byte) — {@link ArticleArchiver}'s order, so {@code Recovery} can finish a crash; see
 * {@link ImportWriter}. A duplicate is linked to the article it repeats (a sighting) and, when its bytes
 * differ, kept as an original. Reading, parsing and hashing run on {@code readers} threads, the fsync-bound
 * writes on {@code writers} threads with the database writes batched; the decisions are made in file order
 * on the calling thread by {@link ImportLedger}, so two imports of the same files decide alike. Memory is
 * bounded: at most {@value #BUDGET_MB} MB of file bytes are in flight. A file that is not in the format is
 * reported and skipped; the import goes on.
 */
public final class Importer {
    static final int BUDGET_MB = 96;
    /**
     * Write threads: each spends most of its time in fsync (three per file: blob, file, folder), and fsyncs overlap
     * well. On a busy 2-core VM one took 3–20 ms (median 21 ms in a JFR of 10,486 files under load 25), so 1,000
     * files/s needs dozens in flight: 8 threads forced about 2,000 files/s there, 32 about 3,000.
     */
    static final int WRITERS = 32;
    /** Files read ahead of the decisions (read, not yet decided). */
    private static final int MAX_IN_FLIGHT = 2048;
    /**
     * Files decided and not yet finished (being written). Enough to keep {@value #WRITERS} writers and the batches of
     * rows busy, few enough that an interrupted import drains in seconds even at a few hundred files/s.
     */
    static final int MAX_WRITING = 1024;

    private final ArticleRepository articles;
    private final OriginalStore originals;
    private final OriginalRepository originalRows;
    private final OutletResolver outlets;
    private final Path archiveRoot;
    private final Clock clock;
    private final int readers;
    private final int writers;

    Importer(ArticleRepository articles, OriginalStore originals, OriginalRepository originalRows, OutletResolver outlets,
             Path archiveRoot, Clock clock, int readers, int writers) {
        this.articles = articles;
        this.originals = originals;
        this.originalRows = originalRows;
        this.outlets = outlets;
        this.archiveRoot = archiveRoot;
        this.clock = clock;
        this.readers = readers;
        this.writers = writers;
    }

    /** An importer into {@code nv}'s archive, using every core for parsing and {@value #WRITERS} threads for writing. */
    public static Importer of(Newsvault nv) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Importer(nv.articles, nv.originals, nv.originalRows, new OutletResolver(nv.outlets, nv.settings.outlets()),
            nv.settings.archive(), nv.clock, Math.max(1, cores), WRITERS);
    }

    /**
     * Imports every article file in {@code roots} (files, or folders walked recursively).
     *
     * @throws IllegalArgumentException when a root does not exist
     * @throws IOException              when a folder cannot be walked
     */
    public ImportSummary run(List<Path> roots, ImportListener listener) throws IOException {
        return run(roots, listener, () -> false);
    }

    /**
     * As {@link #run(List, ImportListener)}, stopping early once {@code stop} says so (checked once per file, before
     * it is decided): the files decided are finished — blob, rows, file and mark, as if the import had ended there,
     * at most {@value #MAX_WRITING} of them — and the others are not written to, so the archive is as complete and
     * consistent as after a whole import and importing the same paths again does the rest. The summary counts what
     * was left.
     */
    public ImportSummary run(List<Path> roots, ImportListener listener, BooleanSupplier stop) throws IOException {
        long start = System.nanoTime();
        List<ImportSources.Source> sources = ImportSources.collect(roots);
        listener.started(sources.size());
        Run run = new Run(listener, new ImportLedger(articles.openLookups(), archiveRoot), sources.size());
        ExecutorService readPool = Executors.newFixedThreadPool(readers, threads("nv-import-read"));
        ExecutorService writePool = Executors.newFixedThreadPool(writers, threads("nv-import-write"));
        ImportWriter writer = new ImportWriter(articles, originals, originalRows, run.ledger, archiveRoot, clock, writePool);
        try {
            Deque<InFlight> window = new ArrayDeque<>();
            int queued = 0;
            boolean stopped = false;
            for (ImportSources.Source s : sources) {
                int permits = permits(s.size());
                while (!stopped && (window.size() >= MAX_IN_FLIGHT || !run.budget.tryAcquire(permits))) {
                    if (window.isEmpty()) {
                        run.budget.acquire(permits);
                        break;
                    }
                    stopped = next(window.poll(), stop, run, writer, writePool);
                }
                if (stopped) break;
                window.add(new InFlight(s.file(), permits, readPool.submit(() -> read(s)), new AtomicBoolean()));
                queued++;
            }
            while (!window.isEmpty()) {
                InFlight in = window.poll();
                if (stopped) {
                    leave(in, run);
                } else {
                    stopped = next(in, stop, run, writer, writePool);
                }
            }
            for (int i = queued; i < sources.size(); i++) run.leave();
            // Reads of files left may still be running: they end by themselves (shutdownNow would interrupt them).
            readPool.shutdown();
            readPool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            run.finished.await();
            writer.close();
        } catch (InterruptedException e) {
            writer.abort();
            Thread.currentThread().interrupt();
            throw new IOException("import interrupted");
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        } finally {
            readPool.shutdownNow();
            writePool.shutdownNow();
            run.ledger.close();
        }
        return new ImportSummary(sources.size(), run.imported.get(), run.duplicates.get(), run.skipped.get(),
            run.failed.get(), run.sanitized.get(), run.rewritten.get(), run.left.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Decides {@code in}, unless the import is to stop: then it is left (read perhaps, nothing written).
     *
     * @return true when stopping
     */
    private boolean next(InFlight in, BooleanSupplier stop, Run run, ImportWriter writer, Executor linking)
        throws InterruptedException {
        if (stop.getAsBoolean()) {
            leave(in, run);
            return true;
        }
        run.writing.acquire();
        decide(in, run, writer, linking);
        return false;
    }

    private static void leave(InFlight in, Run run) {
        // Not cancel(true): an interrupt inside H2 (a read may be creating its outlet) closes the database.
        in.read().cancel(false);
        if (in.finished().compareAndSet(false, true)) {
            run.budget.release(in.permits());
            run.leave();
        }
    }

    /** A file read or the reason it cannot be. */
    private record Read(ImportedFile file, String reason) {}

    /** A file on its way; {@code finished} makes its outcome count once, whatever path reports it. */
    private record InFlight(Path file, int permits, Future<Read> read, AtomicBoolean finished) {}

    private Read read(ImportSources.Source s) {
        try {
            return new Read(ImportedFile.read(s.file(), s.size(), outlets), null);
        } catch (ImportedFile.Unreadable e) {
            return new Read(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Read(null, "cannot import: " + oneLine(e));
        }
    }

    private void decide(InFlight in, Run run, ImportWriter writer, Executor linking) throws InterruptedException {
        Read r;
        try {
            r = in.read().get();
        } catch (ExecutionException e) {
            r = new Read(null, "cannot import: " + oneLine(e.getCause()));
        }
        if (r.reason() != null) {
            run.finish(in, ImportOutcome.SKIPPED, r.reason());
            return;
        }
        Read read = r;
        ImportLedger.Claim claim;
        try {
            claim = run.ledger.claim(read.file(), read.file().outletId());
        } catch (RuntimeException e) {
            run.finish(in, ImportOutcome.FAILED, oneLine(e));
            return;
        }
        // Links are written off this thread (and off the rows thread, which completes the Waiting ones): the
        // decisions of the files after this one do not wait for its sighting's commit.
        if (claim instanceof ImportLedger.Claim.Known k) {
            linking.execute(() -> link(in, read, k.articleId(), run));
        } else if (claim instanceof ImportLedger.Claim.Waiting w) {
            w.first().whenCompleteAsync((id, err) -> {
                if (err == null) {
                    link(in, read, id, run);
                } else {
                    run.finish(in, ImportOutcome.FAILED, "same article as an earlier file, which failed");
                }
            }, linking);
        } else if (claim instanceof ImportLedger.Claim.Fresh f) {
            writer.submit(new ImportWriter.Job(read.file(), f, (outcome, reason) -> {
                ImportedFile.Safety safety = read.file().safety();
                if (outcome == ImportOutcome.IMPORTED && !safety.kept()) {
                    run.madeSafe(safety);
                    run.finish(in, outcome, safety.describe());
                } else {
                    run.finish(in, outcome, reason);
                }
            }));
        }
    }

    private void link(InFlight in, Read r, long articleId, Run run) {
        try {
            articles.addSighting(articleId, r.file().outletId(), null, r.file().canonicalUrl(), "import", clock.instant());
            keepIfNew(r.file());
            run.finish(in, ImportOutcome.DUPLICATE, null);
        } catch (IOException | RuntimeException e) {
            run.finish(in, ImportOutcome.FAILED, oneLine(e));
        }
    }

    /**
     * A duplicate whose bytes are new (a later version of the same URL, say) is still kept as an original, so
     * an import loses nothing; identical bytes are kept once, so a second import adds nothing. The row decides,
     * not the blob: a blob whose row an interrupted run never inserted still gets its row.
     */
    private synchronized void keepIfNew(ImportedFile f) throws IOException {
        String sha = f.sha256();
        if (!originals.has(sha) || originalRows.findSame(sha, f.file().url(), ImportWriter.KIND).isEmpty()) {
            originals.save(f.file().url(), 200, List.of(), "text/markdown", f.bytes(), clock.instant(), ImportWriter.KIND);
        }
    }

    /** Budget permits are KB of file size, at least 1, at most the whole budget (a 16 MB file still fits). */
    private static int permits(long size) {
        return (int) Math.min(BUDGET_MB * 1024L, Math.max(1, size / 1024 + 1));
    }

    private static String oneLine(Throwable e) {
        return ImportWriter.oneLine(e);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counters and budget of one run; every file ends in exactly one {@link #finish}, or in {@link #leave} after a stop. */
    private static final class Run {
        final Semaphore budget = new Semaphore(BUDGET_MB * 1024);
        /** Files decided and not finished: what a stop has to wait for. */
        final Semaphore writing = new Semaphore(MAX_WRITING);
        final AtomicLong imported = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong sanitized = new AtomicLong();
        final AtomicLong rewritten = new AtomicLong();
        /** Files not imported because the import was stopped. */
        final AtomicLong left = new AtomicLong();
        final ImportListener listener;
        final ImportLedger ledger;
        final CountDownLatch finished;

        Run(ImportListener listener, ImportLedger ledger, int files) {
            this.listener = listener;
            this.ledger = ledger;
            this.finished = new CountDownLatch(files);
        }

        /** Counts an imported file that is archived in a safe form instead of its own bytes. */
        void madeSafe(ImportedFile.Safety safety) {
            if (safety.bodySanitized()) sanitized.incrementAndGet();
            if (safety.headerRewritten()) rewritten.incrementAndGet();
        }

        /** A file the import stopped before (not read, nothing written): counted as left, not reported. */
        void leave() {
            left.incrementAndGet();
            finished.countDown();
        }

        void finish(InFlight in, ImportOutcome outcome, String reason) {
            if (!in.finished().compareAndSet(false, true)) return;
            budget.release(in.permits());
            writing.release();
            (switch (outcome) {
                case IMPORTED -> imported;
                case DUPLICATE -> duplicates;
                case SKIPPED -> skipped;
                case FAILED -> failed;
            }).incrementAndGet();
            try {
                listener.finished(in.file(), outcome, reason);
            } finally {
                finished.countDown();
            }
        }
    }
}
