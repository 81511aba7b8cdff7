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
            boolean match = mayBeWidget(node) && WIDGET.matches(root, node);
            if (match) doomed.add(node);
            // What is inside a removed element goes with it, except when the root itself goes (its
            // content is still used: an outlet's selected body).
            node = Dom.next(node, root, match && node != root);
        }
        for (Element e : doomed) e.remove();
    }

    /** Whether {@link #WIDGETS} can match: by tag, or by an attribute it tests holding one of its words. */
    private static boolean mayBeWidget(Element e) {
        if (WIDGET_TAGS.contains(e.normalName())) return true;
        if (e.attributesSize() == 0) return false;
        if (e.hasAttr("style") || e.hasAttr("hidden")) return true;
        return mayContain(e.attr("class"), WIDGET_CLASS_WORDS) || mayContain(e.attr("id"), WIDGET_ID_WORDS);
    }

    private static final List<String> WIDGET_CLASS_WORDS = List.of("share", "social", "addtoany", "a2a_",
            "jp-relatedposts", "adsbygoogle");
    private static final List<String> WIDGET_ID_WORDS = List.of("jp-relatedposts", "div-gpt-ad");

    /**
     * True unless {@code value} certainly holds none of the (lower-case ASCII) {@code words} in any
     * letter case. Anything not ASCII is a maybe: some non-ASCII letters fold to ASCII ones.
     */
    private static boolean mayContain(String value, List<String> words) {
        if (value.isEmpty()) return false;
        StringBuilder lower = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128) return true;
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        for (String w : words) if (lower.indexOf(w) >= 0) return true;
        return false;
    }

    /** Page chrome plus top-level header and footer (those not inside an article or main element). */
    static void dropPageChrome(Element body) {
        List<Element> doomed = new ArrayList<>();
        List<Element> frames = new ArrayList<>();
        Element node = body;
        while (node != null) {
            // Every selector but the tag names tests role or an aria attribute.
            boolean plain = node.attributesSize() == 0
                    || !node.hasAttr("role") && !node.hasAttr("aria-modal") && !node.hasAttr("aria-hidden");
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
        // Per match string, two bits per test: whether it was asked, and the answer.
        private static final int UNLIKELY_BIT = 0;
        private static final int BYLINE_BIT = 2;
        private static final int SHARE_BIT = 4;
        private static final String BLANK = " ";
        private final Map<String, Integer> matchFlags = new HashMap<>();
        private final Map<String, Integer> weights = new HashMap<>();

        private boolean test(Element e, int bit) {
            String className = e.className();
            String id = e.id();
            String match = className.isEmpty() && id.isEmpty() ? BLANK : className + " " + id;
            int flags = matchFlags.getOrDefault(match, 0);
            if ((flags & (1 << bit)) == 0) {
                boolean answer = switch (bit) {
                    case UNLIKELY_BIT -> UNLIKELY.matcher(match).find() && !MAYBE.matcher(match).find();
                    case BYLINE_BIT -> BYLINE.matcher(match).find();
                    default -> SHARE.matcher(match).find();
                };
                flags |= (1 << bit) | (answer ? 2 << bit : 0);
                matchFlags.put(match, flags);
            }
            return (flags & (2 << bit)) != 0;
        }

        /** {@link Boilerplate#isUnlikely}. */
        boolean isUnlikely(Element e) {
            return test(e, UNLIKELY_BIT);
        }

        /** {@link #BYLINE} finds something in {@link Boilerplate#matchString}. */
        boolean looksLikeByline(Element e) {
            return test(e, BYLINE_BIT);
        }

        /** {@link #SHARE} finds something in {@link Boilerplate#matchString}. */
        boolean looksLikeShare(Element e) {
            return test(e, SHARE_BIT);
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
