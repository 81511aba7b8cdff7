package org.newsvault.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.newsvault.model.WorkBudget;

/**
 * The last step of generic extraction: what the scorer's container still holds that is not the article. The
 * container is right about where the article is, so this works at its edges, by position: the article's core runs
 * from its first to its last substantial paragraph (long, few links). Before and after the core go lines that read
 * as page furniture in any of the languages below (source, editor, date, views, copyright and reprint notices, share
 * and subscribe prompts, photo credits), a "related"/"read more" heading with everything after it, link lists, and a
 * heading that repeats the title. Anywhere go text meant for screen readers only ("Image caption"), photo credits,
 * paywall, newsletter and author boxes (by class) and "read more: &lt;link&gt;" lines; outside the core also a short
 * line repeated three times or more (a gallery's slide titles). A line inside the core stays even when it starts with such a word: there
 * it is more likely a sentence than a label.
 */
final class ArticleTrimmer {
    /** Lines that are page furniture when outside the core; matched at the start, case-insensitively. */
    static final Pattern FURNITURE = Pattern.compile("^[\\s\\p{Ps}\\p{Pi}|丨]*"
            // a date and time often come first: "2024-05-08 10:30 来源：…"
            + "(?:\\d{4}[-/年.]\\d{1,2}[-/月.]\\d{1,2}日?\\s*(?:\\d{1,2}:\\d{2}(?::\\d{2})?)?\\s*)?(?:"
            // Chinese
            + "责任编辑|责编|编辑[:：/]|本文编辑|实习编辑|值班编辑|审核[:：]|校对[:：]|来源[:：]|来源于|本文来源|文章来源|稿件来源|信息来源"
            + "|资料来源|图片来源|图源|图片由|图/|原标题|原题|声明[:：]|免责声明|版权声明|版权所有|转载请|本文为.{0,12}原创"
            + "|未经.{0,8}(?:许可|授权|允许)|扫码|扫一扫|扫描二维码|长按.{0,4}二维码|关注我们|关注微信|关注公众号|欢迎关注|订阅"
            + "|分享到|分享至|打印本页|关闭窗口|纠错|举报|发布时间[:：]|发布日期[:：]|时间[:：]|日期[:：]|浏览[:：]|阅读[:：]|阅读量|点击[:：]"
            + "|点击量|作者[:：]|采写[:：]|摄影[:：/]|相关资讯|返回首页|返回顶部|上一篇|下一篇|查看更多|更多精彩"
            // English
            + "|read more|read next|related\\b|see also|more from|more on this|you (?:may|might) also like|recommended"
            + "|most (?:read|popular)|sign up|subscribe|newsletter|follow us|share (?:this|on)|advertisement|sponsored"
            + "|photo(?:graph)?s?(?: credit)?\\s*:|image(?: credit| source)?\\s*:|credit\\s*:|pictures?\\s*:|©|\\(c\\) |copyright"
            + "|all rights reserved|this (?:article|story) (?:was )?(?:originally|first) (?:published|appeared)"
            + "|click here|about the author|leave a (?:comment|reply)|join the conversation|image caption|hide caption"
            + "|(?:image|photo) copyright|see more photos"
            // German, French, Spanish, Portuguese, Italian
            + "|weiterlesen|lesen sie (?:auch|mehr)|mehr zum thema|mehr dazu|das könnte sie auch interessieren|auch interessant"
            + "|abonnieren|jetzt abonnieren|foto\\s*:|fotos\\s*:|bild\\s*:|quelle\\s*:|anzeige$|werbung$"
            + "|(?:à |a )?lire (?:aussi|la suite)|voir aussi|sur le même sujet|abonnez-vous|inscrivez-vous|crédits? photo|publicité$"
            + "|lee también|lea también|leer más|(?:también )?te puede interesar|noticias relacionadas|suscríbete|suscribete"
            + "|fotografía\\s*:|publicidad$|leia (?:também|mais)|veja também|leggi anche|potrebbe interessarti"
            + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A heading after which the rest is other articles: the whole line is one of these. */
    static final Pattern RELATED = Pattern.compile("^[\\s\\p{Ps}\\p{Pi}|丨]*(?:"
            + "相关阅读|延伸阅读|推荐阅读|相关新闻|相关文章|相关内容|相关推荐|相关报道|相关链接|相关专题|相关资讯|热门推荐|精彩推荐"
            + "|app精彩推荐|猜你喜欢|你可能(?:还)?(?:会)?喜欢|更多精彩|热点推荐|为你推荐|热门文章|最新文章|热门新闻|新闻排行|热点排行"
            + "|read more|related(?: articles| stories| posts| coverage| content| reading| news| links)?|see also"
            + "|more (?:from|on|stories)\\b.*|you (?:may|might) also like|recommended(?: for you| stories| articles)?"
            + "|most (?:read|popular)|trending|more stories|top stories"
            + "|weiterlesen|lesen sie (?:auch|mehr)|mehr zum thema|das könnte sie auch interessieren|auch interessant"
            + "|(?:à |a )?lire aussi|voir aussi|sur le même sujet|lee también|lea también|te puede interesar"
            + "|noticias relacionadas|leia também|veja também|leggi anche"
            + ")[\\s:：.…>»\\p{Pe}\\p{Pf}]*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Elements for screen readers only: a sighted reader never sees them. */
    static final Pattern SCREEN_READER = Pattern.compile("(?:^|[\\s_-])(?:off-?screen|sr-only|visually-?hidden"
            + "|screen-?reader(?:-text|-only)?|element-invisible|a11y-hidden|hidden-visually)(?:$|[\\s_-])",
            Pattern.CASE_INSENSITIVE);
    /**
     * Photo credits, sign-up and newsletter prompts, author boxes, comment areas (by class or id). Not "paywall": sites
     * class the article's own paragraphs behind their paywall so.
     */
    static final Pattern NOT_ARTICLE = Pattern.compile("credit|copyright|photographer|image-?source"
            + "|regist|subscri|newsletter|signup|sign-up|author-?bio|author-?box|about-?(?:the-?)?author"
            + "|author-?info|authors?-?card|bio-?box|comment|disqus|related|recommend|tuijian|xiangguan|pinglun"
            + "|(?:^|[\\s_-])share(?:$|[\\s_-])", Pattern.CASE_INSENSITIVE);
    private static final Set<String> LINE_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt",
            "blockquote", "figcaption", "pre", "div", "section", "td", "th", "caption", "address", "header", "footer");
    private static final Set<String> CONTAINERS = Set.of("table", "ul", "ol", "dl", "figure");
    private static final Set<String> MEDIA = Set.of("img", "picture", "video", "audio", "iframe", "object", "embed", "svg");
    /** A paragraph this long (CJK counted twice) with few links is the article's own text. */
    private static final int SUBSTANTIAL = 70;
    /** Page furniture is short; a longer line is text even when it starts like furniture. */
    private static final int FURNITURE_MAX = 160;
    private static final int NOT_ARTICLE_MAX = 400;

    private ArticleTrimmer() {}

    private record Line(Element element, String text, int length, double linkDensity, boolean media) {}

    /**
     * @param titles the article's title as the metadata gave it and the page's {@code <title>} (either may be null):
     *     sites put the headline in one and their own name in the other
     */
    static void trim(Element article, List<String> titles, WorkBudget budget) {
        dropByClass(article, budget);
        List<Line> lines = lines(article, budget);
        if (lines.isEmpty()) return;
        boolean[] title = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) title[i] = repeatsTitle(lines.get(i), titles);
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (!title[i] && l.length() >= SUBSTANTIAL && l.linkDensity() < 0.3 && !FURNITURE.matcher(l.text()).find()) {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first < 0) return; // no paragraph to anchor on: a short item, left as the scorer found it
        List<Element> doomed = new ArrayList<>();
        boolean[] gone = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            budget.tick();
            Line l = lines.get(i);
            boolean outside = i < first || i > last;
            boolean drop;
            if (i > last && RELATED.matcher(l.text()).find()) {
                for (int j = i; j < lines.size(); j++) gone[j] = true;
                break;
            }
            if (outside) {
                drop = l.length() < FURNITURE_MAX && FURNITURE.matcher(l.text()).find()
                        || i > last && l.linkDensity() > 0.7 && !l.media() // a picture with its link is content
                        || i < first && title[i];
            } else {
                // Inside: only a "read more" label that is mostly its link.
                drop = l.linkDensity() > 0.5 && l.length() < FURNITURE_MAX && FURNITURE.matcher(l.text()).find();
            }
            gone[i] = drop;
        }
        Map<String, Integer> repeats = new HashMap<>();
        for (Line l : lines) if (l.length() < 100) repeats.merge(l.text(), 1, Integer::sum);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            boolean repeated = (i < first || i > last) && l.length() < 100 && repeats.getOrDefault(l.text(), 0) >= 3;
            if (gone[i] || repeated) doomed.add(l.element());
        }
        for (Element e : doomed) removeWithEmptyAncestors(e, article);
    }

    private static boolean repeatsTitle(Line l, List<String> titles) {
        if (l.linkDensity() > 0.5) return false;
        for (String t : titles) {
            if (t == null || t.isBlank() || l.length() > 3 * TextStats.weightedLength(t) + 20) continue;
            if (Titles.similarity(t, l.text()) > 0.9) return true;
        }
        return false;
    }

    /** Screen-reader-only text, and boxes whose class or id says credit, paywall, newsletter, author, comments. */
    private static void dropByClass(Element article, WorkBudget budget) {
        List<Element> doomed = new ArrayList<>();
        int total = -1;
        Element node = article;
        while (node != null) {
            budget.tick();
            boolean drop = false;
            if (node != article && (node.hasAttr("class") || node.hasAttr("id"))) {
                String match = node.className() + " " + node.id();
                if (SCREEN_READER.matcher(match).find()) {
                    drop = true;
                } else if (NOT_ARTICLE.matcher(match).find()) {
                    int length = TextStats.weightedLength(node.text());
                    if (total < 0) total = TextStats.weightedLength(article.text());
                    drop = length < NOT_ARTICLE_MAX && length * 4 < total;
                }
            }
            if (drop) doomed.add(node);
            node = Dom.next(node, article, drop);
        }
        for (Element e : doomed) removeWithEmptyAncestors(e, article);
    }

    /** The innermost text blocks, in document order. */
    private static List<Line> lines(Element article, WorkBudget budget) {
        List<Line> lines = new ArrayList<>();
        Element node = article;
        while (node != null) {
            budget.tick();
            // Inline content met outside any block (the walk skips whole lines) is a line of its own: a bare
            // <span>阅读 1,234</span> left directly in a container.
            boolean inline = Dom.PHRASING.contains(node.normalName()) && !hasLineChild(node);
            if (node != article && (inline || LINE_TAGS.contains(node.normalName()) && !hasLineChild(node))) {
                String text = node.text().trim();
                if (!text.isEmpty()) {
                    lines.add(new Line(node, text, TextStats.weightedLength(text),
                            TextStats.linkDensity(node, text.length(), a -> TextStats.text(a).length()), hasMedia(node)));
                }
                node = Dom.next(node, article, true);
                continue;
            }
            node = Dom.next(node, article, false);
        }
        return lines;
    }

    private static boolean hasLineChild(Element e) {
        for (Element c = e.firstElementChild(); c != null; c = c.nextElementSibling()) {
            String tag = c.normalName();
            if (LINE_TAGS.contains(tag) || CONTAINERS.contains(tag)) return true;
            if (!Dom.PHRASING.contains(tag) && hasLineChild(c)) return true;
        }
        return false;
    }

    private static void removeWithEmptyAncestors(Element e, Element root) {
        Element parent = e.parent();
        if (parent == null) return;
        e.remove();
        while (parent != null && parent != root && parent.parent() != null && isEmpty(parent)) {
            Element up = parent.parent();
            parent.remove();
            parent = up;
        }
    }

    private static boolean isEmpty(Element e) {
        return TextStats.isBlank(e) && !hasMedia(e);
    }

    private static boolean hasMedia(Element e) {
        for (Element d = e; d != null; d = Dom.next(d, e, false)) if (MEDIA.contains(d.normalName())) return true;
        return false;
    }
}
