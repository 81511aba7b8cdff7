package org.newsvault.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bag-of-units precision/recall/F1 of extracted text against expected text: characters (whitespace
 * ignored) when the expected text is mostly CJK, lower-cased whitespace tokens otherwise.
 */
record TextOverlap(double precision, double recall, double f1, boolean cjk) {

    static TextOverlap of(String extracted, String expected) {
        boolean cjk = isCjkHeavy(expected);
        Map<String, Integer> got = bag(extracted, cjk);
        Map<String, Integer> want = bag(expected, cjk);
        long gotSize = got.values().stream().mapToLong(Integer::longValue).sum();
        long wantSize = want.values().stream().mapToLong(Integer::longValue).sum();
        long common = 0;
        for (var e : got.entrySet()) common += Math.min(e.getValue(), want.getOrDefault(e.getKey(), 0));
        double p = gotSize == 0 ? (wantSize == 0 ? 1 : 0) : (double) common / gotSize;
        double r = wantSize == 0 ? 1 : (double) common / wantSize;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new TextOverlap(p, r, f, cjk);
    }

    static boolean isCjkHeavy(String s) {
        long nonSpace = s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        return nonSpace > 0 && TextStats.cjkCount(s) * 10L > nonSpace * 3;
    }

    private static Map<String, Integer> bag(String text, boolean cjk) {
        Map<String, Integer> bag = new HashMap<>();
        if (cjk) {
            text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                    .forEach(c -> bag.merge(new String(Character.toChars(c)), 1, Integer::sum));
        } else {
            for (String t : List.of(text.toLowerCase(Locale.ROOT).split("[\\s\\u00a0\\u3000]+"))) {
                if (!t.isEmpty()) bag.merge(t, 1, Integer::sum);
            }
        }
        return bag;
    }
}
