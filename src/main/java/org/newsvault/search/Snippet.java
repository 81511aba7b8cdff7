package org.newsvault.search;

import java.util.List;

/**
 * A piece of archived text with the query's matches marked. {@code text} is plain text, exactly as
 * archived (never markup); {@code matches} are sorted, disjoint char ranges into it. {@code cutBefore} /
 * {@code cutAfter} say that the text continues before / after the snippet.
 */
public record Snippet(String text, List<Range> matches, boolean cutBefore, boolean cutAfter) {
    /** Chars {@code [start, end)} of the snippet's text. */
    public record Range(int start, int end) {
        public Range {
            if (start < 0 || end < start) throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
    }

    public static final Snippet EMPTY = new Snippet("", List.of(), false, false);

    public Snippet {
        matches = List.copyOf(matches);
        for (Range r : matches) {
            if (r.end() > text.length()) throw new IllegalArgumentException("range past the text: " + r);
        }
    }

    /**
     * The snippet as HTML: the text escaped for an element's content or a quoted attribute, the matches
     * in {@code <mark>}, an ellipsis where it was cut. Archived text is hostile; escaping it here, in one
     * place, means a {@code <script>} in a body arrives as text.
     */
    public String html() {
        StringBuilder out = new StringBuilder(text.length() + 16 * matches.size() + 2);
        if (cutBefore) out.append('\u2026');
        int at = 0;
        for (Range r : matches) {
            escape(text, at, r.start(), out);
            out.append("<mark>");
            escape(text, r.start(), r.end(), out);
            out.append("</mark>");
            at = r.end();
        }
        escape(text, at, text.length(), out);
        if (cutAfter) out.append('\u2026');
        return out.toString();
    }

    static void escape(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
