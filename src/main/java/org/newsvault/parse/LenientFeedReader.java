package org.newsvault.parse;

import com.rometools.rome.io.impl.DateParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.newsvault.model.WorkBudget;

/**
 * Reads feeds that are not well-formed XML (bad entities, unescaped markup, a truncated tail) with
 * jsoup's forgiving XML parser and maps rss/channel/item, rdf:RDF/item and feed/entry by element name.
 * jsoup never reads a DTD, so nothing is fetched or expanded; an unknown entity stays literal text.
 * An item whose end tag is missing (the feed was cut off inside it) is reported as truncated.
 *
 * <p>The work is bounded by the budget: jsoup reads through a reader that checks its deadline, the items
 * are found in one walk that does not enter an item, and the walks up the tree tick the budget.
 */
final class LenientFeedReader {
    private static final Set<String> ROOTS = Set.of("rss", "feed", "rdf", "channel");

    private LenientFeedReader() {
    }

    /** The feed, or null when no rss, rdf:RDF, channel or feed element is there. */
    static RawFeed read(String text, String feedUrl, WorkBudget budget) {
        Parser parser = Parser.xmlParser();
        parser.setTrackPosition(true);
        Document doc = parser.parseInput(budget.reader(text), feedUrl == null ? "" : feedUrl);
        Element root = findRoot(doc, 0);
        if (root == null) return null;
        boolean atom = local(root).equals("feed");
        Element channel = atom ? root : firstChild(root, "channel");
        Element head = channel != null ? channel : root;
        String feedBase = base(head, feedUrl, budget);

        List<RawItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int position = 0;
        for (Element el : outermost(root, atom ? "entry" : "item", budget)) {
            position++;
            try {
                items.add(item(position, el, atom, base(el, feedUrl, budget)));
            } catch (RuntimeException e) {
                skipped.add("item " + position + ": " + RomeFeedReader.oneLine(e));
            }
        }
        Element title = firstChild(head, "title");
        return new RawFeed(titleText(title), titleKind(title, atom),
                link(head), feedBase, items, skipped, closed(head));
    }

    private static RawItem item(int position, Element el, boolean atom, String base) {
        Element guidElement = firstChild(el, "guid", "id");
        String guid = text(guidElement);
        if (guid == null && !el.attr("rdf:about").isBlank()) guid = el.attr("rdf:about");
        List<String> links = new ArrayList<>();
        String link = link(el);
        if (link != null) links.add(link);
        boolean permalink = guidElement == null || !guidElement.attr("isPermaLink").strip().equalsIgnoreCase("false");
        if (guid != null && permalink && Urls.hasScheme(guid)) links.add(guid);

        Element title = firstChild(el, "title");
        return new RawItem(position, guid, links, base, titleText(title),
                titleKind(title, atom), author(el), published(el),
                body(firstChild(el, "content:encoded", "content"), atom),
                summary(el, atom), categories(el), !closed(el));
    }

    /** The RSS link, else the best Atom (or atom:link) alternate: of an HTML type (or none) first. */
    private static String link(Element parent) {
        String other = null;
        for (Element l : parent.children()) {
            String name = l.normalName();
            if (!name.equals("link") && !name.equals("atom:link")) continue;
            String rel = l.attr("rel").strip();
            if (!rel.isEmpty() && !rel.equals("alternate")) continue;
            String href = l.hasAttr("href") ? l.attr("href") : name.equals("link") ? l.wholeText() : "";
            if (href.isBlank()) continue;
            if (FeedElements.htmlType(l.attr("type"))) return href;
            if (other == null) other = href;
        }
        return other;
    }

    private static String author(Element el) {
        Element author = firstChild(el, "author", "dc:creator");
        if (author == null) return null;
        Element name = firstChild(author, "name");
        return text(name != null ? name : author);
    }

    /** Published, else updated, else dc:date, as {@link DateParser} reads them (null if it cannot). */
    private static Instant published(Element el) {
        for (String name : List.of("pubdate", "published", "issued", "created", "updated", "modified", "dc:date")) {
            String value = text(firstChild(el, name));
            if (value == null) continue;
            Date d = DateParser.parseDate(value.strip(), Locale.US);
            if (d != null) return d.toInstant();
        }
        return null;
    }

    private static String summary(Element el, boolean atom) {
        String summary = body(firstChild(el, "description", "summary", "dc:description"), atom);
        if (EntryMapper.blankToNull(summary) != null) return summary;
        Element media = firstChild(el, "media:description");
        if (media == null) {
            Element group = firstChild(el, "media:group", "media:content");
            media = group == null ? null : firstChild(group, "media:description");
        }
        if (media == null) return null;
        return media.attr("type").equalsIgnoreCase("html") ? markup(media) : EntryMapper.escapeHtml(media.wholeText());
    }

    /** The title's text, base64 decoded where Atom says it is encoded (0.3 mode="base64", 1.0 a binary type). */
    private static String titleText(Element title) {
        if (title == null) return null;
        return base64(title) ? FeedElements.decodeBase64(title.wholeText()) : title.wholeText();
    }

    private static boolean base64(Element el) {
        return el.attr("mode").equalsIgnoreCase("base64") || FeedElements.isBinaryType(el.attr("type"));
    }

    /** HTML of a body element: escaped or CDATA HTML as text, raw markup as markup, Atom text escaped. */
    private static String body(Element el, boolean atom) {
        if (el == null || el.hasAttr("src")) return null;
        if (atom && base64(el)) {
            String decoded = FeedElements.decodeBase64(el.wholeText());
            String type = el.attr("type").strip().toLowerCase(Locale.ROOT);
            boolean text = type.isEmpty() || type.equals("text") || type.equals("text/plain");
            return text ? EntryMapper.escapeHtml(decoded) : decoded;
        }
        String type = el.attr("type").toLowerCase(Locale.ROOT);
        if (type.equals("xhtml")) return el.html();
        boolean text = atom && (type.isEmpty() || type.equals("text") || type.equals("text/plain"));
        return text ? EntryMapper.escapeHtml(el.wholeText()) : markup(el);
    }

    private static String markup(Element el) {
        return el.children().isEmpty() ? el.wholeText() : el.html();
    }

    private static List<String> categories(Element el) {
        List<String> out = new ArrayList<>();
        for (Element c : el.children()) {
            if (c.normalName().equals("category")) out.add(c.hasAttr("term") ? c.attr("term") : c.wholeText());
            if (c.normalName().equals("dc:subject")) out.add(c.wholeText());
        }
        return out;
    }

    private static RawItem.TitleKind titleKind(Element title, boolean atom) {
        if (title != null && base64(title)) return RawItem.TitleKind.GUESS;
        return title == null ? RawItem.TitleKind.GUESS : RomeFeedReader.titleKind(title.attr("type"), atom);
    }

    private static boolean closed(Element el) {
        Range end = el.endSourceRange();
        return end.isTracked() && !end.isImplicit();
    }

    private static Element findRoot(Element el, int depth) {
        for (Element c : el.children()) {
            if (ROOTS.contains(local(c))) return c;
            if (depth < 2) {
                Element found = findRoot(c, depth + 1);
                if (found != null) return found;
            }
        }
        return null;
    }

    /** The elements named {@code name} that are not inside another one, in document order, in one walk. */
    private static List<Element> outermost(Element root, String name, WorkBudget budget) {
        List<Element> out = new ArrayList<>();
        root.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                budget.tick();
                if (node instanceof Element e && e.normalName().equals(name)) {
                    out.add(e);
                    return FilterResult.SKIP_CHILDREN;
                }
                return FilterResult.CONTINUE;
            }
        });
        return out;
    }

    private static Element firstChild(Element parent, String... names) {
        for (String name : names) {
            for (Element c : parent.children()) {
                if (c.normalName().equals(name)) return c;
            }
        }
        return null;
    }

    private static String text(Element el) {
        return el == null ? null : EntryMapper.blankToNull(el.wholeText());
    }

    private static String local(Element el) {
        String name = el.normalName();
        return name.substring(name.indexOf(':') + 1);
    }

    private static String base(Element el, String feedUrl, WorkBudget budget) {
        List<String> chain = new ArrayList<>();
        for (Element e = el; e != null; e = e.parent()) {
            budget.tick();
            if (e.hasAttr("xml:base")) chain.add(0, e.attr("xml:base"));
        }
        String base = feedUrl;
        for (String b : chain) base = Urls.withXmlBase(base, b);
        return base;
    }
}
