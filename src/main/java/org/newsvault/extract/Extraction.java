package org.newsvault.extract;

/**
 * How a page's body was found: the outlet's content selector, or the generic scorer, and whether what came out
 * is the article or a sign that the outlet's markup has moved away from its rules. Carried out of the extractor
 * in {@link Extracted} so that rule health ({@link RuleHealth}) needs no second look at the page.
 */
public enum Extraction {
    /** The outlet's content selector matched text or images. */
    SELECTOR_MATCHED(false, "selector matched"),
    /** The outlet has a content selector and it matched nothing with content: the generic scorer stood in. */
    SELECTOR_MISSED(true, "selector matched nothing"),
    /** No selector configured; the generic scorer found a body of article length. */
    GENERIC(false, "generic extractor"),
    /** No selector configured; the generic scorer found only a short body (all its relaxed passes ran). */
    GENERIC_SHORT(true, "generic extractor came out short"),
    /** No body at all on the page (its feed's text is kept instead, when there is one). */
    NOTHING(true, "no article body found");

    private final boolean bad;
    private final String cause;

    Extraction(boolean bad, String cause) {
        this.bad = bad;
        this.cause = cause;
    }

    /** True for the outcomes that count towards "extraction rules look stale". */
    public boolean bad() {
        return bad;
    }

    /** The outcome as the status line and the log name it. */
    public String cause() {
        return cause;
    }

    /** The label value in metrics and the stored form: the constant's name in lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stored form back; null for a value this version does not know (a newer node's). */
    public static Extraction ofLabel(String label) {
        for (Extraction e : values()) if (e.label().equals(label)) return e;
        return null;
    }
}
