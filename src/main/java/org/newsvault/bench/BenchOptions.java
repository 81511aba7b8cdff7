package org.newsvault.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.newsvault.config.HttpSettings;

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
 * @param politeHosts hosts of the polite phase (0 skips it)
 * @param politePages teaser pages per host in the polite phase
 * @param politeGap   per-host gap of the polite phase (the shipped default unless a test needs it short)
 * @param politeLimit seconds after which the polite poll is stopped; null for 30 × its bound
 * @param politeOnly  run the polite phase alone
 */
public record BenchOptions(int feeds, int items, long archiveSize, Path corpus, Path workDir, boolean keep,
                           int stageSample, int politeHosts, int politePages, Duration politeGap, Double politeLimit,
                           boolean politeOnly) {
    public static final int DEFAULT_FEEDS = 20;
    public static final int DEFAULT_ITEMS = 50;
    public static final long DEFAULT_ARCHIVE = 100_000;
    public static final int DEFAULT_POLITE_HOSTS = 20;
    public static final int DEFAULT_POLITE_PAGES = 50;

    public BenchOptions {
        if (feeds < 1 || items < 1) throw new IllegalArgumentException("--feeds and --items must be at least 1");
        if (archiveSize < 0) throw new IllegalArgumentException("--archive-size must not be negative");
        if (stageSample < 0) throw new IllegalArgumentException("stage sample must not be negative");
        if (politeHosts < 0 || politePages < 1) {
            throw new IllegalArgumentException("--polite-hosts must not be negative and --polite-pages must be at least 1");
        }
        if (politeOnly && politeHosts == 0) throw new IllegalArgumentException("--polite-only needs --polite-hosts > 0");
        if (politeLimit != null && !(politeLimit > 0)) throw new IllegalArgumentException("--polite-limit must be positive");
        politeGap = politeGap == null ? HttpSettings.DEFAULTS.perHostGap() : politeGap;
    }

    /** Without the polite phase. */
    public BenchOptions(int feeds, int items, long archiveSize, Path corpus, Path workDir, boolean keep, int stageSample) {
        this(feeds, items, archiveSize, corpus, workDir, keep, stageSample, 0, DEFAULT_POLITE_PAGES, null, null, false);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_FEEDS, DEFAULT_ITEMS, DEFAULT_ARCHIVE, Corpus.DEFAULT_DIR, null, false, 100,
            DEFAULT_POLITE_HOSTS, DEFAULT_POLITE_PAGES, null, null, false);
    }
}
