package org.newsvault.watch;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.newsvault.model.ContentHash;

/**
 * A readable diff of two versions of an article. Paragraphs are matched first; within a changed
 * paragraph the difference is shown character by character (Chinese has no spaces, so a word-level
 * diff would mark whole sentences), as {@code [-removed-]{+added+}}, or in red and green for a
 * terminal. Equal runs of a single character between two changes are folded into the change, so a
 * rewritten phrase reads as one replacement rather than confetti.
 */
public final class TextDiff {
    /** Above this many code points a changed block is shown as a whole replacement (Myers is O(ND)). */
    static final int MAX_INLINE = 20_000;
    private static final String RED = "\u001b[31m", GREEN = "\u001b[32m", RESET = "\u001b[0m";

    private TextDiff() {}

    /** The visible text of article HTML, one entry per block (paragraph, heading, list item, ...). */
    public static List<String> paragraphs(String html) {
        StringBuilder sb = new StringBuilder();
        Element body = Jsoup.parseBodyFragment(html == null ? "" : html).body();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) sb.append(t.text());
                else if (node instanceof Element e && (e.isBlock() || e.normalName().equals("br"))) sb.append('\n');
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) sb.append('\n');
            }
        }, body);
        List<String> out = new ArrayList<>();
        for (String line : sb.toString().split("\n")) {
            String n = ContentHash.normalizedText(line);
            if (!n.isEmpty()) out.add(n);
        }
        return out;
    }

    /**
     * The changed paragraphs of {@code before} → {@code after}, each as {@code ¶ n: marked text}; "" when
     * equal. Replaced paragraphs are paired in order and diffed character by character; paragraphs that
     * differ only in noise (relative times, view counters: {@link NoiseFilter}) are left out and counted.
     */
    public static String paragraphs(List<String> before, List<String> after, boolean color) {
        Patch<String> patch = DiffUtils.diff(before, after);
        StringBuilder sb = new StringBuilder();
        int noise = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            List<String> from = d.getSource().getLines();
            List<String> to = d.getTarget().getLines();
            int pos = d.getTarget().getPosition();
            for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
                String a = i < from.size() ? from.get(i) : "";
                String b = i < to.size() ? to.get(i) : "";
                if (!a.isEmpty() && !b.isEmpty() && NoiseFilter.text(a).equals(NoiseFilter.text(b))) {
                    noise++;
                    continue;
                }
                sb.append("¶ ").append(pos + Math.min(i, Math.max(to.size() - 1, 0)) + 1).append(": ")
                    .append(inline(a, b, color)).append('\n');
            }
        }
        if (noise > 0) {
            sb.append("(").append(noise).append(" paragraph").append(noise == 1 ? "" : "s")
                .append(" differing only in times or counters not shown)\n");
        }
        return sb.toString();
    }

    /** One line of text with its changes marked; the text itself when equal. */
    public static String inline(String before, String after, boolean color) {
        List<Integer> a = before.codePoints().boxed().toList();
        List<Integer> b = after.codePoints().boxed().toList();
        List<Segment> segs = new ArrayList<>();
        if (a.size() + b.size() > MAX_INLINE) {
            segs.add(new Segment(before, after));
        } else {
            int pos = 0;
            for (AbstractDelta<Integer> d : DiffUtils.diff(a, b).getDeltas()) {
                int at = d.getSource().getPosition();
                if (at > pos) segs.add(Segment.equal(text(a.subList(pos, at))));
                segs.add(new Segment(text(d.getSource().getLines()), text(d.getTarget().getLines())));
                pos = at + d.getSource().size();
            }
            if (pos < a.size()) segs.add(Segment.equal(text(a.subList(pos, a.size()))));
        }
        StringBuilder sb = new StringBuilder();
        for (Segment s : fold(segs)) sb.append(s.render(color));
        return sb.toString();
    }

    /** Folds one-character equal runs that stand between two changes into one change. */
    private static List<Segment> fold(List<Segment> segs) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            boolean shortGap = s.equal() && s.before().codePointCount(0, s.before().length()) == 1
                && !out.isEmpty() && !out.get(out.size() - 1).equal() && i + 1 < segs.size() && !segs.get(i + 1).equal();
            if (shortGap) {
                Segment prev = out.remove(out.size() - 1);
                Segment next = segs.get(++i);
                out.add(new Segment(prev.before() + s.before() + next.before(), prev.after() + s.after() + next.after()));
            } else if (!s.equal() && !out.isEmpty() && !out.get(out.size() - 1).equal()) {
                Segment prev = out.remove(out.size() - 1);
                out.add(new Segment(prev.before() + s.before(), prev.after() + s.after()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static String text(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        for (int c : cps) sb.appendCodePoint(c);
        return sb.toString();
    }

    private record Segment(String before, String after, boolean equal) {
        Segment(String before, String after) {
            this(before, after, false);
        }

        static Segment equal(String text) {
            return new Segment(text, text, true);
        }

        String render(boolean color) {
            if (equal) return before;
            StringBuilder sb = new StringBuilder();
            if (!before.isEmpty()) sb.append(color ? RED + "[-" + before + "-]" + RESET : "[-" + before + "-]");
            if (!after.isEmpty()) sb.append(color ? GREEN + "{+" + after + "+}" + RESET : "{+" + after + "+}");
            return sb.toString();
        }
    }
}
