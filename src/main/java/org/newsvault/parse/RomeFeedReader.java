package org.newsvault.parse;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * ROME's view of a well-formed feed, as {@link RawFeed}. ROME does the format work (RSS 0.9x/1.0/2.0,
 * Atom 0.3/1.0, Dublin Core); the JDOM tree beside it supplies what ROME drops: xml:base and Media RSS
 * descriptions. Item elements are matched to ROME's entries by position, and only when the counts
 * agree.
 */
final class RomeFeedReader {
    private static final String MRSS = "http://search.yahoo.com/mrss";

    private RomeFeedReader() {
    }

    /**
     * @throws IllegalArgumentException when ROME knows no format for this document
     * @throws FeedException            when ROME fails on it
     */
    static RawFeed read(Document doc, String feedUrl) throws FeedException {
        Element root = doc.getRootElement();
        List<Element> itemElements = itemElements(root);
        String feedBase = feedBase(root, feedUrl);

        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true);
        SyndFeed feed = input.build(doc);
        boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
        boolean rdf = root.getName().equals("RDF");
        List<SyndEntry> entries = feed.getEntries();
        boolean aligned = itemElements.size() == entries.size();

        List<RawItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Element element = aligned ? itemElements.get(i) : null;
            try {
                items.add(item(i + 1, entries.get(i), element, atom, rdf, element == null ? feedBase : base(element, feedUrl)));
            } catch (RuntimeException e) {
                skipped.add("item " + (i + 1) + ": " + oneLine(e));
            }
        }
        SyndContent title = feed.getTitleEx();
        String titleText = title == null ? feed.getTitle() : title.getValue();
        if (EntryMapper.blankToNull(titleText) == null) titleText = dcTitle(feed);
        return new RawFeed(titleText, titleKind(head(root), title, atom),
                feedLink(feed), feedBase, items, skipped, true);
    }

    /** Links with rel alternate (or none), in order. ROME's own getLink() can pick Atom's rel="self". */
    private static List<String> alternateLinks(List<SyndLink> links) {
        List<String> out = new ArrayList<>();
        for (SyndLink l : links) {
            if (l.getRel() == null || l.getRel().isBlank() || l.getRel().equals("alternate")) out.add(l.getHref());
        }
        return out;
    }

    private static String feedLink(SyndFeed feed) {
        List<String> links = alternateLinks(feed.getLinks());
        return links.isEmpty() ? feed.getLink() : links.get(0);
    }

    private static String dcTitle(SyndFeed feed) {
        return feed.getModule(DCModule.URI) instanceof DCModule dc ? dc.getTitle() : null;
    }

    private static RawItem item(int position, SyndEntry e, Element element, boolean atom, boolean rdf, String base) {
        String guid = guid(e, rdf);
        List<String> links = alternateLinks(e.getLinks());
        links.add(e.getLink());
        if (guid != null && Urls.hasScheme(guid)) links.add(guid);

        SyndContent title = e.getTitleEx();
        String summary = e.getDescription() == null ? null : html(e.getDescription(), atom);
        if (EntryMapper.blankToNull(summary) == null && element != null) summary = mediaDescription(element);
        return new RawItem(position, guid, links, base,
                title == null ? e.getTitle() : title.getValue(), titleKind(element, title, atom),
                author(e), published(e), content(e, atom), summary, categories(e), false);
    }

    /** The id as written: RSS guid, RDF rdf:about, Atom id. ROME's own uri falls back to the link. */
    private static String guid(SyndEntry e, boolean rdf) {
        Object wire = e.getWireEntry();
        if (wire instanceof Item item) {
            if (item.getGuid() != null) return item.getGuid().getValue();
            return rdf ? item.getUri() : null;
        }
        if (wire instanceof Entry entry) return entry.getId();
        return e.getUri();
    }

    private static String author(SyndEntry e) {
        String author = EntryMapper.blankToNull(e.getAuthor());
        if (author != null) return author;
        for (SyndPerson p : e.getAuthors()) {
            if (EntryMapper.blankToNull(p.getName()) != null) return p.getName();
            if (EntryMapper.blankToNull(p.getEmail()) != null) return p.getEmail();
        }
        return null;
    }

    private static Instant published(SyndEntry e) {
        Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        return d == null ? null : d.toInstant();
    }

    private static String content(SyndEntry e, boolean atom) {
        for (SyndContent c : e.getContents()) {
            String html = html(c, atom);
            if (EntryMapper.blankToNull(html) != null) return html;
        }
        return null;
    }

    /** RSS bodies are HTML by convention; Atom says which, and text must be escaped to stay text. */
    private static String html(SyndContent c, boolean atom) {
        String value = c.getValue();
        if (value == null || !atom) return value;
        String type = c.getType() == null ? "text" : c.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) return EntryMapper.escapeHtml(value);
        if (type.contains("html") || type.contains("xml")) return value;
        return type.startsWith("text/") ? EntryMapper.escapeHtml(value) : null;
    }

    /** From the title element's type attribute where we have it: ROME drops it for Atom 0.3. */
    private static RawItem.TitleKind titleKind(Element parent, SyndContent title, boolean atom) {
        Element t = null;
        if (parent != null) {
            for (Element c : parent.getChildren()) if (c.getName().equals("title")) { t = c; break; }
        }
        if (t != null) return titleKind(t.getAttributeValue("type"), atom);
        return titleKind(title == null ? null : title.getType(), atom);
    }

    /** The element holding feed-level metadata: the channel for RSS, the root otherwise. */
    private static Element head(Element root) {
        for (Element c : root.getChildren()) if (c.getName().equals("channel")) return c;
        return root;
    }

    static RawItem.TitleKind titleKind(String type, boolean atom) {
        if (type != null && type.toLowerCase(Locale.ROOT).contains("html")) return RawItem.TitleKind.HTML;
        return atom ? RawItem.TitleKind.TEXT : RawItem.TitleKind.GUESS;
    }

    private static List<String> categories(SyndEntry e) {
        List<String> out = new ArrayList<>();
        for (SyndCategory c : e.getCategories()) out.add(c.getName());
        return out;
    }

    /** media:description of the item, its media:group or media:content; plain unless type="html". */
    private static String mediaDescription(Element item) {
        for (Element child : item.getChildren()) {
            if (!child.getNamespaceURI().startsWith(MRSS)) continue;
            if (child.getName().equals("description")) {
                String text = child.getText();
                return "html".equalsIgnoreCase(child.getAttributeValue("type")) ? text : EntryMapper.escapeHtml(text);
            }
            if (child.getName().equals("group") || child.getName().equals("content")) {
                String nested = mediaDescription(child);
                if (nested != null) return nested;
            }
        }
        return null;
    }

    /** Elements ROME turns into entries, in its order: feed/entry, rss/channel/item, rdf:RDF/item. */
    private static List<Element> itemElements(Element root) {
        List<Element> out = new ArrayList<>();
        if (root.getName().equals("feed")) {
            for (Element c : root.getChildren()) if (c.getName().equals("entry")) out.add(c);
            return out;
        }
        for (Element c : root.getChildren()) {
            if (c.getName().equals("item")) out.add(c);
            if (c.getName().equals("channel")) {
                for (Element i : c.getChildren()) if (i.getName().equals("item")) out.add(i);
            }
        }
        return out;
    }

    private static String feedBase(Element root, String feedUrl) {
        return base(head(root), feedUrl);
    }

    /** The feed URL with every xml:base from the root down to {@code element} applied. */
    private static String base(Element element, String feedUrl) {
        List<String> chain = new ArrayList<>();
        for (Element e = element; e != null; e = e.getParentElement()) chain.add(0, xmlBase(e));
        String base = feedUrl;
        for (String b : chain) base = Urls.withXmlBase(base, b);
        return base;
    }

    private static String xmlBase(Element e) {
        return e.getAttributeValue("base", Namespace.XML_NAMESPACE);
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replaceAll("\\s+", " ").strip();
    }
}
