package org.newsvault.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Tag;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * Generic body extraction, after Mozilla Readability: paragraphs are scored by length and clause
 * count (Chinese punctuation counts, not just commas), scores flow to parents and grandparents,
 * class/id hints and link density adjust them, the best container wins and climbs to a parent when
 * siblings score close to it, and related siblings are joined. If the result is short the page is
 * tried again with fewer heuristics (no unlikely-candidate removal, then no class weights, then no
 * conditional cleaning); a later attempt replaces an earlier one only with half again as much text,
 * because short news items (a one-paragraph flash) are common on Chinese sites and the relaxed
 * passes then tend to pick the longer footer.
 *
 * <p>Each attempt works on a copy of the document, so the caller's document is not changed.
 */
final class ContentScorer {
    /** Which heuristics an attempt applies. */
    record Pass(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {}

    /** The chosen body (a detached div holding the joined blocks) and a byline found on the way. */
    record Result(Element content, String byline, int weightedLength) {}

    private static final List<Pass> PASSES = List.of(new Pass(true, true, true), new Pass(false, true, true),
            new Pass(false, false, true), new Pass(false, false, false));
    private static final Set<String> TO_SCORE = Set.of("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre");
    private static final Set<String> KEEP_TAG = Set.of("div", "article", "section", "p");
    private static final Set<String> DROP_WHEN_EMPTY = Set.of("div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6");
    private static final int CHAR_THRESHOLD = 500;
    private static final int TOP_CANDIDATES = 5;

    private final Pass pass;
    private final String title;
    /** The page's {@code <title>}: the headline when the metadata's title is the site's name. */
    private final String pageTitle;
    private final boolean findByline;
    private final WorkBudget budget;
    private final Boilerplate.Hints hints;
    private final Map<Element, Double> scores = new IdentityHashMap<>();
    private String byline;

    private ContentScorer(Pass pass, String title, String pageTitle, boolean findByline, WorkBudget budget,
            Boilerplate.Hints hints) {
        this.pass = pass;
        this.title = title;
        this.pageTitle = pageTitle;
        this.findByline = findByline;
        this.budget = budget;
        this.hints = hints;
    }

    /** The article body of {@code doc}, or null when the page has no text at all. */
    static Result extract(Document doc, String title, boolean findByline, WorkBudget budget) {
        Result best = null;
        Boilerplate.Hints hints = new Boilerplate.Hints();
        for (Pass pass : PASSES) {
            budget.check();
            Document copy = doc.clone();
            Result r = new ContentScorer(pass, title, copy.title(), findByline, budget, hints).grab(copy.body());
            if (r.weightedLength() >= CHAR_THRESHOLD) return r;
            // Later passes trust fewer heuristics: they must find clearly more text to win.
            if (best == null || r.weightedLength() > best.weightedLength() * 3 / 2) best = r;
        }
        return best == null || best.weightedLength() == 0 ? null : best;
    }

    private Result grab(Element body) {
        Dom.replaceBrs(body, budget);
        for (Element font : body.getElementsByTag("font")) font.tagName("span");
        List<Element> toScore = prepare(body);
        List<Element> candidates = score(body, toScore);
        Element top = chooseTop(body, candidates);
        Element article = joinSiblings(top);
        budget.check();
        ArticleCleaner.clean(article, pass, budget, hints);
        ArticleTrimmer.trim(article, java.util.Arrays.asList(title, pageTitle), budget);
        return new Result(article, byline, TextStats.weightedLength(article.text()));
    }

    /** Drops unlikely and empty nodes, turns text-only divs into paragraphs, lists what to score. */
    private List<Element> prepare(Element body) {
        List<Element> toScore = new ArrayList<>();
        // Removed after the walk, all at once: a removal re-indexes the siblings, and the walk's next
        // step then pays for it again (quadratic on a page of thousands of empty siblings). The walk
        // visits a node before its descendants and never looks at earlier siblings, so what it sees
        // does not change.
        List<Element> doomed = new ArrayList<>();
        boolean titleHeaderPending = true;
        Element node = body;
        while (node != null) {
            budget.tick();
            String tag = node.normalName();
            if (node != body && findByline && byline == null && isByline(node)) {
                byline = node.text().trim();
                node = doom(node, body, doomed);
                continue;
            }
            if (titleHeaderPending && Titles.duplicatesTitle(node, title)) {
                titleHeaderPending = false;
                node = doom(node, body, doomed);
                continue;
            }
            if (pass.stripUnlikely() && node != body && !tag.equals("a")
                    && (hints.isUnlikely(node) && !Dom.hasAncestor(node, "table") && !Dom.hasAncestor(node, "code")
                        && !holdsFormula(node)
                        || Boilerplate.UNLIKELY_ROLES.contains(node.attr("role")))) {
                node = doom(node, body, doomed);
                continue;
            }
            if (DROP_WHEN_EMPTY.contains(tag)
                    && node != body && Dom.isWithoutContent(node)) {
                node = doom(node, body, doomed);
                continue;
            }
            if (TO_SCORE.contains(tag)) toScore.add(node);
            if (tag.equals("div")) {
                wrapPhrasingRuns(node);
                if (Dom.hasSingleChild(node, "p") && TextStats.linkDensity(node) < 0.25) {
                    Element p = node.child(0);
                    node.replaceWith(p);
                    node = p;
                    toScore.add(node);
                } else if (!Dom.hasBlockDescendant(node)) {
                    node.tagName("p");
                    toScore.add(node);
                }
            }
            node = Dom.next(node, body, false);
        }
        HtmlTrees.removeAll(doomed, budget);
        return toScore;
    }

    /**
     * A formula is never page chrome, whatever its wrapper's class says (MathJax's containers carry "CtxtMenu").
     * Asked only of nodes about to be dropped, each subtree is walked once.
     */
    private static boolean holdsFormula(Element node) {
        for (Element e = node; e != null; e = Dom.next(e, node, false)) if (e.normalName().equals("math")) return true;
        return false;
    }

    private static Element doom(Element node, Element root, List<Element> doomed) {
        doomed.add(node);
        return Dom.next(node, root, true);
    }

    private boolean isByline(Element node) {
        boolean looksLike = "author".equals(node.attr("rel")) || node.attr("itemprop").contains("author")
                || hints.looksLikeByline(node);
        if (!looksLike) return false; // the text only when needed: building it for every node is quadratic
        String text = node.text().trim();
        return !text.isEmpty() && text.length() < 100;
    }

    /** Runs of inline content directly inside a div become paragraphs, so they can be scored. */
    private static void wrapPhrasingRuns(Element div) {
        Element p = null;
        for (Node child : new ArrayList<>(div.childNodes())) {
            if (Dom.isPhrasing(child)) {
                if (p != null) {
                    p.appendChild(child);
                } else if (!Dom.isWhitespace(child)) {
                    p = new Element("p");
                    child.before(p);
                    p.appendChild(child);
                }
            } else if (p != null) {
                Dom.trimTrailingWhitespace(p);
                p = null;
            }
        }
    }

    private List<Element> score(Element body, List<Element> toScore) {
        List<Element> candidates = new ArrayList<>();
        // The tree does not change while scoring: every text measured here comes from one walk
        // (over the whole document: candidates climb up to <html>).
        Element root = body;
        while (root.parent() != null) root = root.parent();
        TextStats.TextIndex index = new TextStats.TextIndex(root);
        for (Element el : toScore) {
            budget.tick();
            if (el.parent() == null) continue;
            String text = index.text(el);
            if (TextStats.weightedLength(text) < 25) continue;
            double contentScore = 1 + (TextStats.clauseMarks(text) + 1) + Math.min(text.length() / 100, 3);
            int level = 0;
            for (Element a = el.parent(); a != null && level < 5; a = a.parent(), level++) {
                if (a.parent() == null || a instanceof Document) break;
                if (!scores.containsKey(a)) {
                    scores.put(a, initialScore(a));
                    candidates.add(a);
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(a, contentScore / divider, Double::sum);
            }
        }
        budget.check();
        for (Element c : candidates) {
            budget.tick();
            scores.put(c, scores.get(c) * (1 - TextStats.linkDensity(c, index.length(c), index::length)));
        }
        return candidates;
    }

    private double initialScore(Element e) {
        double s = switch (e.normalName()) {
            case "div" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return s + (pass.weightClasses() ? hints.classWeight(e) : 0);
    }

    private double scoreOf(Element e) {
        return scores.getOrDefault(e, 0.0);
    }

    private Element chooseTop(Element body, List<Element> candidates) {
        List<Element> top = new ArrayList<>(candidates);
        top.sort((a, b) -> Double.compare(scoreOf(b), scoreOf(a)));
        if (top.size() > TOP_CANDIDATES) top = top.subList(0, TOP_CANDIDATES);
        if (top.isEmpty() || top.get(0).normalName().equals("body")) {
            Element div = new Element(Tag.valueOf("div"), body.baseUri());
            for (Node n : new ArrayList<>(body.childNodes())) div.appendChild(n);
            body.appendChild(div);
            scores.put(div, initialScore(div));
            return div;
        }
        Element best = top.get(0);
        best = climbToSharedAncestor(best, top);
        scores.putIfAbsent(best, initialScore(best));
        // A parent scoring higher than its best child holds more of the article.
        double last = scoreOf(best);
        double threshold = last / 3;
        for (Element p = best.parent(); p != null && !p.normalName().equals("body"); p = p.parent()) {
            if (!scores.containsKey(p)) continue;
            double ps = scoreOf(p);
            if (ps < threshold) break;
            if (ps > last) {
                best = p;
                break;
            }
            last = ps;
        }
        while (best.parent() != null && !best.parent().normalName().equals("body") && best.parent().childrenSize() == 1) {
            best = best.parent();
        }
        scores.putIfAbsent(best, initialScore(best));
        return best;
    }

    /** When three other near-top candidates share an ancestor with the best one, the ancestor is the article. */
    private Element climbToSharedAncestor(Element best, List<Element> top) {
        List<List<Element>> alternatives = new ArrayList<>();
        for (int i = 1; i < top.size(); i++) {
            if (scoreOf(top.get(i)) / scoreOf(best) >= 0.75) alternatives.add(top.get(i).parents());
        }
        if (alternatives.size() < 3) return best;
        for (Element p = best.parent(); p != null && !p.normalName().equals("body"); p = p.parent()) {
            int containing = 0;
            for (List<Element> ancestors : alternatives) if (containsIdentity(ancestors, p)) containing++;
            if (containing >= 3) return p;
        }
        return best;
    }

    private static boolean containsIdentity(List<Element> list, Element e) {
        for (Element x : list) if (x == e) return true;
        return false;
    }

    private Element joinSiblings(Element top) {
        Element article = new Element(Tag.valueOf("div"), top.baseUri());
        Element parent = top.parent();
        if (parent == null) {
            article.appendChild(top);
            return article;
        }
        double threshold = Math.max(10, scoreOf(top) * 0.2);
        for (Element sibling : new ArrayList<>(parent.children())) {
            if (sibling == top || shouldJoin(sibling, top, threshold)) {
                if (sibling != top && !KEEP_TAG.contains(sibling.normalName())) sibling.tagName("div");
                article.appendChild(sibling);
            }
        }
        return article;
    }

    private boolean shouldJoin(Element sibling, Element top, double threshold) {
        double bonus = !top.className().isEmpty() && sibling.className().equals(top.className()) ? scoreOf(top) * 0.2 : 0;
        if (scores.containsKey(sibling) && scoreOf(sibling) + bonus >= threshold) return true;
        if (!sibling.normalName().equals("p")) return false;
        String text = sibling.text();
        double linkDensity = TextStats.linkDensity(sibling, text.length(), a -> TextStats.text(a).length());
        int length = TextStats.weightedLength(text);
        if (length > 80 && linkDensity < 0.25) return true;
        return length > 0 && length < 80 && linkDensity == 0 && TextStats.hasSentenceEnd(text);
    }
}
