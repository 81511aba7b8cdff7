package org.newsvault.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.newsvault.model.WorkBudget;

/** Tree walking and reshaping helpers for the scorer and cleaner; iterative, so deep pages cannot overflow. */
final class Dom {
    static final Set<String> PHRASING = Set.of("abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data",
            "datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter",
            "noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span",
            "strong", "sub", "sup", "textarea", "time", "var", "wbr", "font", "u", "s", "strike", "big", "tt");
    static final Set<String> BLOCKS = Set.of("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul");

    private Dom() {}

    /** Tags kept when deep nesting is flattened: they cannot nest through the HTML parser. */
    private static final Set<String> KEEP_WHEN_DEEP = Set.of("p", "img", "br", "a", "h1", "h2", "h3", "h4", "h5", "h6");

    /**
     * Unwraps container elements nested deeper than {@code maxDepth} (their content stays). Real pages
     * nest a few dozen levels; hostile ones nest thousands, which would make every per-node text
     * measure quadratic. Linear: each flattened element's children are collected once and appended
     * once (unwrapping one element at a time re-indexes its parent's children every time).
     */
    static void flattenDeepNesting(Element root, int maxDepth, WorkBudget budget) {
        List<Element> work = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                budget.tick();
                if (depth < maxDepth) return FilterResult.CONTINUE;
                if (node instanceof Element e && e.childrenSize() > 0) work.add(e);
                return FilterResult.SKIP_CHILDREN;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, root);
        while (!work.isEmpty()) {
            Element parent = work.remove(work.size() - 1);
            List<Node> flat = new ArrayList<>();
            ArrayDeque<Node> pending = new ArrayDeque<>();
            pushChildren(parent, pending);
            while (!pending.isEmpty()) {
                budget.tick();
                Node n = pending.pop();
                if (n instanceof Element e && !KEEP_WHEN_DEEP.contains(e.normalName())) {
                    pushChildren(e, pending);
                } else {
                    flat.add(n);
                    if (n instanceof Element kept && kept.childrenSize() > 0) work.add(kept);
                }
            }
            parent.appendChildren(flat);
        }
    }

    /** Detaches {@code e}'s children (all at once) and pushes them so that they pop in document order. */
    private static void pushChildren(Element e, ArrayDeque<Node> pending) {
        List<Node> children = new ArrayList<>(e.childNodes());
        e.empty();
        for (int i = children.size() - 1; i >= 0; i--) pending.push(children.get(i));
    }

    /** Depth-first successor of {@code node} inside {@code root}, optionally skipping its subtree. */
    static Element next(Element node, Element root, boolean skipChildren) {
        if (!skipChildren && node.firstElementChild() != null) return node.firstElementChild();
        Element cur = node;
        while (cur != null && cur != root) {
            Element sibling = cur.nextElementSibling();
            if (sibling != null) return sibling;
            cur = cur.parent();
        }
        return null;
    }


    static Element removeAndNext(Element node, Element root) {
        Element next = next(node, root, true);
        node.remove();
        return next;
    }

    /** Whether an ancestor within {@code maxDepth + 1} levels (any level when negative) has {@code tag}. */
    static boolean hasAncestor(Element node, String tag, int maxDepth, java.util.function.Predicate<Element> filter) {
        int depth = 0;
        for (Element p = node.parent(); p != null; p = p.parent()) {
            if (maxDepth > 0 && depth > maxDepth) return false;
            if (p.normalName().equals(tag) && (filter == null || filter.test(p))) return true;
            depth++;
        }
        return false;
    }

    static boolean hasAncestor(Element node, String tag) {
        return hasAncestor(node, tag, 3, null);
    }

    /** Phrasing content; a link (or del/ins) is phrasing when everything inside it is. */
    static boolean isPhrasing(Node n) {
        java.util.ArrayDeque<Node> pending = new java.util.ArrayDeque<>();
        pending.push(n);
        while (!pending.isEmpty()) {
            Node cur = pending.pop();
            if (cur instanceof TextNode) continue;
            if (!(cur instanceof Element e)) return false;
            String tag = e.normalName();
            if (PHRASING.contains(tag)) continue;
            if (!tag.equals("a") && !tag.equals("del") && !tag.equals("ins")) return false;
            for (Node c : e.childNodes()) pending.push(c);
        }
        return true;
    }

    static boolean isWhitespace(Node n) {
        return n instanceof TextNode t && t.isBlank() || n instanceof Element e && e.normalName().equals("br");
    }

    static boolean isBr(Node n) {
        return n instanceof Element e && e.normalName().equals("br");
    }

    /** The first node from {@code n} on that is not blank text. */
    static Node skipBlank(Node n) {
        while (n instanceof TextNode t && t.isBlank()) n = n.nextSibling();
        return n;
    }

    /** Walks {@code e}'s elements only up to the first block (listing them all made this O(n) per div). */
    static boolean hasBlockDescendant(Element e) {
        for (Element d = e.firstElementChild(); d != null; d = next(d, e, false)) {
            if (BLOCKS.contains(d.normalName())) return true;
        }
        return false;
    }

    /** Exactly one element child, with {@code tag}, and no text of its own. */
    static boolean hasSingleChild(Element e, String tag) {
        if (e.childrenSize() != 1 || !e.child(0).normalName().equals(tag)) return false;
        for (Node n : e.childNodes()) if (n instanceof TextNode t && !t.isBlank()) return false;
        return true;
    }

    static boolean isWithoutContent(Element e) {
        if (!TextStats.isBlank(e)) return false;
        int children = e.childrenSize();
        return children == 0 || children == e.getElementsByTag("br").size() + e.getElementsByTag("hr").size();
    }

    /**
     * Two or more {@code <br>} in a row start a paragraph, as Readability does before scoring: the
     * extra breaks go, and the phrasing content after them moves into a new {@code <p>} up to the next
     * double break or block. Done per parent in one pass over its children (changing one child at a
     * time re-indexes all its siblings, quadratic for a page of thousands of breaks).
     */
    static void replaceBrs(Element root, WorkBudget budget) {
        Set<Element> parents = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Element> ordered = new ArrayList<>();
        for (Element br : root.getElementsByTag("br")) {
            budget.tick();
            Element parent = br.parent();
            if (parent != null && parents.add(parent)) ordered.add(parent);
        }
        for (Element parent : ordered) replaceBrsIn(parent, budget);
    }

    private static void replaceBrsIn(Element parent, WorkBudget budget) {
        Node[] c = parent.childNodes().toArray(new Node[0]);
        int n = c.length;
        boolean[] gone = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n && !any; i++) {
            if (isBr(c[i])) {
                int k = skipBlank(c, gone, i + 1);
                any = k < n && isBr(c[k]);
            }
        }
        if (!any) return;
        parent.empty();
        List<Node> out = new ArrayList<>(n);
        int i = 0;
        while (i < n) {
            budget.tick();
            if (gone[i]) {
                i++;
                continue;
            }
            Node node = c[i];
            boolean replaced = false;
            if (isBr(node)) {
                int k = skipBlank(c, gone, i + 1);
                while (k < n && isBr(c[k])) {
                    budget.tick();
                    gone[k] = true;
                    replaced = true;
                    k = skipBlank(c, gone, k + 1);
                }
            }
            if (!replaced) {
                out.add(node);
                i++;
                continue;
            }
            Element p = new Element("p");
            out.add(p);
            int m = nextKept(gone, i + 1);
            while (m < n) {
                budget.tick();
                Node next = c[m];
                if (isBr(next)) {
                    int after = skipBlank(c, gone, m + 1);
                    if (after < n && isBr(c[after])) break;
                }
                if (!isPhrasing(next)) break;
                p.appendChild(next);
                gone[m] = true;
                m = nextKept(gone, m + 1);
            }
            trimTrailingWhitespace(p);
            i = m;
        }
        parent.appendChildren(out);
        if (parent.normalName().equals("p")) parent.tagName("div");
    }

    /** The index of the first child from {@code i} on that is neither removed nor blank text. */
    private static int skipBlank(Node[] c, boolean[] gone, int i) {
        while (i < c.length && (gone[i] || c[i] instanceof TextNode t && t.isBlank())) i++;
        return i;
    }

    private static int nextKept(boolean[] gone, int i) {
        while (i < gone.length && gone[i]) i++;
        return i;
    }

    static void trimTrailingWhitespace(Element p) {
        while (p.childNodeSize() > 0 && isWhitespace(p.childNode(p.childNodeSize() - 1))) {
            p.childNode(p.childNodeSize() - 1).remove();
        }
    }
}
