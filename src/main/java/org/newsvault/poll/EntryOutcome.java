package org.newsvault.poll;

/**
 * What happened to one feed item. {@code detail} is the failure reason, or null.
 *
 * <p>Kinds: ARCHIVED (a new article), KNOWN (already archived), REVISED (already archived, and this item
 * gave it a better-sourced current version), DUPLICATE (the same text as another article), FAILED (this
 * item alone: a bad link, no body, ...), NOT_STORED (the item could not be made permanent: a file or
 * database write failed — a failure of its feed, whose items are then processed again next time).
 */
public record EntryOutcome(Kind kind, Long articleId, boolean extractionFailed, String detail, long bytes) {
    public enum Kind { ARCHIVED, KNOWN, REVISED, DUPLICATE, FAILED, NOT_STORED }

    static EntryOutcome known(long id) {
        return new EntryOutcome(Kind.KNOWN, id, false, null, 0);
    }

    static EntryOutcome failed(String why, boolean extractionFailed, long bytes) {
        return new EntryOutcome(Kind.FAILED, null, extractionFailed, why, bytes);
    }

    static EntryOutcome notStored(String why, long bytes) {
        return new EntryOutcome(Kind.NOT_STORED, null, false, why, bytes);
    }
}
