package org.newsvault.render;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.newsvault.model.Urls;

/**
 * How feed text goes into the {@code [title](url)} lines of article files and list pages so that a Markdown
 * renderer (kramdown as Jekyll runs it, and CommonMark) shows the title as plain text and links only to the
 * article's http(s) URL.
 *
 * <p>Link text: {@code \ [ ] * _ ` < > { } |} are backslash-escaped everywhere, {@code $} where it touches
 * another {@code $}, {@code :} right after {@code ]}; {@code &} is written {@code &amp;} where it would start a
 * character reference ({@code &name;}, {@code &#…;}), every {@code ~} of a title that has two or more as
 * {@code &#126;} (one alone cannot pair), and a {@code ^} that starts the title as {@code &#94;}. Nothing else changes, so ordinary titles (CJK text and punctuation, quotes,
 * parentheses, {@code - , . ? ! :}) stay byte for byte what FORMAT.md says. Why these and no others:
 * <ul>
 * <li>{@code [ ]} end or open a link (and with them {@code ![…]} images, {@code [^…]} footnotes, reference
 *     links); {@code \} could escape the closing {@code ]};</li>
 * <li>{@code < >} start raw HTML, comments and autolinks ({@code <javascript:…>}), {@code <<}/{@code >>}
 *     typography; {@code &} decodes entities, so {@code &lt;script&gt;} would show as {@code <script>};</li>
 * <li>{@code { }} start kramdown's attribute lists ({@code {: onclick=…}}) and extensions
 *     ({@code {::nomarkdown}}), {@code |} makes the line a kramdown/GFM table, {@code $$} starts math;</li>
 * <li>{@code * _ `} make emphasis and code spans, a pair of {@code ~} or {@code ~~} GFM strikethrough: not
 *     executable, but not the title's text either;</li>
 * <li>{@code ]:} at the start of a line makes it a link definition (kramdown's pattern ignores the backslash
 *     before {@code ]}), and {@code [^} a footnote marker instead of the link.</li>
 * </ul>
 * Every escape used is one kramdown's and CommonMark's escapes both undo ({@code \&} is not: kramdown would
 * show the backslash, hence {@code &amp;}). Block syntax ({@code #}, {@code +}, {@code -}, {@code >},
 * {@code :}, {@code =}) only counts at the start of a line, and a title never starts one (the line starts
 * with {@code [} or the list date), so those stay as they are.
 */
public final class MarkdownText {
    private MarkdownText() {}

    /** The characters that are backslash-escaped wherever they occur. */
    static final String ESCAPED = "\\[]*_`<>{}|";
    /** What kramdown (2.4, {@code ESCAPED_CHARS}) treats as escaped after a backslash; its GFM parser adds {@code ~}. */
    private static final String KRAMDOWN_ESCAPABLE = "\\.*_+`<>()[]{}#!:|\"'$=-";
    /** What becomes {@code %XX} in a link destination: anything that could end it or start a link title. */
    private static final String DESTINATION_ESCAPED = " \"'()<>`\\";

    /**
     * Link text for a plain-text title (already one line, see {@link TextRules#cleanLine}).
     * {@code unescapeLinkText(escapeLinkText(t))} is {@code t}.
     */
    public static String escapeLinkText(String plain) {
        StringBuilder sb = new StringBuilder(plain.length() + 8);
        long tildes = plain.chars().filter(ch -> ch == '~').count();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '$' && (i > 0 && plain.charAt(i - 1) == '$' || i + 1 < plain.length() && plain.charAt(i + 1) == '$')) {
                sb.append("\\$");
            } else if (c == '&' && startsReference(plain, i)) {
                sb.append("&amp;");
            } else if (c == ':' && i > 0 && plain.charAt(i - 1) == ']') {
                sb.append("\\:"); // kramdown finds link definitions by regex, blind to the backslash before ]
            } else if (c == '^' && i == 0) {
                sb.append("&#94;"); // [^ is a footnote, never a link; ^ has no backslash escape in kramdown
            } else if (c == '~' && tildes > 1) {
                sb.append("&#126;"); // two ~ can pair as GFM strikethrough; a backslash would show in plain kramdown
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The plain text a title line's link text stands for: backslash escapes that kramdown undoes are undone
     * and {@code &amp;}, {@code &#94;}, {@code &#126;} become {@code & ^ ~}; anything else stays as written (an older archive's raw title is its
     * own text).
     */
    public static String unescapeLinkText(String linkText) {
        if (linkText.indexOf('\\') < 0 && linkText.indexOf('&') < 0) return linkText;
        StringBuilder sb = new StringBuilder(linkText.length());
        for (int i = 0; i < linkText.length(); i++) {
            char c = linkText.charAt(i);
            if (c == '\\' && i + 1 < linkText.length() && KRAMDOWN_ESCAPABLE.indexOf(linkText.charAt(i + 1)) >= 0) {
                sb.append(linkText.charAt(++i));
            } else if (c == '&' && (linkText.startsWith("&amp;", i) || linkText.startsWith("&#94;", i)
                                    || linkText.startsWith("&#126;", i))) {
                String ref = linkText.startsWith("&amp;", i) ? "&amp;" : linkText.startsWith("&#94;", i) ? "&#94;" : "&#126;";
                sb.append(ref.equals("&amp;") ? '&' : ref.equals("&#94;") ? '^' : '~');
                i += ref.length() - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Link text that is safe whatever {@code linkText} holds: a title line's text (ours, already escaped, or
     * an older archive's raw one) is read as {@link #unescapeLinkText plain text}, cleaned and escaped again.
     * Idempotent; the identity for ordinary titles and for every title newsvault wrote.
     */
    public static String safeLinkText(String linkText) {
        return escapeLinkText(TextRules.cleanLine(unescapeLinkText(linkText == null ? "" : linkText)));
    }

    /**
     * The article URL as a link destination: {@link Urls#whatwg} (http or https only, else
     * {@link IllegalArgumentException}) with {@code ( ) ' " < > `}, backslash and spaces percent-encoded,
     * so the destination cannot end early, gain a link title or break the title line's {@code ](} split.
     * Idempotent; ordinary WHATWG URLs are unchanged.
     */
    public static String linkDestination(String url) {
        return encodeDestination(Urls.whatwg(url));
    }

    /**
     * A destination for a URL that is already in an article file (an older archive's): kept as written
     * except for the characters {@link #linkDestination} encodes (and controls, format characters and
     * Unicode spaces); {@code #} (a link to nowhere) when it is not an absolute http(s) URL, so no other
     * scheme ever becomes a link.
     */
    public static String safeDestination(String url) {
        if (url == null) return "#";
        String s = url.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || s.length() <= lower.indexOf("//") + 2) return "#";
        return encodeDestination(s);
    }

    private static String encodeDestination(String url) {
        StringBuilder sb = null;
        for (int i = 0; i < url.length(); ) {
            int cp = url.codePointAt(i);
            int n = Character.charCount(cp);
            int type = Character.getType(cp);
            boolean escape = cp < 0x20 || cp == 0x7F || DESTINATION_ESCAPED.indexOf(cp) >= 0
                || cp > 0x7F && (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
                                 || type == Character.CONTROL || type == Character.SURROGATE);
            if (escape && sb == null) sb = new StringBuilder(url.length() + 16).append(url, 0, i);
            if (escape) {
                String one = type == Character.SURROGATE ? "\uFFFD" : new String(Character.toChars(cp));
                for (byte b : one.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%%%02X", b & 0xFF));
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? url : sb.toString();
    }

    /**
     * True when {@code &} at {@code i} could be read as a character reference: {@code #} or a name character
     * follows, then more of them and a {@code ;}. Wider than kramdown's and CommonMark's rules (any letter or
     * digit, not only ASCII), so that neither decodes what is left as it is.
     */
    private static boolean startsReference(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '#') j++;
        int start = j;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == ':' || cp == '-' || cp == '.')) break;
            j += Character.charCount(cp);
        }
        return j > start && j < s.length() && s.charAt(j) == ';';
    }
}
