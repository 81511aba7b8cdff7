package org.newsvault.store;

/**
 * The widths of the stored text columns, and the one rule for a value that does not fit: cut it and end
 * it with {@code …}. A hostile feed can send a title of any length; an insert that fails on
 * "Value too long" would lose the item (or, before, the whole poll), so every value headed for a
 * bounded column goes through {@link #cut} first. Values that are identity (a canonical URL) are never
 * cut: callers refuse them as that item's error instead, see {@link #fits}.
 */
public final class Columns {
    public static final int URL = 4000;
    public static final int GUID = 4000;
    public static final int TITLE = 4000;
    public static final int AUTHOR = 1000;
    public static final int ETAG = 1000;
    public static final int LAST_MODIFIED = 200;
    public static final String MARK = "…";

    private Columns() {}

    /** {@code s} when it fits {@code max} chars, else its first chars and {@link #MARK}; null stays null. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = max - MARK.length();
        // never split a surrogate pair: half a character would be stored as '?'
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, Math.max(end, 0)) + MARK;
    }

    /** True when {@code s} is null or fits {@code max} chars. */
    public static boolean fits(String s, int max) {
        return s == null || s.length() <= max;
    }
}
