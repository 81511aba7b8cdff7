package org.newsvault.web;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import org.newsvault.watch.TextDiff;

/**
 * Two versions' difference as data for a template: the changed paragraphs (matched as {@code newsvault diff}
 * matches them, {@link TextDiff#paragraphs}), each as runs of equal, removed and added text, character by character
 * (Chinese has no spaces to diff words by). Text only: the template escapes every run.
 */
public final class Diffs {
    /** Above this many code points a changed paragraph is one removal and one addition (Myers is O(ND)). */
    static final int MAX_INLINE = 20_000;

    public enum Kind { SAME, DEL, INS }

    public record Run(Kind kind, String text) {}

    /** One changed paragraph; {@code n} counts from 1 in the newer version. */
    public record Paragraph(int n, List<Run> runs) {}

    private Diffs() {}

    public static List<Paragraph> body(String olderHtml, String newerHtml) {
        List<String> a = TextDiff.paragraphs(olderHtml);
        List<String> b = TextDiff.paragraphs(newerHtml);
        List<Paragraph> out = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            List<String> from = d.getSource().getLines();
            List<String> to = d.getTarget().getLines();
            int pos = d.getTarget().getPosition();
            for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
                String x = i < from.size() ? from.get(i) : "";
                String y = i < to.size() ? to.get(i) : "";
                out.add(new Paragraph(pos + Math.min(i, Math.max(to.size() - 1, 0)) + 1, inline(x, y)));
            }
        }
        return out;
    }

    public static List<Run> inline(String before, String after) {
        List<Run> runs = new ArrayList<>();
        List<Integer> a = before.codePoints().boxed().toList();
        List<Integer> b = after.codePoints().boxed().toList();
        if (a.size() + b.size() > MAX_INLINE) {
            add(runs, Kind.DEL, before);
            add(runs, Kind.INS, after);
            return runs;
        }
        int pos = 0;
        for (AbstractDelta<Integer> d : DiffUtils.diff(a, b).getDeltas()) {
            int at = d.getSource().getPosition();
            if (at > pos) add(runs, Kind.SAME, text(a.subList(pos, at)));
            add(runs, Kind.DEL, text(d.getSource().getLines()));
            add(runs, Kind.INS, text(d.getTarget().getLines()));
            pos = at + d.getSource().size();
        }
        if (pos < a.size()) add(runs, Kind.SAME, text(a.subList(pos, a.size())));
        return runs;
    }

    private static void add(List<Run> runs, Kind k, String s) {
        if (!s.isEmpty()) runs.add(new Run(k, s));
    }

    private static String text(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        for (int c : cps) sb.appendCodePoint(c);
        return sb.toString();
    }
}
