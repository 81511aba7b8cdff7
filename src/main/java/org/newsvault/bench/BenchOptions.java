package org.newsvault.bench;

import java.nio.file.Path;

/**
 * How big a benchmark to run.
 *
 * @param feeds       feeds of each kind (teaser and full-text)
 * @param items       items per feed
 * @param archiveSize rows already archived in the large-archive phase
 * @param corpus      folder of outlet corpora ({@link Corpus#DEFAULT_DIR}); the bundled sample when absent
 * @param workDir     where the throwaway data directories go; null for a new temp directory
 * @param keep        keep the data directories afterwards (to inspect or profile them)
 * @param stageSample pages for the per-stage breakdown (0 skips it)
 */
public record BenchOptions(int feeds, int items, long archiveSize, Path corpus, Path workDir, boolean keep,
                           int stageSample) {
    public static final int DEFAULT_FEEDS = 20;
    public static final int DEFAULT_ITEMS = 50;
    public static final long DEFAULT_ARCHIVE = 100_000;

    public BenchOptions {
        if (feeds < 1 || items < 1) throw new IllegalArgumentException("--feeds and --items must be at least 1");
        if (archiveSize < 0) throw new IllegalArgumentException("--archive-size must not be negative");
        if (stageSample < 0) throw new IllegalArgumentException("stage sample must not be negative");
    }

    public static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_FEEDS, DEFAULT_ITEMS, DEFAULT_ARCHIVE, Corpus.DEFAULT_DIR, null, false, 100);
    }
}
