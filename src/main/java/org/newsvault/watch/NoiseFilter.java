package org.newsvault.watch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.newsvault.model.ContentHash;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * What a page may change on every load without the article being edited: time and date widgets,
 * "x 分钟前", view counters, ads, related-story and share boxes. Removed before two versions are
 * compared, never from what is archived.
 *
 * <p>Two passes, on trees already parsed (a page's copy of its extracted body; an archived body parsed once),
 * every walk within a {@link WorkBudget}. {@link #stripElements} runs on extracted, not yet sanitized HTML, while class and id
 * still say what an element is; an element holding a third or more of the text is kept whatever its
 * class (a wrapper called {@code article share-enabled} is the article). {@link #withoutNoise} runs on the
 * visible text and removes relative times, counters and "updated at" stamps by pattern.
 */
final class NoiseFilter {
    /** Class or id words of volatile blocks, matched as whole words separated by space, - or _. */
    private static final Pattern VOLATILE = Pattern.compile("(?i)(?:^|[\\s_-])(?:ad|ads|adv|advert\\w*|adsbygoogle|banner"
        + "|sponsor\\w*|promo\\w*|related|recommend\\w*|more-stories|share|sharing|social|view|views|viewcount|pv|hits"
        + "|counter|read-count|readcount|timestamp|timeago|time-ago|date|dateline|updated|comments?)(?:$|[\\s_-])");
    private static final String ALWAYS_SELECTOR = String.join(",", "time", "script", "style", "noscript", "iframe",
        "ins.adsbygoogle", "form", "button");

    // Numbers are matched possessively and only from the start of a run of digits, so a page of digits
    // costs linear time.
    private static final List<Pattern> TEXT_NOISE = List.of(
        // relative times: 5 分钟前, 3小時前, 刚刚, 2 hours ago
        Pattern.compile("(?<!\\d)\\d++\\s*+(?:秒钟?|秒鐘|分钟|分鐘|分|小时|小時|个小时|個小時|天|日|周|週|星期|个月|個月|月|年)\\s*前"),
        Pattern.compile("剛剛|刚刚|just now", Pattern.CASE_INSENSITIVE),
        Pattern.compile("(?<!\\d)\\d++\\s*+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago",
            Pattern.CASE_INSENSITIVE),
        // counters: 阅读 1,234 / 浏览量：3.2万 / 1234 次阅读 / 12k views
        Pattern.compile("(?:阅读量|閱讀量|阅读数|閱讀數|阅读|閱讀|浏览量|瀏覽量|浏览|瀏覽|观看|觀看|点击|點擊|播放|人气|人氣|views?|reads?|hits)"
            + "\\s*[:：]?\\s*[\\d,.]+\\s*(?:万|萬|千|k|K|m|M)?\\s*(?:次|人)?", Pattern.CASE_INSENSITIVE),
        Pattern.compile("(?<![\\d,.])[\\d,.]++\\s*+(?:万|萬|千|k|K)?\\s*(?:次阅读|次閱讀|次浏览|次瀏覽|次观看|次觀看|次播放|人阅读|人閱讀|人浏览|人瀏覽"
            + "|views?|reads)", Pattern.CASE_INSENSITIVE),
        // "updated" stamps with their date/time: 更新于 2024-06-20 12:30, 最後更新：6月20日 12:30, Updated: Jun 20, 2024
        Pattern.compile("(?:最后更新|最後更新|更新时间|更新時間|更新于|更新於|更新|last updated|updated)\\s*[:：]?\\s*"
            + "(?:\\d{4}\\s*[-/.年]\\s*)?(?:\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?)?\\s*(?:\\d{1,2}[:：]\\d{2}(?:[:：]\\d{2})?)?",
            Pattern.CASE_INSENSITIVE));

    private NoiseFilter() {}

    /** The extracted HTML without volatile elements (unsanitized in, unsanitized out); parsed within a budget. */
    static String stripElements(String html) {
        if (html == null) return "";
        WorkBudget budget = WorkBudget.standard();
        Element body = HtmlTrees.parseFragment(html, "", budget).body();
        stripElements(body, budget);
        return body.html();
    }

    /**
     * Removes the volatile elements from an extracted, not yet sanitized body (its children), within
     * {@code budget}. The body need not be in a document (a copy of the page's body is).
     */
    static void stripElements(Element body, WorkBudget budget) {
        HtmlTrees.removeAll(body.select(ALWAYS_SELECTOR), budget);
        int total = body.text().length();
        List<Element> doomed = new ArrayList<>();
        Set<Element> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element e : body.select("[class], [id]")) {
            budget.tick();
            if (e == body || within(e, gone, body)) continue; // goes with an ancestor
            String words = e.className() + " " + e.id();
            if (VOLATILE.matcher(words).find() && e.text().length() * 3 < Math.max(total, 1)) {
                doomed.add(e);
                gone.add(e);
            }
        }
        HtmlTrees.removeAll(doomed, budget);
    }

    /** True when an ancestor of {@code e} below {@code root} is in {@code gone}. */
    private static boolean within(Element e, Set<Element> gone, Element root) {
        if (gone.isEmpty()) return false;
        for (Element p = e.parent(); p != null && p != root; p = p.parent()) {
            if (gone.contains(p)) return true;
        }
        return false;
    }

    /** Visible text of sanitized HTML, with volatile phrases removed and whitespace normalised. */
    static String text(String sanitizedHtml) {
        String t = sanitizedHtml == null ? "" : HtmlTrees.parseFragment(sanitizedHtml, "", WorkBudget.standard()).text();
        return withoutNoise(t);
    }

    /**
     * The comparison text of sanitized HTML (an archived body): parsed once, volatile elements removed, then
     * {@link #withoutNoise}. The same as {@code text(stripElements(html))}, without the second parse.
     */
    static String comparableText(String sanitizedHtml) {
        if (sanitizedHtml == null) return withoutNoise("");
        WorkBudget budget = WorkBudget.standard();
        Element body = HtmlTrees.parseFragment(sanitizedHtml, "", budget).body();
        stripElements(body, budget);
        return withoutNoise(body.text());
    }

    /** Visible text with volatile phrases removed and whitespace normalised. */
    static String withoutNoise(String visibleText) {
        String t = visibleText == null ? "" : visibleText;
        for (Pattern p : TEXT_NOISE) t = p.matcher(t).replaceAll(" ");
        return ContentHash.normalizedText(t);
    }

    /** A title as compared: trimmed, whitespace runs as one space. */
    static String title(String title) {
        return title == null ? "" : ContentHash.normalizedText(title);
    }
}
