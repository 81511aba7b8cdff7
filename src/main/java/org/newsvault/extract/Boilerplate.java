package org.newsvault.extract;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

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

    static void dropWidgets(Element root) {
        root.select(WIDGETS).remove();
    }

    /** Page chrome plus top-level header and footer (those not inside an article or main element). */
    static void dropPageChrome(Element body) {
        body.select(PAGE_CHROME).remove();
        Elements frames = body.select("header, footer, [role=banner], [role=contentinfo]");
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
            if (s.isEmpty()) continue;
            if (NEGATIVE.matcher(s).find()) weight -= 25;
            if (POSITIVE.matcher(s).find()) weight += 25;
        }
        return weight;
    }
}
