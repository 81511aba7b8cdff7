package org.newsvault.fetch;

/**
 * The kinds of work the {@link Frontier} serves, most urgent first: a ready host always serves its feed polls before
 * its article pages, and those before re-checks, and images last, so a backlog of re-checks or images never delays a
 * feed.
 */
public enum Priority {
    /** A feed document: what every poll waits for first. */
    FEED,
    /** An article page of a feed item. */
    PAGE,
    /** A re-check of an archived article for edits and deletions. */
    RECHECK,
    /** An archived article's image (the images stage): last, so images never hold up a feed, a page or a re-check. */
    IMAGE
}
