package org.newsvault.export;

import java.util.Locale;

/** The shapes {@code newsvault export} writes. */
public enum ExportFormat {
    /** The article files as stored (byte for byte for imported ones) in the archive's layout, plus list pages. */
    SEED,
    /** A Jekyll site: {@code _posts/<date>-<slug>.md}, {@code _config.yml}, a layout and an index. */
    JEKYLL,
    /** One JSON object per article and line. */
    JSONL,
    /** The kept originals as WARC 1.1, with metadata records linking them to their articles. */
    WARC;

    public static ExportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be seed, jekyll, jsonl or warc, not '" + s + "'");
        }
    }
}
