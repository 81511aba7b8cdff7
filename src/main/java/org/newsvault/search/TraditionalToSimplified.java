package org.newsvault.search;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Maps every Traditional Han character of a token to its Simplified form (習 to 习, 國 to 国), one
 * character for one character, so offsets stay exact. The table is ICU's Traditional-Simplified
 * transform (from Unihan) applied once per character it can change, at class load: running the rule
 * based transform per token costs several times the rest of the analysis, a table lookup nothing.
 */
final class TraditionalToSimplified extends TokenFilter {
    /** Code point to code point; only characters the transform changes into a single character. */
    private static final Map<Integer, Integer> TABLE = table();
    /** The BMP part of the table as an array (0: unchanged): the lookup of nearly every character. */
    private static final char[] BMP = bmp();
    private static final int MIN = TABLE.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    TraditionalToSimplified(TokenStream in) {
        super(in);
    }

    static int size() {
        return TABLE.size();
    }

    static int map(int codePoint) {
        if (codePoint < MIN) return codePoint;
        if (codePoint < BMP.length) return BMP[codePoint] == 0 ? codePoint : BMP[codePoint];
        Integer to = TABLE.get(codePoint);
        return to == null ? codePoint : to;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        char[] buf = term.buffer();
        int len = term.length();
        for (int i = 0; i < len; ) {
            int cp = Character.codePointAt(buf, i, len);
            int n = Character.charCount(cp);
            if (cp >= MIN) {
                int to = map(cp);
                // Same length only (a BMP character for a BMP one): the token's offsets stay true.
                if (to != cp && Character.charCount(to) == n) Character.toChars(to, buf, i);
            }
            i += n;
        }
        return true;
    }

    private static char[] bmp() {
        char[] out = new char[0x10000];
        TABLE.forEach((from, to) -> {
            if (from < out.length && to < out.length) out[from] = (char) (int) to;
        });
        return out;
    }

    private static Map<Integer, Integer> table() {
        Transliterator t = Transliterator.getInstance(SearchAnalyzer.TRANSFORM);
        UnicodeSet source = t.getSourceSet();
        Map<Integer, Integer> out = new HashMap<>();
        StringBuilder all = new StringBuilder();
        for (String s : source) {
            int cp = s.codePointAt(0);
            if (s.length() != Character.charCount(cp) || !Character.isIdeographic(cp)) continue;
            all.appendCodePoint(cp).append('\n');
        }
        // One call over "c\n" lines: each character converted alone, without context.
        String[] from = all.toString().split("\n");
        String[] to = t.transliterate(all.toString()).split("\n", -1);
        for (int i = 0; i < from.length && i < to.length; i++) {
            String f = from[i];
            String s = to[i];
            if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) continue;
            int a = f.codePointAt(0);
            int b = s.codePointAt(0);
            if (a != b) out.put(a, b);
        }
        return Map.copyOf(out);
    }
}
