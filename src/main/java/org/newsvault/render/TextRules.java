package org.newsvault.render;

/** The character rules of FORMAT.md's "Common rules", shared by the writer, the builder and the lists. */
final class TextRules {
    private TextRules() {}

    static boolean isControl(int c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    /**
     * Whitespace as JavaScript's {@code String.prototype.trim} sees it (the existing archives'
     * writers are JavaScript): includes U+00A0, U+3000, U+FEFF and every Zs space.
     */
    static boolean isTrimmable(int c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0xFEFF
                || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    static String trim(String s) {
        int b = 0, e = s.length();
        while (b < e && isTrimmable(s.charAt(b))) b++;
        while (e > b && isTrimmable(s.charAt(e - 1))) e--;
        return s.substring(b, e);
    }

    /** Removes control characters; {@code keepLf} keeps U+000A (bodies keep line structure until joined). */
    static String stripControls(String s, boolean keepLf) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = isControl(c) && !(keepLf && c == '\n');
            if (drop && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (!drop && sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * A single-line text (title, author, site): each line break (CRLF, CR, LF, NEL, U+2028,
     * U+2029) and tab becomes one space, so words on two lines stay two words; other control
     * characters go; then the ends are trimmed.
     */
    static String oneLine(String s) {
        if (s == null) return "";
        String spaced = s.replace("\r\n", " ").replaceAll("[\\r\\n\\t\\x{85}\\x{2028}\\x{2029}]", " ");
        return trim(stripControls(spaced, false));
    }

    /**
     * True for the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
     * reorder what follows, so {@code \u202Egpj.exe} shows as {@code exe.jpg}. The marks U+200E, U+200F and
     * U+061C are kept: they only nudge neutral characters and real right-to-left text needs them; the
     * zero-width joiners (U+200C, U+200D) are kept for Persian and emoji sequences.
     */
    static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** {@link #oneLine} without bidi controls: the rule for titles, authors and site names. */
    static String cleanLine(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = isBidiControl(c);
            if (drop && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (!drop && sb != null) sb.append(c);
        }
        return oneLine(sb == null ? s : sb.toString());
    }
}
