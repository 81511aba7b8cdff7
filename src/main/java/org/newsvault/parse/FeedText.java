package org.newsvault.parse;

import java.util.Locale;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * Checks decoded text looks like XML before any parser sees it, and readies it for one: the common
 * wrong answers (nothing, an HTML page, JSON, plain text) get a one-line {@link ParseException}; junk
 * before the XML, the DOCTYPE and characters XML 1.0 forbids are removed.
 *
 * <p>Dropping the DOCTYPE is the XXE and billion-laughs defence: with no internal subset there is no
 * entity to expand or fetch, and a reference to one is then an undeclared entity, which the strict
 * parser rejects and the lenient reader leaves as literal text.
 */
final class FeedText {
    private static final int JUNK_SEARCH = 4096;
    /** How much of an HTML page is read for its title. */
    private static final int TITLE_SEARCH = 64 * 1024;
    private static final String[] ROOT_MARKERS = {"<?xml", "<rss", "<feed", "<rdf:RDF", "<RDF"};

    private FeedText() {
    }

    /** Text ready for an XML parser: prolog junk, DOCTYPE and invalid characters gone. */
    static String prepare(String text) throws ParseException {
        String s = stripLeading(text);
        if (s.isEmpty()) throw new ParseException("empty body");
        char first = s.charAt(0);
        if (first == '{' || first == '[') throw new ParseException("not a feed: got JSON");
        if (first != '<') {
            int at = findRoot(s);
            if (at < 0) throw new ParseException("not XML: starts with \"" + snippet(s) + "\"");
            s = s.substring(at);
        }
        return removeInvalidChars(walkProlog(s));
    }

    /** Removes DOCTYPEs from the prolog and rejects HTML pages; returns the rest unchanged. */
    private static String walkProlog(String s) throws ParseException {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (true) {
            int start = skipSpace(s, i);
            if (s.startsWith("<?", start) || s.startsWith("<!--", start)) {
                int end = endOf(s, start, s.startsWith("<?", start) ? "?>" : "-->");
                out.append(s, i, end);
                i = end;
            } else if (s.regionMatches(true, start, "<!DOCTYPE", 0, 9)) {
                // Even an XHTML DOCTYPE goes: the root element, not the DOCTYPE, says whether this is a page.
                int end = doctypeEnd(s, start + 9);
                out.append(s, i, start);
                i = end;
            } else {
                String root = rootName(s, start);
                if (root.equals("html") || root.equals("head") || root.equals("body")) throw htmlPage(s);
                return out.append(s, i, s.length()).toString();
            }
        }
    }

    /** End index (exclusive) of a DOCTYPE whose name starts at {@code i}: quotes and the internal subset respected. */
    private static int doctypeEnd(String s, int i) {
        int depth = 0;
        char quote = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (s.startsWith("<!--", i)) {
                i = endOf(s, i, "-->");
                continue;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static int endOf(String s, int from, String close) {
        int at = s.indexOf(close, from + 2);
        return at < 0 ? s.length() : at + close.length();
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static String rootName(String s, int start) {
        if (start >= s.length()) return "";
        int i = start + 1;
        int end = i;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '>' && s.charAt(end) != '/') end++;
        String name = s.substring(Math.min(i, end), end).toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    /**
     * The title is only for the message: it is read from the page's start (where {@code <title>} is), parsed
     * within a work budget; a page too complex for that just has no title in the message.
     */
    private static ParseException htmlPage(String s) {
        String title;
        try {
            title = HtmlTrees.parseDocument(s.substring(0, Math.min(s.length(), TITLE_SEARCH)), "", WorkBudget.standard())
                    .title().strip();
        } catch (BudgetExceededException e) {
            title = "";
        }
        if (title.length() > 80) title = title.substring(0, 80) + "…";
        return new ParseException("not a feed: got an HTML page ("
                + (title.isEmpty() ? "no title" : "title \"" + title + "\"") + ")");
    }

    private static String stripLeading(String text) {
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF'
                || text.charAt(i) == 0)) i++;
        return text.substring(i);
    }

    /** Where the XML starts after junk such as a PHP warning, or -1. */
    private static int findRoot(String s) {
        String head = s.substring(0, Math.min(s.length(), JUNK_SEARCH));
        int best = -1;
        for (String marker : ROOT_MARKERS) {
            int at = head.indexOf(marker);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    private static String snippet(String s) {
        String head = s.substring(0, Math.min(30, s.length()));
        StringBuilder b = new StringBuilder();
        head.codePoints().forEach(cp -> b.append(Character.isISOControl(cp) ? "?" : Character.toString(cp)));
        return b.toString();
    }

    /** Drops code points XML 1.0 does not allow (C0 controls, U+FFFE/U+FFFF, lone surrogates). */
    static String removeInvalidChars(String s) {
        int i = 0;
        while (i < s.length() && allowed(s, i)) i += Character.charCount(s.codePointAt(i));
        if (i >= s.length()) return s;
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, i);
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (allowed(s, i)) b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static boolean allowed(String s, int i) {
        int cp = s.codePointAt(i);
        if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        return cp != 0xFFFE && cp != 0xFFFF;
    }
}
