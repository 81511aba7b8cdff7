package org.newsvault.export;

/** What became of one file of an import. */
public enum ImportOutcome {
    /** A new article: row, original and archive file written. */
    IMPORTED,
    /** Already archived (same canonical URL or same text): linked as a sighting, nothing added. */
    DUPLICATE,
    /** Not an article file in the format (or not storable); the reason says why. */
    SKIPPED,
    /** An article that could not be stored or written (disk, database); the reason says why. */
    FAILED
}
