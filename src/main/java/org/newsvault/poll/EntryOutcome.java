package org.newsvault.poll;

/** What happened to one feed item. {@code detail} is the failure reason, or null. */
public record EntryOutcome(Kind kind, Long articleId, boolean extractionFailed, String detail, long bytes) {
    public enum Kind { ARCHIVED, KNOWN, DUPLICATE, FAILED }

    static EntryOutcome known(long id) {
        return new EntryOutcome(Kind.KNOWN, id, false, null, 0);
    }

    static EntryOutcome failed(String why, boolean extractionFailed, long bytes) {
        return new EntryOutcome(Kind.FAILED, null, extractionFailed, why, bytes);
    }
}
