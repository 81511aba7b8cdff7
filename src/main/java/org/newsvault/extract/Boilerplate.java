package org.newsvault.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * What is not article: element kinds and class/id patterns (Readability's lists plus what Chinese
 * news sites use: 推荐/相关/评论/分享 in pinyin and English, hot and rank lists, breadcrumbs, copyright
 * footers). Short tokens like {@code hot} or {@code ad} only match at a word start so that
 * {@code photo} or {@code header} are not taken for them.
 */
final class Boilerplate {
    /** Never content, anywhere on the page, also inside an outlet's selected body. */
    private static final String WIDGETS = String.join(",",
            "script", "style", "noscript", "template", "link", "meta", "button", "input", "select", "textarea",
            "[class*=addtoany]", "[class*=a2a_]", ".sharedaddy", ".jp-relatedposts", "#jp-relatedposts",
            ".share", ".shares", ".share-buttons", ".social-share", ".social-links", ".social", ".adsbygoogle",
            "[id^=div-gpt-ad]",
            "[style~=(?i)display\\s*:\\s*none]", "[style~=(?i)visibility\\s*:\\s*hidden]", "[hidden]");
    /** Page chrome that wraps an article but is never part of it (generic extraction only). */
    private static final String PAGE_CHROME = String.join(",",
            "nav", "aside", "dialog", "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]",
            "[role=complementary]", "[role=menu]", "[role=menubar]", "[role=dialog]", "[role=alertdialog]",
            "[role=alert]", "[aria-modal=true]", "[aria-hidden=true]:not(.fallback-image)");

    static final Pattern UNLIKELY = Pattern.compile("-ad-|ai2html|banner|breadcrumb|combx|comment|community"
            + "|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox"
            + "|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup"
            + "|yom-remote|recommend|tuijian|xiangguan|pinglun|guanggao|copyright|advert"
            + "|(^|[\\s_-])(hot|rank|ads?)([\\s_-]|\\d|$)", Pattern.CASE_INSENSITIVE);
    static final Pattern MAYBE = Pattern.compile("and|article|body|column|content|main|shadow|正文",
            Pattern.CASE_INSENSITIVE);
    static final Pattern POSITIVE = Pattern.compile("article|body|content|entry|hentry|h-entry|main|page"
            + "|pagination|post|text|blog|story|正文|zhengwen|neirong", Pattern.CASE_INSENSITIVE);
    static final Pattern NEGATIVE = Pattern.compile("-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment"
            + "|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share"
            + "|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|recommend|tuijian|xiangguan|pinglun"
            + "|guanggao|fenxiang|breadcrumb|copyright|advert|(^|[\\s_-])(hot|rank|ads?)([\\s_-]|\\d|$)",
            Pattern.CASE_INSENSITIVE);
    static final Pattern SHARE = Pattern.compile("(\\b|_)(share|sharedaddy|fenxiang)(\\b|_)", Pattern.CASE_INSENSITIVE);
    static final Pattern BYLINE = Pattern.compile("byline|author|dateline|writtenby|p-author", Pattern.CASE_INSENSITIVE);
    static final Set<String> UNLIKELY_ROLES =
            Set.of("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog");

    private Boilerplate() {}

    /*
     * The selectors are parsed once, and matched in one walk that tests only elements that can match:
     * an element without attributes matches only by its tag. Same result as root.select(...).remove().
     */
    private static final Evaluator WIDGET = QueryParser.parse(WIDGETS);
    private static final Set<String> WIDGET_TAGS = Set.of("script", "style", "noscript", "template", "link", "meta",
            "button", "input", "select", "textarea");
    private static final Evaluator CHROME = QueryParser.parse(PAGE_CHROME.replace(",[aria-hidden=true]:not(.fallback-image)", ""));
    private static final Evaluator ARIA_HIDDEN = QueryParser.parse("[aria-hidden=true]");
    private static final Set<String> CHROME_TAGS = Set.of("nav", "aside", "dialog");
    private static final Evaluator FRAME = QueryParser.parse("header, footer, [role=banner], [role=contentinfo]");
    private static final Set<String> FRAME_TAGS = Set.of("header", "footer");

    static {
        if (!PAGE_CHROME.endsWith(",[aria-hidden=true]:not(.fallback-image)")) throw new AssertionError(PAGE_CHROME);
    }

    static void dropWidgets(Element root) {
        List<Element> doomed = new ArrayList<>();
        Element node = root;
        while (node != null) {
            boolean match = (node.attributesSize() > 0 || WIDGET_TAGS.contains(node.normalName()))
                    && WIDGET.matches(root, node);
            if (match) doomed.add(node);
            // What is inside a removed element goes with it, except when the root itself goes (its
            // content is still used: an outlet's selected body).
            node = Dom.next(node, root, match && node != root);
        }
        for (Element e : doomed) e.remove();
    }

    /** Page chrome plus top-level header and footer (those not inside an article or main element). */
    static void dropPageChrome(Element body) {
        List<Element> doomed = new ArrayList<>();
        List<Element> frames = new ArrayList<>();
        Element node = body;
        while (node != null) {
            boolean plain = node.attributesSize() == 0;
            boolean match = (!plain || CHROME_TAGS.contains(node.normalName())) && CHROME.matches(body, node)
                    || !plain && ARIA_HIDDEN.matches(body, node) && !node.hasClass("fallback-image");
            if (match) {
                doomed.add(node);
            } else if ((!plain || FRAME_TAGS.contains(node.normalName())) && FRAME.matches(body, node)) {
                frames.add(node);
            }
            node = Dom.next(node, body, match && node != body);
        }
        for (Element e : doomed) e.remove();
        // Same order as selecting them after the removal: the survivors, in document order.
        for (Element e : frames) {
            if (e.closest("article, main, [role=main]") == null && e.parent() != null) e.remove();
        }
    }

    /** Removes the elements matched by an outlet's own selectors; a bad selector is a config error. */
    static void dropSelected(Element root, List<String> selectors) {
        for (String selector : selectors) {
            if (selector == null || selector.isBlank()) continue;
            try {
                root.select(selector).remove();
            } catch (org.jsoup.select.Selector.SelectorParseException e) {
                throw new IllegalArgumentException("invalid remove selector '" + selector + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * The class/id tests above, memoized per distinct string for one extraction: pages repeat a few
     * class names on thousands of elements, every attempt of the scorer asks again, and each test is
     * a case-insensitive regex of dozens of alternatives. Elements without class and id (most of
     * them) are answered without a regex. Not thread-safe: one per extraction.
     */
    static final class Hints {
        private static final int UNLIKELY_BIT = 1;
        private static final int BYLINE_BIT = 2;
        private static final int SHARE_BIT = 4;
        private static final int BLANK = flags(" ");
        private final Map<String, Integer> matchFlags = new HashMap<>();
        private final Map<String, Integer> weights = new HashMap<>();

        private static int flags(String match) {
            return (UNLIKELY.matcher(match).find() && !MAYBE.matcher(match).find() ? UNLIKELY_BIT : 0)
                    | (BYLINE.matcher(match).find() ? BYLINE_BIT : 0) | (SHARE.matcher(match).find() ? SHARE_BIT : 0);
        }

        private int flagsOf(Element e) {
            String className = e.className();
            String id = e.id();
            if (className.isEmpty() && id.isEmpty()) return BLANK;
            return matchFlags.computeIfAbsent(className + " " + id, Hints::flags);
        }

        /** {@link Boilerplate#isUnlikely}. */
        boolean isUnlikely(Element e) {
            return (flagsOf(e) & UNLIKELY_BIT) != 0;
        }

        /** {@link #BYLINE} finds something in {@link Boilerplate#matchString}. */
        boolean looksLikeByline(Element e) {
            return (flagsOf(e) & BYLINE_BIT) != 0;
        }

        /** {@link #SHARE} finds something in {@link Boilerplate#matchString}. */
        boolean looksLikeShare(Element e) {
            return (flagsOf(e) & SHARE_BIT) != 0;
        }

        /** {@link Boilerplate#classWeight}. */
        int classWeight(Element e) {
            return weightOf(e.className()) + weightOf(e.id());
        }

        private int weightOf(String s) {
            if (s.isEmpty()) return 0;
            return weights.computeIfAbsent(s, Boilerplate::weightOf);
        }
    }

    static String matchString(Element e) {
        return e.className() + " " + e.id();
    }

    static boolean isUnlikely(Element e) {
        String match = matchString(e);
        return UNLIKELY.matcher(match).find() && !MAYBE.matcher(match).find();
    }

    /** Readability's class weight: ±25 for a negative or positive class, and again for the id. */
    static int classWeight(Element e) {
        int weight = 0;
        for (String s : new String[] {e.className(), e.id()}) {
            if (!s.isEmpty()) weight += weightOf(s);
        }
        return weight;
    }

    private static int weightOf(String s) {
        return (NEGATIVE.matcher(s).find() ? -25 : 0) + (POSITIVE.matcher(s).find() ? 25 : 0);
    }
}
