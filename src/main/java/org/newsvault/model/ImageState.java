package org.newsvault.model;

import java.util.Locale;

/**
 * Where one (article, image URL) stands. PENDING and FAILED are the states the image worker still fetches (FAILED
 * once its backoff has passed); the others are final.
 */
public enum ImageState {
    /** Row made, not fetched yet. */
    PENDING,
    /** The bytes are kept: an original of kind {@code image}. */
    STORED,
    /** Larger than the per-image cap, or than what the article's cap had left. */
    TOO_LARGE,
    /** The bytes are not JPEG, PNG, GIF, WebP or AVIF (SVG is refused on purpose: it is a script host). */
    NOT_IMAGE,
    /** Transient (network, 5xx, 429, a refused address...): retried later with backoff. */
    FAILED,
    /** 404 or 410: the outlet removed it. */
    GONE;

    public String dbValue() { return name().toLowerCase(Locale.ROOT); }

    public static ImageState fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Whether the worker may still fetch it. */
    public boolean open() { return this == PENDING || this == FAILED; }
}
