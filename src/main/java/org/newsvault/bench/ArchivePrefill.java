package org.newsvault.bench;

import java.time.Instant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.Database;
import org.newsvault.store.PrefillRows;

/**
 * Fills the archive tables with {@code rows} small articles (and their own sightings) by batched JDBC
 * inserts, writing no files: a stand-in for years of archive, built in seconds, so the benchmark can show
 * that the cost of a poll does not grow with the archive. Rows are marked written so startup recovery
 * leaves them alone; the data directory is thrown away afterwards.
 */
final class ArchivePrefill {
    private ArchivePrefill() {}

    /** How many articles of {@code outletId} the archive holds (a kept bench archive is reused when complete). */
    static long count(Database db, String outletId) {
        try {
            return new ArticleRepository(db).countByOutlet().getOrDefault(outletId, 0L);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot count the bench archive: " + e.getMessage(), e);
        }
    }

    /** @param outletId an outlet that exists in the database */
    static void fill(Database db, String outletId, long rows) {
        fill(db, outletId, rows, null);
    }

    /**
     * As {@link #fill(Database, String, long)}, with the titles and bodies of {@code corpus}'s real stories
     * (numbered, so every row is its own article): what a search index and the article pages see in a real
     * archive. Null: the small synthetic bodies.
     */
    static void fill(Database db, String outletId, long rows, Corpus corpus) {
        Instant start = Instant.parse("2015-01-01T00:00:00Z");
        try {
            PrefillRows.fill(db, outletId, rows, i -> row(outletId, i, start.plusSeconds(120 * i), corpus));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot prefill the bench archive: " + e.getMessage(), e);
        }
    }

    private static PrefillRows.Row row(String outletId, long i, Instant at, Corpus texts) {
        String url = "https://archive.bench.invalid/" + outletId + "/" + i;
        Corpus.Story story = texts == null ? null : texts.story(i);
        String title = story == null ? "存档文章 " + i : story.title() + " " + i;
        String day = at.toString().substring(0, 10);
        return new PrefillRows.Row(url, title, "基准", at, hash(i), "layout: post\ntitle: \"" + title + "\"",
            String.valueOf(at.toEpochMilli()), story == null ? "<div>\n<p>存档正文 " + i + "：过去多年的一篇报道。</p>\n</div>"
                : "<div>\n" + story.bodyHtml() + "\n<p>第 " + i + " 篇</p>\n</div>",
            outletId + "/" + day.substring(0, 4) + "/" + day + "-" + String.format("%010x", i) + ".md");
    }

    /**
     * A content hash spread over the whole key space like a real SHA-256: sequential hashes would all sort
     * before every new article's, so each new one would land at the tail of the index, as in an empty archive,
     * and the phase would not show what a large index costs. (SplitMix64, not SHA-256: cheap for a million rows.)
     */
    static String hash(long i) {
        StringBuilder sb = new StringBuilder(64);
        long x = i;
        for (int k = 0; k < 4; k++) {
            x = mix(x + 0x9E3779B97F4A7C15L * (k + 1));
            sb.append(java.util.HexFormat.of().toHexDigits(x));
        }
        return sb.toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
