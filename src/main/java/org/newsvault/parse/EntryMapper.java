package org.newsvault.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.newsvault.model.Entry;

/**
 * Turns a {@link RawItem} into an {@link Entry}: picks the first link that resolves to an absolute
 * http(s) URL, makes the title plain text, drops blank fields. An item without a usable link yields a
 * skip reason instead of an entry.
 */
final class EntryMapper {
    private static final Pattern TAG = Pattern.compile("<(/?[a-zA-Z][a-zA-Z0-9]*|!--)[^<>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);");
    /**
     * A title longer than this is cut before it is read as HTML: no real title comes near it, and an HTML
     * parse of a hostile one (100,000 escaped {@code <b>}, which no element cap counts) is unbounded work.
     */
    static final int MAX_TITLE = 8192;
    private static final int TITLE_DEPTH = 32;

    private EntryMapper() {
    }

    /** Either an entry or the reason the item was skipped. */
    record Mapped(Entry entry, String skipReason) {
    }

    static Mapped map(RawItem item) {
        if (item.truncated()) return skip("truncated (feed ends inside the item)");
        String link = null;
        for (String candidate : item.links()) {
            link = Urls.resolve(item.base(), candidate);
            if (link != null) break;
        }
        if (link == null) return skip(whyNoLink(item));
        Entry entry = new Entry(blankToNull(item.guid()), link, plainText(item.title(), item.titleKind()),
                blankToNull(item.author()), item.published(), blankToNull(item.contentHtml()),
                blankToNull(item.summaryHtml()), categories(item.categories()));
        return new Mapped(entry, null);
    }

    private static Mapped skip(String reason) {
        return new Mapped(null, reason);
    }

    private static String whyNoLink(RawItem item) {
        String first = item.links().stream().filter(l -> l != null && !l.isBlank()).findFirst().orElse(null);
        if (first == null) return "no link";
        String shown = '"' + abbreviate(first.strip(), 60) + '"';
        if (!Urls.hasScheme(first) && item.base() == null) return "relative link " + shown + " and no feed URL";
        return "unusable link " + shown;
    }

    /**
     * A title as plain text. HTML titles lose their tags; RSS titles are guessed HTML when they carry
     * tags or still-escaped entities (feeds that escape twice), and are left alone otherwise.
     */
    static String plainText(String title, RawItem.TitleKind kind) {
        if (title == null || title.isBlank()) return null;
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, Character.isHighSurrogate(title.charAt(MAX_TITLE - 1)) ? MAX_TITLE - 1 : MAX_TITLE);
        }
        boolean html = switch (kind) {
            case HTML -> true;
            case TEXT -> false;
            case GUESS -> TAG.matcher(title).find();
        };
        if (html) return htmlText(title);
        if (kind == RawItem.TitleKind.GUESS && ENTITY.matcher(title).find()) return Parser.unescapeEntities(title, false);
        return title;
    }

    /**
     * The text of an HTML title. Nesting past {@link #TITLE_DEPTH} is flattened (as browsers do): the HTML
     * parser's scope checks walk the open elements, which makes thousands of unclosed tags quadratic.
     */
    private static String htmlText(String title) {
        Document doc = Document.createShell("");
        List<Node> nodes = new ArrayList<>(Parser.htmlParser().setMaxDepth(TITLE_DEPTH).parseFragmentInput(title, doc.body(), ""));
        for (Node n : nodes) if (n.parent() != null) n.remove();
        doc.body().appendChildren(nodes);
        return doc.body().text();
    }

    /** Plain text to HTML that shows the same text. */
    static String escapeHtml(String text) {
        if (text == null) return null;
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> categories(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : raw) {
            if (c != null && !c.isBlank()) out.add(c.strip());
        }
        return new ArrayList<>(out);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
