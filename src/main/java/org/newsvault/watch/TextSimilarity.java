package org.newsvault.watch;

import java.util.HashMap;
import java.util.Map;

/**
 * How much of one text is in another: the Dice coefficient of their character-bigram multisets
 * (spaces ignored), from 0 (nothing shared) to 1 (same bigrams). Character bigrams suit Chinese,
 * which has no spaces between words, and cost linear time, so whole articles can be compared on
 * every re-check. Only the first {@link #MAX_CHARS} characters of each text count, which bounds the
 * memory a hostile page can make it use (articles are far shorter).
 */
final class TextSimilarity {
    static final int MAX_CHARS = 100_000;

    private TextSimilarity() {}

    static double dice(String a, String b) {
        int[] x = codePoints(a);
        int[] y = codePoints(b);
        if (x.length < 2 || y.length < 2) return java.util.Arrays.equals(x, y) ? 1.0 : 0.0;
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i + 1 < x.length; i++) counts.merge(pair(x, i), 1, Integer::sum);
        int shared = 0;
        for (int i = 0; i + 1 < y.length; i++) {
            Integer c = counts.get(pair(y, i));
            if (c != null && c > 0) {
                shared++;
                counts.put(pair(y, i), c - 1);
            }
        }
        return 2.0 * shared / ((x.length - 1) + (y.length - 1));
    }

    private static long pair(int[] cps, int i) {
        return ((long) cps[i] << 32) | (cps[i + 1] & 0xffffffffL);
    }

    private static int[] codePoints(String s) {
        return s == null ? new int[0] : s.codePoints().filter(c -> !Character.isWhitespace(c)).limit(MAX_CHARS).toArray();
    }
}
