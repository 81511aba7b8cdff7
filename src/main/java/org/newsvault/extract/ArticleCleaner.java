package org.newsvault.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.newsvault.model.WorkBudget;

/**
 * Cleans the chosen body, after Readability's prepArticle: forms, embeds that are not videos,
 * asides and footers go; share boxes, link lists, ad slots and other blocks that look "fishy" (few
 * paragraphs, many links or images, little text) are removed unless they sit in a data table.
 */
final class ArticleCleaner {
    private static final Pattern VIDEOS = Pattern.compile("//(www\\.)?((dailymotion|youtube|youtube-nocookie"
            + "|player\\.vimeo|v\\.qq)\\.com|(archive|upload\\.wikimedia)\\.org|player\\.twitch\\.tv"
            + "|player\\.bilibili\\.com)", Pattern.CASE_INSENSITIVE);
    private static final Pattern AD_WORDS = Pattern.compile(
            "^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|廣告|Реклама|Anuncio)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LOADING_WORDS = Pattern.compile(
            "^((loading|正在加载|加载中|Загрузка|chargement|cargando)(…|\\.\\.\\.)?)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String TEXTISH = "span,li,td,blockquote,dl,div,img,ol,p,pre,table,ul";
    private static final int SHARE_MAX_CHARS = 500;

    private final ContentScorer.Pass pass;
    private final WorkBudget budget;
    private final Boilerplate.Hints hints;
    private final Set<Element> dataTables = Collections.newSetFromMap(new IdentityHashMap<>());

    private ArticleCleaner(ContentScorer.Pass pass, WorkBudget budget, Boilerplate.Hints hints) {
        this.pass = pass;
        this.budget = budget;
        this.hints = hints;
    }

    static void clean(Element article, ContentScorer.Pass pass, WorkBudget budget) {
        clean(article, pass, budget, new Boilerplate.Hints());
    }

    /** With the class/id answers of the scorer's attempts (the same page). */
    static void clean(Element article, ContentScorer.Pass pass, WorkBudget budget, Boilerplate.Hints hints) {
        new ArticleCleaner(pass, budget, hints).run(article);
    }

    private void run(Element article) {
        for (Element table : article.getElementsByTag("table")) {
            budget.tick();
            if (DataTables.isData(table)) dataTables.add(table);
        }
        conditionally(article, "form");
        conditionally(article, "fieldset");
        remove(article, "object", true);
        remove(article, "embed", true);
        remove(article, "footer", false);
        remove(article, "link", false);
        remove(article, "aside", false);
        for (Element child : article.children()) {
            for (Element e : new ArrayList<>(child.getAllElements())) {
                budget.tick();
                if (e != child && e.parent() != null && hints.looksLikeShare(e)
                        && e.text().length() < SHARE_MAX_CHARS) {
                    e.remove();
                }
            }
        }
        remove(article, "iframe", true);
        for (String tag : new String[] {"input", "textarea", "select", "button"}) remove(article, tag, false);
        for (Element h : article.select("h1, h2")) {
            if (pass.weightClasses() && hints.classWeight(h) < 0) h.remove();
        }
        conditionally(article, "table");
        conditionally(article, "ul");
        conditionally(article, "div");
        for (Element h1 : article.getElementsByTag("h1")) h1.tagName("h2");
        budget.check();
        for (Element p : article.getElementsByTag("p")) {
            budget.tick();
            if (TextStats.isBlank(p) && p.select("img, embed, object, iframe").isEmpty()) p.remove();
        }
        for (Element br : article.getElementsByTag("br")) {
            Node next = Dom.skipBlank(br.nextSibling());
            if (next instanceof Element e && e.normalName().equals("p")) br.remove();
        }
        budget.check();
        unwrapSingleCellTables(article);
        if (pass.cleanConditionally() && isMostlyCjk(article.text())) dropTrailingLinkLists(article);
        budget.check();
        Formulas.rewrite(article, budget);
        simplify(article, budget);
    }

    private static boolean isMostlyCjk(String text) {
        int visible = 0; // what is left after removing regex \s, counted without building it
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') visible++;
        }
        return TextStats.cjkCount(text) * 2 > visible;
    }

    /**
     * Lists of links after the last real paragraph are "more news" boxes, which Chinese portals put
     * inside the article container. Only done on Chinese text: elsewhere such lists are more often
     * references or "see also" sections, which Readability keeps too.
     */
    private static void dropTrailingLinkLists(Element article) {
        List<Element> all = article.getAllElements();
        TextStats.TextIndex index = new TextStats.TextIndex(article);
        int lastParagraph = -1;
        for (int i = 0; i < all.size(); i++) {
            Element e = all.get(i);
            if (e.normalName().equals("p")) {
                String text = index.text(e);
                if (TextStats.weightedLength(text) >= 60 && TextStats.linkDensity(e, text.length(), index::length) < 0.3) {
                    lastParagraph = i;
                }
            }
        }
        if (lastParagraph < 0) return;
        for (int i = lastParagraph + 1; i < all.size(); i++) {
            Element e = all.get(i);
            if ((e.normalName().equals("ul") || e.normalName().equals("ol")) && e.parent() != null
                    && e.getElementsByTag("li").size() >= 3
                    && TextStats.linkDensity(e, index.length(e), index::length) > 0.7) {
                index.invalidateAncestors(e);
                e.remove();
            }
        }
    }

    private static void remove(Element root, String tag, boolean keepVideos) {
        for (Element e : root.getElementsByTag(tag)) {
            if (e == root) continue;
            if (keepVideos && (VIDEOS.matcher(e.attributes().html()).find()
                    || e.normalName().equals("object") && VIDEOS.matcher(e.html()).find())) {
                continue;
            }
            e.remove();
        }
    }

    private void conditionally(Element root, String tag) {
        if (!pass.cleanConditionally()) return;
        List<Element> nodes = new ArrayList<>(root.getElementsByTag(tag));
        if (nodes.isEmpty()) return;
        Collections.reverse(nodes);
        // Texts from one walk; a removal makes its ancestors' texts stale (they are measured anew).
        TextStats.TextIndex index = new TextStats.TextIndex(root);
        for (Element node : nodes) {
            budget.tick();
            if (node != root && isFishy(node, tag, index)) {
                index.invalidateAncestors(node);
                node.remove();
            }
        }
    }

    private boolean isFishy(Element node, String tag, TextStats.TextIndex index) {
        String text = index.text(node);
        boolean isList = tag.equals("ul") || tag.equals("ol");
        if (!isList && !text.isEmpty()) {
            int listLength = 0;
            for (Element list : node.select("ul, ol")) listLength += index.length(list);
            isList = (double) listLength / text.length() > 0.9;
        }
        if (tag.equals("table") && dataTables.contains(node)) return false;
        if (Dom.hasAncestor(node, "table", -1, dataTables::contains)) return false;
        if (Dom.hasAncestor(node, "code")) return false;
        for (Element t : node.getElementsByTag("table")) if (t != node && dataTables.contains(t)) return false;
        int weight = pass.weightClasses() ? hints.classWeight(node) : 0;
        if (weight < 0) return true;
        if (TextStats.clauseMarks(text) >= 10) return false;

        // One walk counts what getElementsByTag counted tag by tag (the node itself included, as there).
        int p = 0;
        int img = 0;
        int li = -100;
        int input = 0;
        List<Element> embedded = new ArrayList<>();
        for (Element e = node; e != null; e = Dom.next(e, node, false)) {
            switch (e.normalName()) {
                case "p" -> p++;
                case "img" -> img++;
                case "li" -> li++;
                case "input" -> input++;
                case "object", "embed", "iframe" -> embedded.add(e);
                default -> { }
            }
        }
        int embeds = 0;
        for (Element e : embedded) {
            if (VIDEOS.matcher(e.attributes().html()).find()) return false;
            if (e.normalName().equals("object") && VIDEOS.matcher(e.html()).find()) return false;
            embeds++;
        }
        if (AD_WORDS.matcher(text).matches() || LOADING_WORDS.matcher(text).matches()) return true;
        int length = TextStats.weightedLength(text);
        double linkDensity = TextStats.linkDensity(node, text.length(), index::length);
        boolean inFigure = Dom.hasAncestor(node, "figure");

        // The two text densities are measured last and only when they decide (they build the text
        // of every heading or text-ish descendant); the terms are pure, so the order is free.
        boolean remove = !inFigure && img > 1 && (double) p / img < 0.5
                || !isList && li > p
                || input > p / 3
                || !isList && weight < 25 && linkDensity > 0.2
                || weight >= 25 && linkDensity > 0.5
                || embeds == 1 && length < 75 || embeds > 1
                || !isList && !inFigure && length < 25 && (img == 0 || img > 2) && linkDensity > 0
                        && TextStats.textDensity(node, text.length(), "h1,h2,h3,h4,h5,h6") < 0.9
                || img == 0 && !TextStats.hasTextIn(node, text.length(), TEXTISH);
        if (isList && remove) {
            // A plain list of images (every item one picture) is a gallery, not chrome.
            for (Element child : node.children()) if (child.childrenSize() > 1) return true;
            return img != node.getElementsByTag("li").size();
        }
        return remove;
    }

    private static void unwrapSingleCellTables(Element article) {
        for (Element table : article.getElementsByTag("table")) {
            if (table.parent() == null) continue;
            Element rows = Dom.hasSingleChild(table, "tbody") ? table.child(0) : table;
            if (!Dom.hasSingleChild(rows, "tr")) continue;
            Element row = rows.child(0);
            if (!Dom.hasSingleChild(row, "td")) continue;
            Element cell = row.child(0);
            boolean phrasing = true;
            for (Node n : cell.childNodes()) phrasing &= Dom.isPhrasing(n);
            cell.tagName(phrasing ? "p" : "div");
            cell.clearAttributes();
            table.replaceWith(cell);
        }
    }

    /** Empty wrappers go and a div or section holding only another one collapses into it. */
    private static void simplify(Element article, WorkBudget budget) {
        Element node = article;
        while (node != null) {
            budget.tick();
            String tag = node.normalName();
            if (node != article && (tag.equals("div") || tag.equals("section"))) {
                if (Dom.isWithoutContent(node) && node.select("img, video, audio, iframe, object, embed, picture").isEmpty()) {
                    node = Dom.removeAndNext(node, article);
                    continue;
                }
                if (Dom.hasSingleChild(node, "div") || Dom.hasSingleChild(node, "section")) {
                    Element child = node.child(0);
                    node.replaceWith(child);
                    node = child;
                    continue;
                }
            }
            node = Dom.next(node, article, false);
        }
    }
}
