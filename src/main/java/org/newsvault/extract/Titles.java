package org.newsvault.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/** Whether a heading repeats the article title (it is then dropped: the title is stored apart). */
final class Titles {
    private Titles() {}

    static boolean duplicatesTitle(Element node, String title) {
        String tag = node.normalName();
        if (title == null || title.isBlank() || !tag.equals("h1") && !tag.equals("h2")) return false;
        return similarity(title, node.text()) > 0.75;
    }

    /** Share of {@code b}'s tokens also in {@code a}, by length; CJK characters are tokens of their own. */
    static double similarity(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        if (ta.isEmpty() || tb.isEmpty()) return 0;
        List<String> unique = new ArrayList<>();
        for (String t : tb) if (!ta.contains(t)) unique.add(t);
        double distance = (double) String.join(" ", unique).length() / String.join(" ", tb).length();
        return 1 - distance;
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String word : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) continue;
            if (TextStats.cjkCount(word) == 0) {
                out.add(word);
                continue;
            }
            StringBuilder latin = new StringBuilder();
            word.codePoints().forEach(cp -> {
                if (TextStats.isCjk(cp)) {
                    if (latin.length() > 0) out.add(latin.toString());
                    latin.setLength(0);
                    out.add(new String(Character.toChars(cp)));
                } else {
                    latin.appendCodePoint(cp);
                }
            });
            if (latin.length() > 0) out.add(latin.toString());
        }
        return out;
    }
}
