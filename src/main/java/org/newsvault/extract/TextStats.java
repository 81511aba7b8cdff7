package org.newsvault.extract;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Tag;

/**
 * Text measures used by scoring and cleaning, written so Chinese counts: CJK characters carry about
 * twice the information of a Latin letter, and Chinese punctuation separates clauses like commas do.
 */
final class TextStats {
    private static final String CJK_PUNCTUATION = "，。！？；：、“”「」《》『』（）…";
    /**
     * {@link #isCjk} for every char of the Basic Multilingual Plane, computed once from the Unicode
     * script tables: counting CJK is done for every text measured, and the script lookup is a binary
     * search per code point.
     */
    private static final boolean[] CJK_BMP = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate((char) c)) CJK_BMP[c] = scriptIsCjk(c);
        }
    }

    private TextStats() {}

    /** Visible text with whitespace runs collapsed, as Readability's innerText. */
    static String text(Element e) {
        return e.text();
    }

    static boolean isCjk(int cp) {
        if (cp >= 0 && cp <= Character.MAX_VALUE && !Character.isSurrogate((char) cp)) return CJK_BMP[cp];
        return scriptIsCjk(cp);
    }

    private static boolean scriptIsCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    static int cjkCount(String s) {
        int n = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                if (CJK_BMP[c]) n++;
                continue;
            }
            int cp = s.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
                if (scriptIsCjk(cp)) n++;
            }
        }
        return n;
    }

    /** Length with CJK characters counted twice, so thresholds tuned on English fit Chinese too. */
    static int weightedLength(String s) {
        return s.length() + cjkCount(s);
    }

    /** Clause separators: ASCII commas plus the full set of CJK punctuation marks. */
    static int clauseMarks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '\u060C' || c >= '\u201C' && CJK_PUNCTUATION.indexOf(c) >= 0) n++;
        }
        return n;
    }

    /** True when a sentence ends inside: ". " or a Chinese full stop, question or exclamation mark. */
    static boolean hasSentenceEnd(String s) {
        return hasFullStop(s) || s.indexOf('。') >= 0 || s.indexOf('！') >= 0 || s.indexOf('？') >= 0;
    }

    /**
     * A '.' followed by a space or by the end of the text (or of its last line): what the regex
     * {@code (?s).*\.( |$).*} matches, in one scan without backtracking.
     */
    static boolean hasFullStop(String s) {
        int length = s.length();
        for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
            int rest = length - i - 1;
            if (rest == 0) return true;
            char next = s.charAt(i + 1);
            if (next == ' ') return true;
            if (rest == 1 && (next == '\n' || next == '\r' || next == '\u0085' || next == '\u2028' || next == '\u2029')) {
                return true;
            }
            if (rest == 2 && next == '\r' && s.charAt(i + 2) == '\n') return true;
        }
        return false;
    }

    /** Share of the text that sits inside links; in-page (#) links count less, like Readability. */
    static double linkDensity(Element e) {
        return linkDensity(e, text(e).length(), a -> text(a).length());
    }

    /**
     * {@link #linkDensity(Element)} with the text length of {@code e} known and the links' text
     * lengths from {@code linkLength} (a cache, when the tree does not change between calls).
     */
    static double linkDensity(Element e, int textLength, ToIntFunction<Element> linkLength) {
        if (textLength == 0) return 0;
        double links = 0;
        for (Element a : e.getElementsByTag("a")) {
            String href = a.attr("href");
            double coefficient = href.startsWith("#") && href.length() > 1 ? 0.3 : 1;
            links += linkLength.applyAsInt(a) * coefficient;
        }
        return links / textLength;
    }

    /**
     * Whether {@link Element#text()} is blank, mostly without building it: a letter or digit in any
     * text node below decides at once (normalizing only touches whitespace); otherwise the text is
     * built and looked at, so the answer is always the same as {@code e.text().isBlank()}.
     */
    static boolean isBlank(Element e) {
        return !hasLetterOrDigitBelow(e) && e.text().isBlank();
    }

    /** Whether a text node below {@code e} holds a letter or digit; stops at the first. */
    private static boolean hasLetterOrDigitBelow(Element e) {
        Node node = e.childNodeSize() == 0 ? null : e.childNode(0);
        while (node != null) {
            if (node instanceof TextNode t && hasLetterOrDigit(t.getWholeText())) return true;
            if (node.childNodeSize() > 0) {
                node = node.childNode(0);
                continue;
            }
            while (node != e && node.nextSibling() == null) node = node.parentNode();
            node = node == e ? null : node.nextSibling();
        }
        return false;
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c)) {
                return true;
            }
        }
        return false;
    }

    /** Share of the text inside descendants with one of {@code tags}. */
    static double textDensity(Element e, String tags) {
        return textDensity(e, text(e).length(), tags);
    }

    /** {@link #textDensity(Element, String)} with the text length of {@code e} known. */
    static double textDensity(Element e, int total, String tags) {
        if (total == 0) return 0;
        int inner = 0;
        for (Element child : e.select(tags)) {
            if (child != e) inner += text(child).length();
        }
        return (double) inner / total;
    }

    /**
     * Whether {@link #textDensity(Element, int, String)} is above zero (for a list of tag names),
     * without building the text of every matching descendant: the first one with a letter or digit
     * decides.
     */
    static boolean hasTextIn(Element e, int total, String tags) {
        if (total == 0) return false;
        Set<String> names = Set.of(tags.split(","));
        for (Element d = e.firstElementChild(); d != null; d = Dom.next(d, e, false)) {
            if (names.contains(d.normalName()) && !isEmptyText(d)) return true;
        }
        return false;
    }

    /** {@code e.text().isEmpty()}, mostly without building it. */
    private static boolean isEmptyText(Element e) {
        return !hasLetterOrDigitBelow(e) && e.text().isEmpty();
    }

    /**
     * {@link Element#text()} of every element below a root, from one walk instead of one walk per
     * element (measuring the text of each nested container is quadratic in the nesting). The walk
     * does what jsoup's text accumulator does, over the whole tree: an element's text is its stretch
     * of the accumulated text, trimmed. What comes before an element only decides whether spaces
     * are added ahead of its first visible character, and those are trimmed, so the stretch equals
     * what {@code text()} builds for the element alone ({@code TextIndexTest} checks this on every
     * element of tricky fragments; {@code ExtractSpeedBench} on every corpus page).
     *
     * <p>Valid while the tree does not change: after a removal, the texts of the removed element's
     * ancestors are stale; {@link #invalidateAncestors} marks them, and they are then measured anew.
     * An element that was not below the root when the index was built is measured anew too.
     */
    static final class TextIndex {
        private final StringBuilder accum = new StringBuilder();
        private final Map<Element, Long> spans = new IdentityHashMap<>();
        private final Set<Element> stale = Collections.newSetFromMap(new IdentityHashMap<>());

        TextIndex(Element root) {
            Node node = root;
            while (node != null) {
                head(node);
                if (node.childNodeSize() > 0) {
                    node = node.childNode(0);
                    continue;
                }
                while (true) {
                    tail(node);
                    if (node == root) {
                        node = null;
                        break;
                    }
                    Node next = node.nextSibling();
                    if (next != null) {
                        node = next;
                        break;
                    }
                    node = node.parentNode();
                    if (node == null) break;
                }
            }
        }

        private void head(Node node) {
            if (node instanceof TextNode t) {
                String text = t.getWholeText();
                if (preservesWhitespace(t.parentNode()) || t instanceof CDataNode) {
                    accum.append(text);
                } else {
                    StringUtil.appendNormalisedWhitespace(accum, text, lastIsSpace());
                }
            } else if (node instanceof Element e) {
                spans.put(e, (long) accum.length() << 32);
                if (accum.length() > 0 && needsLeadingSeparator(e) && !lastIsSpace()) accum.append(' ');
            }
        }

        private void tail(Node node) {
            if (!(node instanceof Element e)) return;
            Node next = node.nextSibling();
            if (needsTrailingSeparator(e) && (next instanceof TextNode || next instanceof Element n && n.tag().isInline())
                    && !lastIsSpace()) {
                accum.append(' ');
            }
            Long span = spans.get(e);
            if (span != null) spans.put(e, span | accum.length());
        }

        private boolean lastIsSpace() {
            return accum.length() != 0 && accum.charAt(accum.length() - 1) == ' ';
        }

        private static boolean needsLeadingSeparator(Element e) {
            return e.isBlock() || e.nameIs("br") || e.tag().is(Tag.TextBoundary) && e.childNodeSize() > 0 && e.hasText();
        }

        private static boolean needsTrailingSeparator(Element e) {
            if (e.tag().is(Tag.TextBoundary) || !e.tag().isInline()) return true;
            for (int i = 0; i < e.childNodeSize(); i++) if (e.childNode(i) instanceof Element c && c.isBlock()) return true;
            return false;
        }

        private static boolean preservesWhitespace(Node node) {
            if (!(node instanceof Element el)) return false;
            int i = 0;
            do {
                if (el.tag().preserveWhitespace()) return true;
                el = el.parent();
                i++;
            } while (i < 6 && el != null);
            return false;
        }

        /** {@code e.text()}. */
        String text(Element e) {
            Long span = stale.contains(e) ? null : spans.get(e);
            if (span == null) return e.text();
            int start = (int) (span >>> 32);
            int end = (int) (long) span;
            while (start < end && accum.charAt(start) <= ' ') start++;
            while (end > start && accum.charAt(end - 1) <= ' ') end--;
            return accum.substring(start, end);
        }

        /** {@code e.text().length()}, without building the string. */
        int length(Element e) {
            Long span = stale.contains(e) ? null : spans.get(e);
            if (span == null) return e.text().length();
            int start = (int) (span >>> 32);
            int end = (int) (long) span;
            while (start < end && accum.charAt(start) <= ' ') start++;
            while (end > start && accum.charAt(end - 1) <= ' ') end--;
            return end - start;
        }

        /** Call before removing {@code e}: the texts of its ancestors change. */
        void invalidateAncestors(Element e) {
            for (Element p = e.parent(); p != null && stale.add(p); p = p.parent()) {
                // an ancestor already stale has its own ancestors stale too
            }
        }
    }
}
