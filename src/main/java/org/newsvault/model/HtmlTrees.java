package org.newsvault.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/** Tree edits that both HTML stages (extract, sanitize) need to stay linear on hostile input. */
public final class HtmlTrees {
    private HtmlTrees() {}

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
