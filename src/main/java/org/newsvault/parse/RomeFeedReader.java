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
        RawItem.TitleKind titleKind = titleKind(head, title, kind.atom());
        FeedElements.Title fixed = FeedElements.title(head);
        if (fixed != null) {
            titleText = fixed.text();
            titleKind = fixed.kind();
        }
        return new RawFeed(titleText, titleKind, feedLink(feed, head), feedBase, items, skipped, true);
    }

    private static RawItem item(int position, SyndEntry e, Element element, Kind kind, String base) {
        String guid = guid(e, kind.rdf());
        List<String> links = links(e, element, kind.atom(), guid);

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
        String titleText = title == null ? e.getTitle() : title.getValue();
        RawItem.TitleKind titleKind = titleKind(element, title, kind.atom());
        FeedElements.Title fixed = element == null ? null : FeedElements.title(element);
        if (fixed != null) {
            titleText = fixed.text();
            titleKind = fixed.kind();
        }
        Instant published = published(e);
        if (published == null && element != null) published = FeedElements.date(element);
        return new RawItem(position, guid, links, base, titleText, titleKind, author(e), published, content, summary,
                categories(e), false);
    }

    /**
     * Page links, best first. RSS: its link, then atom:link alternates, then a guid that is a permalink.
     * Atom: alternates of an HTML type, other alternates, then the id when it is an http(s) URL, and
     * ROME's pick last (it may be a rel="related" link, but that beats dropping the entry).
     */
    private static List<String> links(SyndEntry e, Element element, boolean atom, String guid) {
        List<String> links = new ArrayList<>();
        Object wire = e.getWireEntry();
        boolean permalink = true;
        if (wire instanceof Item item) {
            links.add(item.getLink());
            permalink = item.getGuid() == null || item.getGuid().isPermaLink();
        }
        links.addAll(alternateLinks(e.getLinks()));
        if (element != null) links.addAll(FeedElements.alternateLinks(element));
        if (guid != null && permalink && Urls.hasScheme(guid)) links.add(guid);
        if (!(wire instanceof Item)) links.add(e.getLink());
        return links;
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

    /**
     * Links with rel alternate (or none), those of an HTML type (or none) first. ROME's own getLink() can
     * pick Atom's rel="self", or an alternate in another format (application/atom+xml) before the page.
     */
    private static List<String> alternateLinks(List<SyndLink> links) {
        List<String> html = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (SyndLink l : links) {
            if (l.getRel() == null || l.getRel().isBlank() || l.getRel().equals("alternate")) {
                (FeedElements.htmlType(l.getType()) ? html : other).add(l.getHref());
            }
        }
        html.addAll(other);
        return html;
    }

    /** The site link: an alternate, else the RSS link, else an atom:link alternate of the channel. */
    private static String feedLink(SyndFeed feed, Element head) {
        List<String> links = alternateLinks(feed.getLinks());
        links.add(feed.getLink());
        links.addAll(FeedElements.alternateLinks(head));
        return links.stream().filter(l -> EntryMapper.blankToNull(l) != null).findFirst().orElse(null);
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

    /**
     * RSS bodies are HTML by convention; Atom says which, and text must be escaped to stay text. Other
     * media types are base64 (RFC 4287 4.1.3.3): decoded when they are text, read as HTML as RSS is.
     */
    private static String html(SyndContent c, boolean atom) {
        String value = c.getValue();
        if (value == null || !atom) return value;
        String type = c.getType() == null ? "text" : c.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) return EntryMapper.escapeHtml(value);
        if (type.contains("html") || type.contains("xml")) return value;
        if (type.startsWith("text/")) return EntryMapper.escapeHtml(value);
        return FeedElements.isBinaryType(type) ? FeedElements.decodeBase64(value) : null;
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
