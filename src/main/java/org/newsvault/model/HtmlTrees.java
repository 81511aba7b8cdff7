package org.newsvault.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;

/**
 * The bounded parses and the tree edits that every HTML stage (extract, sanitize, hash, the re-checks' noise
 * filter) needs to stay linear on hostile input. Each parse here is the only one its markup gets: the stages
 * after it work on the tree.
 */
public final class HtmlTrees {
    /** Parses made here since start: the pipeline's parse count per article is read from it (tests, profiles). */
    private static final LongAdder PARSES = new LongAdder();

    private HtmlTrees() {}

    /** How many times {@link #parseFragment} and {@link #parseDocument} have parsed, in this process. */
    public static long parses() {
        return PARSES.sum();
    }

    /**
     * As {@code Jsoup.parseBodyFragment}, within {@code budget}: the markup may hold at most
     * {@link WorkBudget#maxElements()} tags (counted before parsing), the deadline is checked as the parser
     * reads, and elements opened past {@link WorkBudget#maxDepth()} become siblings instead of children, as
     * browsers do. The fragment's nodes are the returned document's body children.
     *
     * @throws BudgetExceededException past a bound
     */
    public static Document parseFragment(String html, String baseUri, WorkBudget budget) {
        budget.checkMarkup(html);
        PARSES.increment();
        Document doc = Document.createShell(baseUri == null ? "" : baseUri);
        Element body = doc.body();
        Parser parser = Parser.htmlParser().setMaxDepth(budget.maxDepth());
        List<Node> nodes = new ArrayList<>(parser.parseFragmentInput(budget.reader(html), body, doc.baseUri()));
        // Detached all at once: one removal at a time re-indexes the remaining siblings (quadratic on wide input).
        if (!nodes.isEmpty() && nodes.get(0).parent() instanceof Element holder) holder.empty();
        for (Node n : nodes) if (n.parent() != null) n.remove();
        body.appendChildren(nodes);
        budget.check();
        return doc;
    }

    /**
     * A whole page, within {@code budget} as {@link #parseFragment} (tags counted first, deadline checked while
     * reading, nesting past the budget's depth flattened).
     *
     * @throws BudgetExceededException past a bound
     */
    public static Document parseDocument(String html, String baseUri, WorkBudget budget) {
        budget.checkMarkup(html);
        PARSES.increment();
        Document doc = Parser.htmlParser().setMaxDepth(budget.maxDepth())
            .parseInput(budget.reader(html), baseUri == null ? "" : baseUri);
        budget.check();
        return doc;
    }

    /**
     * Moves {@code from}'s children to the end of {@code to}, in order, in one rebuild of each child list (moving
     * them one at a time re-indexes the remaining siblings at every step).
     */
    public static void moveChildren(Element from, Element to) {
        if (from.childNodeSize() == 0) return;
        List<Node> nodes = new ArrayList<>(from.childNodes());
        from.empty();
        to.appendChildren(nodes);
    }

    /**
     * Removes the elements with their content, each parent's children rebuilt once: removing one child at a
     * time shifts and re-indexes its siblings, quadratic when thousands share a parent.
     */
    public static void removeAll(List<? extends Element> doomed, WorkBudget budget) {
        if (doomed.isEmpty()) return;
        budget.check();
        Set<Node> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(doomed);
        Set<Element> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element e : doomed) {
            Element parent = e.parent();
            if (parent != null) parents.add(parent);
        }
        for (Element parent : parents) {
            List<Node> kept = new ArrayList<>(parent.childNodeSize());
            for (Node child : parent.childNodes()) {
                budget.tick();
                if (!gone.contains(child)) kept.add(child);
            }
            parent.empty();
            parent.appendChildren(kept);
        }
    }
}
