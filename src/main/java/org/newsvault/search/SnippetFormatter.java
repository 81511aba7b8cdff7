package org.newsvault.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into one {@link Snippet}: the best passages in text order, joined by
 * an ellipsis, each cut to a window around its matches. Bigrams overlap (习近 and 近平 in 习近平), so
 * their ranges are merged into one mark.
 */
final class SnippetFormatter extends PassageFormatter {
    static final String GAP = " \u2026 ";
    private final int maxChars;

    SnippetFormatter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public Snippet format(Passage[] passages, String content) {
        if (passages.length == 0) return Snippet.EMPTY;
        StringBuilder text = new StringBuilder();
        List<Snippet.Range> ranges = new ArrayList<>();
        int budget = Math.max(1, maxChars / passages.length);
        boolean cutBefore = false;
        boolean cutAfter = false;
        for (int p = 0; p < passages.length; p++) {
            Passage passage = passages[p];
            int start = passage.getStartOffset();
            int end = Math.min(passage.getEndOffset(), content.length());
            List<int[]> matches = merged(passage, start, end);
            // A passage is a sentence; a body without sentence ends is one huge "sentence": keep a window
            // that starts a little before the first match.
            if (end - start > budget) {
                int first = matches.isEmpty() ? start : matches.get(0)[0];
                int windowStart = Math.max(start, Math.min(first - budget / 4, end - budget));
                windowStart = boundary(content, windowStart);
                int windowEnd = boundary(content, Math.min(end, windowStart + budget));
                start = windowStart;
                end = windowEnd;
            }
            while (start < end && Character.isWhitespace(content.charAt(start))) start++;
            while (end > start && Character.isWhitespace(content.charAt(end - 1))) end--;
            if (p == 0) cutBefore = start > 0;
            if (p == passages.length - 1) cutAfter = end < content.length();
            if (p > 0) text.append(GAP);
            int base = text.length();
            text.append(content, start, end);
            for (int[] m : matches) {
                int s = Math.max(m[0], start);
                int e = Math.min(m[1], end);
                if (s < e) ranges.add(new Snippet.Range(base + s - start, base + e - start));
            }
        }
        return new Snippet(text.toString(), ranges, cutBefore, cutAfter);
    }

    private static List<int[]> merged(Passage passage, int start, int end) {
        List<int[]> all = new ArrayList<>();
        int[] starts = passage.getMatchStarts();
        int[] ends = passage.getMatchEnds();
        for (int i = 0; i < passage.getNumMatches(); i++) {
            int s = Math.max(starts[i], start);
            int e = Math.min(ends[i], end);
            if (s < e) all.add(new int[] {s, e});
        }
        all.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] m : all) {
            int s = m[0];
            int e = m[1];
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s <= last[1]) last[1] = Math.max(last[1], e);
            else out.add(new int[] {s, e});
        }
        return out;
    }

    /** Never splits a surrogate pair. */
    private static int boundary(String s, int i) {
        if (i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1))) {
            return i - 1;
        }
        return i;
    }
}
