package org.newsvault.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Archived text as it may reach a terminal. Titles and bodies come from hostile pages: an ESC in a title
 * would let a page move the cursor, rewrite earlier lines or set the window title, a C1 CSI does the same on
 * some terminals, and bidi overrides make text read differently from what it is. All of them are dropped.
 */
final class TerminalText {
    private TerminalText() {}

    /** One line: controls dropped, newlines and tabs (and runs of spaces) become one space. */
    static String line(String s) {
        if (s == null) return "";
        return text(s).replaceAll("[\\n\\t ]+", " ").strip();
    }

    /** Text: C0 and C1 controls (newline and tab kept), DEL and bidi controls dropped. */
    static String text(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || !unsafe(c)) sb.append(c);
        }
        return sb.toString();
    }

    static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || bidi(c);
    }

    private static boolean bidi(int c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * The sanitized body as plain text: one paragraph per block element, separated by a blank line, {@code <br>}
     * a line break, whitespace inside a paragraph collapsed; then made safe as {@link #text}.
     */
    static String body(String html) {
        StringBuilder sb = new StringBuilder();
        Element body = Jsoup.parseBodyFragment(html == null ? "" : html).body();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                // a newline in the source is a space, except in preformatted text, where it is a line break
                if (node instanceof TextNode t) sb.append(t.getWholeText().replaceAll("\\r?\\n", inPre(t) ? "\u2028" : " "));
                else if (node instanceof Element e && e.normalName().equals("br")) sb.append('\u2028');
                else if (node instanceof Element e && e.isBlock()) sb.append('\n');
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) sb.append('\n');
            }
        }, body);
        List<String> paragraphs = new ArrayList<>();
        for (String p : text(sb.toString()).split("\n")) {
            String lines = p.replaceAll("[\\t \\u00a0]+", " ").replaceAll(" ?\\u2028 ?", "\n").strip();
            if (!lines.isEmpty()) paragraphs.add(lines);
        }
        return String.join("\n\n", paragraphs);
    }

    private static boolean inPre(Node n) {
        for (Node p = n.parent(); p != null; p = p.parent()) {
            if (p instanceof Element e && e.normalName().equals("pre")) return true;
        }
        return false;
    }

    /**
     * JSON escapes for the same characters: Jackson writes C0 controls as {@code \\uXXXX} already; C1 and bidi
     * controls it would write raw. Escaped, the document says exactly what was archived and a terminal that
     * shows it runs nothing.
     */
    static final CharacterEscapes JSON_ESCAPES = new CharacterEscapes() {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            int[] codes = ascii.clone();
            codes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (!unsafe(ch)) return null;
            return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
        }
    };
}
