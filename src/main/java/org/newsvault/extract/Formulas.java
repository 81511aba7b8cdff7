package org.newsvault.extract;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.newsvault.model.WorkBudget;

/**
 * MathML written out as HTML text. The sanitizer drops {@code <math>} with its content (MathML has carried markup
 * confusion attacks), so a formula kept as MathML would reach the reader as nothing; Readability.js keeps it. Here
 * each token is a word, sub- and superscripts become {@code <sub>}/{@code <sup>}, fractions and roots get the
 * parentheses a reader needs, and annotations (TeX sources, alternative encodings) are left out.
 */
final class Formulas {
    private static final Set<String> TOKENS = Set.of("mi", "mn", "mo", "mtext", "ms");
    private static final Set<String> HIDDEN = Set.of("annotation", "annotation-xml", "mphantom", "mspace", "none",
            "mprescripts");

    private Formulas() {}

    static void rewrite(Element root, WorkBudget budget) {
        for (Element math : root.getElementsByTag("math")) {
            budget.tick();
            if (math.parent() == null) continue;
            Element out = new Element("span").addClass("math");
            render(math, out, budget);
            math.replaceWith(out);
        }
    }

    private static void render(Element e, Element out, WorkBudget budget) {
        budget.tick();
        String tag = e.normalName();
        if (HIDDEN.contains(tag)) return;
        if (TOKENS.contains(tag)) {
            word(out, e.text().trim());
            return;
        }
        switch (tag) {
            case "msup", "mover" -> script(e, out, "sup", null, budget);
            case "msub", "munder" -> script(e, out, "sub", null, budget);
            case "msubsup", "munderover" -> script(e, out, "sub", "sup", budget);
            case "mfrac" -> {
                grouped(e.childrenSize() > 0 ? e.child(0) : null, out, budget);
                word(out, "/");
                grouped(e.childrenSize() > 1 ? e.child(1) : null, out, budget);
            }
            case "msqrt" -> {
                word(out, "√(");
                children(e, out, budget);
                word(out, ")");
            }
            case "mroot" -> {
                word(out, "√(");
                if (e.childrenSize() > 0) render(e.child(0), out, budget);
                word(out, ")");
            }
            case "semantics" -> {
                if (e.childrenSize() > 0) render(e.child(0), out, budget);
            }
            case "mtr", "mlabeledtr" -> {
                children(e, out, budget);
                out.appendElement("br");
            }
            default -> children(e, out, budget);
        }
    }

    private static void children(Element e, Element out, WorkBudget budget) {
        for (Element c : e.children()) render(c, out, budget);
    }

    /** Base, then the scripts inside their own elements. */
    private static void script(Element e, Element out, String first, String second, WorkBudget budget) {
        if (e.childrenSize() > 0) render(e.child(0), out, budget);
        if (e.childrenSize() > 1) render(e.child(1), out.appendElement(first), budget);
        if (second != null && e.childrenSize() > 2) render(e.child(2), out.appendElement(second), budget);
    }

    /** A fraction's part in parentheses when it is more than one token. */
    private static void grouped(Element part, Element out, WorkBudget budget) {
        if (part == null) return;
        boolean single = TOKENS.contains(part.normalName())
                || part.normalName().equals("mrow") && part.childrenSize() == 1 && TOKENS.contains(part.child(0).normalName());
        if (!single) word(out, "(");
        render(part, out, budget);
        if (!single) word(out, ")");
    }

    private static void word(Element out, String text) {
        if (text.isEmpty()) return;
        Node last = out.childNodeSize() == 0 ? null : out.childNode(out.childNodeSize() - 1);
        boolean needsSpace = out.childNodeSize() > 0 && !(last instanceof Element el && el.normalName().equals("br"));
        out.appendChild(new TextNode((needsSpace ? " " : "") + text));
    }
}
