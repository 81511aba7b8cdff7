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

/**
 * ROME's view of a well-formed feed, as {@link RawFeed}. ROME does the format work (RSS 0.9x/1.0/2.0,
 * Atom 0.3/1.0, Dublin Core); {@link FeedElements} adds from the JDOM tree what ROME drops. Item
 * elements are matched to ROME's entries by position, and only when the counts agree.
 */
final class RomeFeedReader {

    private RomeFeedReader() {
    }

    /** What kind of feed ROME found, as far as mapping cares. */
    private record Kind(boolean atom, boolean rdf) {
    }

    /**
     * @throws IllegalArgumentException when ROME knows no format for this document
     * @throws FeedException            when ROME fails on it
     */
    static RawFeed read(Document doc, String feedUrl) throws FeedException {
        Element root = doc.getRootElement();
        List<Element> elements = FeedElements.items(root);
        Element head = FeedElements.head(root);
        String feedBase = FeedElements.base(head, feedUrl);

        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true);
        SyndFeed feed = input.build(doc);
        Kind kind = new Kind(feed.getFeedType() != null && feed.getFeedType().startsWith("atom"),
                root.getName().equals("RDF"));
        List<SyndEntry> entries = feed.getEntries();
        boolean aligned = elements.size() == entries.size();

        List<RawItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Element element = aligned ? elements.get(i) : null;
            String base = element == null ? feedBase : FeedElements.base(element, feedUrl);
            try {
                items.add(item(i + 1, entries.get(i), element, kind, base));
            } catch (RuntimeException e) {
                skipped.add("item " + (i + 1) + ": " + oneLine(e));
            }
        }
        SyndContent title = feed.getTitleEx();
        String titleText = title == null ? feed.getTitle() : title.getValue();
        if (EntryMapper.blankToNull(titleText) == null && feed.getModule(DCModule.URI) instanceof DCModule dc) {
            titleText = dc.getTitle();
        }
        return new RawFeed(titleText, titleKind(head, title, kind.atom()), feedLink(feed), feedBase, items, skipped, true);
    }

    private static RawItem item(int position, SyndEntry e, Element element, Kind kind, String base) {
        String guid = guid(e, kind.rdf());
        List<String> links = alternateLinks(e.getLinks());
        links.add(e.getLink());
        if (guid != null && Urls.hasScheme(guid)) links.add(guid);

        String content = content(e, kind.atom());
        String summary = e.getDescription() == null ? null : html(e.getDescription(), kind.atom());
        if (EntryMapper.blankToNull(summary) == null && e.getModule(DCModule.URI) instanceof DCModule dc) {
            summary = dc.getDescription();
        }
        if (element != null && kind.atom()) {
            String inline = FeedElements.inlineMarkup(element, "content");
            if (inline != null) content = inline;
            inline = FeedElements.inlineMarkup(element, "summary");
            if (inline != null) summary = inline;
        }
        if (element != null && EntryMapper.blankToNull(summary) == null) summary = FeedElements.mediaDescription(element);
        SyndContent title = e.getTitleEx();
        return new RawItem(position, guid, links, base, title == null ? e.getTitle() : title.getValue(),
                titleKind(element, title, kind.atom()), author(e), published(e), content, summary, categories(e), false);
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

    private static String author(SyndEntry e) {
        String author = EntryMapper.blankToNull(e.getAuthor());
        if (author != null) return author;
        for (SyndPerson p : e.getAuthors()) {
            if (EntryMapper.blankToNull(p.getName()) != null) return p.getName();
            if (EntryMapper.blankToNull(p.getEmail()) != null) return p.getEmail();
        }
        return null;
    }

    /** Published, else updated; ROME already falls back to dc:date for the published date. */
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

    private static RawItem.TitleKind titleKind(Element parent, SyndContent title, boolean atom) {
        String type = parent != null ? FeedElements.titleType(parent) : null;
        if (type == null && title != null) type = title.getType();
        return titleKind(type, atom);
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

    static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replaceAll("\\s+", " ").strip();
    }
}
