package org.newsvault.extract;

import org.jsoup.nodes.Element;

/**
 * Text measures used by scoring and cleaning, written so Chinese counts: CJK characters carry about
 * twice the information of a Latin letter, and Chinese punctuation separates clauses like commas do.
 */
final class TextStats {
    private static final String CJK_PUNCTUATION = "，。！？；：、“”「」《》『』（）…";

    private TextStats() {}

    /** Visible text with whitespace runs collapsed, as Readability's innerText. */
    static String text(Element e) {
        return e.text();
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    static int cjkCount(String s) {
        return (int) s.codePoints().filter(TextStats::isCjk).count();
    }

    /** Length with CJK characters counted twice, so thresholds tuned on English fit Chinese too. */
    static int weightedLength(String s) {
        return s.length() + cjkCount(s);
    }

    /** Clause separators: ASCII commas plus the full set of CJK punctuation marks. */
    static int clauseMarks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '\u060C' || CJK_PUNCTUATION.indexOf(c) >= 0) n++;
        }
        return n;
    }

    /** True when a sentence ends inside: ". " or a Chinese full stop, question or exclamation mark. */
    static boolean hasSentenceEnd(String s) {
        return s.matches("(?s).*\\.( |$).*") || s.indexOf('。') >= 0 || s.indexOf('！') >= 0 || s.indexOf('？') >= 0;
    }

    /** Share of the text that sits inside links; in-page (#) links count less, like Readability. */
    static double linkDensity(Element e) {
        int total = text(e).length();
        if (total == 0) return 0;
        double links = 0;
        for (Element a : e.getElementsByTag("a")) {
            double coefficient = a.attr("href").startsWith("#") && a.attr("href").length() > 1 ? 0.3 : 1;
            links += text(a).length() * coefficient;
        }
        return links / total;
    }

    /** Share of the text inside descendants with one of {@code tags}. */
    static double textDensity(Element e, String tags) {
        int total = text(e).length();
        if (total == 0) return 0;
        int inner = 0;
        for (Element child : e.select(tags)) {
            if (child != e) inner += text(child).length();
        }
        return (double) inner / total;
    }
}
