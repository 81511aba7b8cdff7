package org.newsvault.watch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what a re-checked page says about an article, comparing it with the version it is known
 * to correspond to. Pure: no I/O.
 *
 * <ul>
 *   <li>Same noise-free text and same page title: {@link Kind#SAME}.</li>
 *   <li>The page has nothing like the article: no body, or text less than {@link #GONE_BELOW} similar
 *       to the known version, and in both cases none of the article's titles anywhere on the page:
 *       {@link Kind#GONE} (evidence of deletion, to be confirmed by later checks).</li>
 *   <li>A body was found but differs, or the page title changed: {@link Kind#CHANGED}.</li>
 *   <li>No body was found but the title is still there: {@link Kind#UNREADABLE} (an extraction problem,
 *       not an edit).</li>
 * </ul>
 * When the known version is the archived body of a feed-text article ({@code fromPage == false}), the
 * page's presentation differs from the feed's: the page becomes the reference ({@code SAME}) unless
 * its text is less than {@link #ADOPT_FROM} similar, and titles are not compared (feed titles and
 * page titles are written differently).
 */
final class ChangeDetector {
    static final double GONE_BELOW = 0.3;
    static final double ADOPT_FROM = 0.8;

    enum Kind { SAME, CHANGED, GONE, UNREADABLE }

    record Verdict(Kind kind, boolean titleChanged, boolean textChanged, double similarity, String reason) {}

    private ChangeDetector() {}

    /**
     * @param known    the version the article row corresponds to
     * @param now      the page as fetched now
     * @param titles   the article's known titles (current title, page title); blank ones are ignored
     */
    static Verdict compare(PageVersion known, PageVersion now, List<String> titles) {
        boolean titlePresent = titlePresent(now.pageText(), titles);
        if (!now.found()) {
            return titlePresent
                ? new Verdict(Kind.UNREADABLE, false, false, 0, "no article body found on the page")
                : new Verdict(Kind.GONE, false, false, 0, "the page has no article body and not the article's title");
        }
        boolean textChanged = !known.fingerprint().equals(now.fingerprint());
        boolean titleChanged = known.fromPage() && known.title() != null && now.title() != null
            && !NoiseFilter.title(known.title()).equals(NoiseFilter.title(now.title()));
        if (!textChanged && !titleChanged) return new Verdict(Kind.SAME, false, false, 1, null);
        double sim = textChanged ? TextSimilarity.dice(known.text(), now.text()) : 1;
        if (sim < GONE_BELOW && !titlePresent) {
            return new Verdict(Kind.GONE, false, false, sim, String.format(Locale.ROOT,
                "the page shows other text (%.0f%% similar) and not the article's title", sim * 100));
        }
        if (!known.fromPage() && sim >= ADOPT_FROM) return new Verdict(Kind.SAME, false, false, sim, null);
        return new Verdict(Kind.CHANGED, titleChanged, textChanged, sim, null);
    }

    static boolean titlePresent(String pageText, List<String> titles) {
        for (String t : titles) {
            String n = NoiseFilter.title(t);
            if (!n.isEmpty() && pageText.contains(n)) return true;
        }
        return false;
    }

    /**
     * True when a redirect took the request away from the article to a home or section page: the
     * final path is the root, an ancestor folder of the article's path, or less than half as long,
     * and the final URL no longer contains the article's id (its last path segment, or a run of 5+
     * digits in its path).
     */
    static boolean redirectedAway(URI requested, URI finalUrl) {
        if (finalUrl == null || requested.equals(finalUrl)) return false;
        String op = trimSlashes(requested.getRawPath());
        String fp = trimSlashes(finalUrl.getRawPath());
        if (op.equals(fp)) return false;
        String target = finalUrl.toString();
        for (String id : ids(op)) if (target.contains(id)) return false;
        return fp.isEmpty() || op.startsWith(fp + "/") || fp.length() * 2 < op.length();
    }

    private static List<String> ids(String path) {
        List<String> out = new ArrayList<>();
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot > 0) last = last.substring(0, dot);
        if (last.length() >= 4) out.add(last);
        var m = java.util.regex.Pattern.compile("\\d{5,}").matcher(path);
        while (m.find()) out.add(m.group());
        return out;
    }

    private static String trimSlashes(String p) {
        if (p == null) return "";
        int s = 0, e = p.length();
        while (s < e && p.charAt(s) == '/') s++;
        while (e > s && p.charAt(e - 1) == '/') e--;
        return p.substring(s, e);
    }
}
