package org.newsvault.search;

/** What was found on disk when the index was opened or inspected. */
public enum IndexState {
    /** Complete as of its last commit, closed cleanly. */
    OK,
    /**
     * Readable, but the process that wrote it did not close it (crash, SIGKILL): changes after the last
     * commit ({@link IndexStatus#lastCommit()}) may be missing. Re-add the articles changed since then,
     * or rebuild.
     */
    UNCLEAN,
    /** No index yet (first run, deleted): rebuild from the database. */
    MISSING,
    /** Present but cannot be read (corrupt, truncated, another Lucene format): rebuild. */
    UNREADABLE,
    /** Written by another version of the analysis or fields: its tokens would not match; rebuild. */
    OUTDATED;

    /** Whether the caller must rebuild from the database before the index answers truthfully. */
    public boolean needsRebuild() {
        return this == MISSING || this == UNREADABLE || this == OUTDATED;
    }
}
