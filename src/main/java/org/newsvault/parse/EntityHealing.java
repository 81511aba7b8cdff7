package org.newsvault.parse;

import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.Reader;
import java.io.StringReader;

/**
 * ROME's {@link XmlFixerReader} heals what real feeds get wrong: HTML entities such as {@code &nbsp;}
 * that XML does not define, and bare {@code &}. It also skips whitespace and comments before the root.
 * It does so a character at a time through a state machine, which took a tenth of the feed-only poll's
 * CPU; yet most feeds have nothing to heal (their HTML is escaped, so every {@code &} starts
 * {@code &amp;}, {@code &lt;} and the like). Those skip the fixer: the text goes straight to the parser
 * without its leading whitespace, as the fixer would pass it (the fixer also rewrites {@code &amp;} as
 * {@code &#38;} and the like, which parse to the same characters).
 */
final class EntityHealing {
    private EntityHealing() {}

    static Reader reader(String text) {
        int start = leadingSpace(text);
        if (text.startsWith("<!--", start) || needsFixer(text)) return new XmlFixerReader(new StringReader(text));
        StringReader r = new StringReader(text); // skipped, not copied: the text is the whole feed
        try {
            r.skip(start);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // not thrown by an open StringReader
        }
        return r;
    }

    /**
     * True when the fixer would change something: outside CDATA, an {@code &} that does not start a
     * reference XML itself understands; inside CDATA, where the fixer leaves a bare {@code &} alone (a
     * query string in an image URL, say), a named reference it might rewrite. (A leading comment also goes
     * to the fixer, whose rules for where it ends are its own.)
     */
    static boolean needsFixer(String text) {
        int cdataStart = text.indexOf(CDATA_OPEN);
        int cdataEnd = -1;
        for (int i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
            while (cdataStart >= 0 && cdataStart < i && cdataEnd < i) {
                cdataEnd = text.indexOf(CDATA_CLOSE, cdataStart + CDATA_OPEN.length());
                if (cdataEnd < 0) return true;
                if (cdataEnd < i) cdataStart = text.indexOf(CDATA_OPEN, cdataEnd);
            }
            boolean inCdata = cdataStart >= 0 && cdataStart < i && i < cdataEnd;
            if (isXmlReference(text, i)) continue;
            if (!inCdata || isNamedReference(text, i)) return true;
        }
        return false;
    }

    private static final String CDATA_OPEN = "<![CDATA[";
    private static final String CDATA_CLOSE = "]]>";

    /** {@code &} + letters, digits or {@code #} + {@code ;}: what the fixer looks up and may replace. */
    private static boolean isNamedReference(String s, int amp) {
        int p = amp + 1;
        while (p < s.length() && isAsciiAlnum(s.charAt(p)) || p < s.length() && s.charAt(p) == '#') p++;
        return p > amp + 1 && p < s.length() && s.charAt(p) == ';';
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isXmlReference(String s, int amp) {
        int p = amp + 1;
        for (String name : new String[] {"amp;", "lt;", "gt;", "quot;", "apos;"}) {
            if (s.startsWith(name, p)) return true;
        }
        if (p >= s.length() || s.charAt(p) != '#') return false;
        p++;
        boolean hex = p < s.length() && s.charAt(p) == 'x';
        if (hex) p++;
        int digits = p;
        while (p < s.length() && (hex ? Character.digit(s.charAt(p), 16) >= 0 : s.charAt(p) >= '0' && s.charAt(p) <= '9')
            && s.charAt(p) < 128) {
            p++;
        }
        return p > digits && p < s.length() && s.charAt(p) == ';';
    }

    private static int leadingSpace(String s) {
        int p = 0;
        while (p < s.length() && isXmlSpace(s.charAt(p))) p++;
        return p;
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
