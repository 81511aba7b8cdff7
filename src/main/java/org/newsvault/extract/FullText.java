package org.newsvault.extract;

import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * Decides whether a feed item's content is only a teaser, so the pipeline fetches the page: the
 * visible text is short (under about 300 Chinese characters or 600 Latin ones: a CJK character
 * counts twice), or it ends the way excerpts end ("…", "[…]", "阅读全文", "Continue reading").
 */
public final class FullText {
    static final int MIN_WEIGHTED_LENGTH = 600;
    private static final List<String> TEASER_ENDINGS = List.of("阅读全文", "閱讀全文", "阅读更多", "閱讀更多", "继续阅读", "繼續閱讀", "查看全文", "点击查看",
            "continue reading", "read more", "read the full story", "read the full article", "read full article");
    private static final java.util.regex.Pattern ELLIPSIS_END =
            java.util.regex.Pattern.compile("(…|\\.{3})[\\s\\])】)»›>]*$");
    private static final String TRAILING_DECORATION = "[\\s»›→>\\]\\[)(»】【.:：!！。]+$";

    private FullText() {}

    /** For markup not parsed yet: parses it (within a standard budget) for {@link #isTeaser(Element)}. */
    public static boolean isTeaser(String feedHtml) {
        if (feedHtml == null || feedHtml.isBlank()) return true;
        return isTeaser(HtmlTrees.parseFragment(feedHtml, "", WorkBudget.standard()).body());
    }

    /** The check on a body already parsed (its children are the body), which it does not change. */
    public static boolean isTeaser(Element body) {
        if (body == null) return true;
        String text = body.text().trim();
        if (text.isEmpty()) return true;
        if (endsLikeExcerpt(text)) return true;
        return TextStats.weightedLength(text.replaceAll("\\s+", "")) < MIN_WEIGHTED_LENGTH;
    }

    private static boolean endsLikeExcerpt(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (ELLIPSIS_END.matcher(lower).find()) return true;
        String stripped = lower.replaceAll(TRAILING_DECORATION, "");
        for (String ending : TEASER_ENDINGS) {
            if (!stripped.endsWith(ending)) continue;
            int before = stripped.length() - ending.length() - 1;
            if (before < 0 || !Character.isLetter(stripped.charAt(before)) || TextStats.cjkCount(ending) > 0) return true;
        }
        return false;
    }
}
