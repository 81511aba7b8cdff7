package org.newsvault.parse;

import com.rometools.rome.io.impl.DateParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.filter.Filters;
import org.jdom2.output.XMLOutputter;

/**
 * What the JDOM tree knows and ROME's model drops: which elements are the items, xml:base, the title's
 * declared type, Media RSS descriptions, and markup left unescaped inside an Atom text construct.
 */
final class FeedElements {
    private static final String MRSS = "http://search.yahoo.com/mrss";
    private static final String ATOM10 = "http://www.w3.org/2005/Atom";
    private static final String ATOM03 = "http://purl.org/atom/ns#";
    /** Date elements in the order they are believed: Atom 1.0/0.3, RSS, Dublin Core. */
    private static final List<String> DATES = List.of("published", "issued", "created", "pubDate", "date", "updated", "modified");

    private FeedElements() {
    }

    /** Elements ROME turns into entries, in its order: feed/entry, rss/channel/item, rdf:RDF/item. */
    static List<Element> items(Element root) {
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

    /** The element holding feed-level metadata: the channel for RSS, the root otherwise. */
    static Element head(Element root) {
        Element channel = child(root, "channel");
        return channel != null ? channel : root;
    }

    /** The feed URL with every xml:base from the root down to {@code element} applied. */
    static String base(Element element, String feedUrl) {
        List<String> chain = new ArrayList<>();
        for (Element e = element; e != null; e = e.getParentElement()) {
            chain.add(0, e.getAttributeValue("base", Namespace.XML_NAMESPACE));
        }
        String base = feedUrl;
        for (String b : chain) base = Urls.withXmlBase(base, b);
        return base;
    }

    /** The type attribute of the title child, or null. ROME drops it for Atom 0.3. */
    static String titleType(Element parent) {
        Element title = child(parent, "title");
        return title == null ? null : title.getAttributeValue("type");
    }

    /** media:description of the item, its media:group or media:content; plain unless type="html". */
    static String mediaDescription(Element item) {
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

    /**
     * Raw markup inside an Atom {@code name} element that is not declared XHTML/XML. Such feeds are
     * invalid, and ROME keeps only the element's direct text, which loses most of the body.
     */
    static String inlineMarkup(Element entry, String name) {
        Element el = child(entry, name);
        if (el == null || el.getChildren().isEmpty()) return null;
        String type = el.getAttributeValue("type", "text").toLowerCase(Locale.ROOT);
        if (type.equals("xhtml") || type.contains("xml")) return null;
        // The HTML elements inherited the Atom default namespace; printed, it would appear as xmlns="…".
        Element copy = el.clone();
        for (Element d : copy.getDescendants(Filters.element())) {
            if (d.getNamespace().equals(el.getNamespace())) d.setNamespace(Namespace.NO_NAMESPACE);
        }
        return new XMLOutputter().outputString(copy.getContent());
    }

    private static Element child(Element parent, String name) {
        for (Element c : parent.getChildren()) if (c.getName().equals(name)) return c;
        return null;
    }

    /** A title as read: its text and how to read that text. */
    record Title(String text, RawItem.TitleKind kind) {
    }

    /**
     * The title when ROME's value would be wrong, else null: an Atom title of type html or text that holds
     * unescaped child elements (ROME keeps only the direct text, so "An <b>important</b> story" loses its
     * middle), or one of a non-text media type (base64, RFC 4287 3.1.1.3; Atom 0.3 says mode="base64").
     */
    static Title title(Element parent) {
        Element title = child(parent, "title");
        if (title == null || !isAtom(title)) return null;
        String type = title.getAttributeValue("type", "text").strip().toLowerCase(Locale.ROOT);
        if (isBinaryType(type) || "base64".equalsIgnoreCase(title.getAttributeValue("mode"))) {
            String decoded = decodeBase64(title.getText());
            return decoded == null ? null : new Title(decoded, RawItem.TitleKind.GUESS);
        }
        if (title.getChildren().isEmpty() || type.equals("xhtml") || type.endsWith("+xml") || type.endsWith("/xml")) return null;
        if (!type.contains("html")) return new Title(title.getValue(), RawItem.TitleKind.TEXT);
        // HTML whose tags were not escaped: the text nodes are HTML source, the child elements are markup.
        StringBuilder html = new StringBuilder();
        XMLOutputter out = new XMLOutputter();
        for (Content c : title.getContent()) {
            if (c instanceof Text t) html.append(t.getText());
            else if (c instanceof Element e) html.append(out.outputString(e));
        }
        return new Title(html.toString(), RawItem.TitleKind.HTML);
    }

    /** A media type Atom base64-encodes: neither text, html, xhtml nor XML (RFC 4287 4.1.3.3). */
    static boolean isBinaryType(String type) {
        if (type == null) return false;
        String t = type.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("text") || t.equals("html") || t.equals("xhtml") || t.startsWith("text/")) return false;
        return t.contains("/") && !t.endsWith("+xml") && !t.endsWith("/xml");
    }

    /**
     * Base64 as UTF-8 text, or null when it is not base64 or does not decode to text (an image sent inline
     * is no article body).
     */
    static String decodeBase64(String value) {
        if (value == null) return null;
        String compact = value.replaceAll("\\s+", "");
        if (compact.isEmpty()) return null;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return null;
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Page links among the Atom link children of {@code parent} (also atom:link inside RSS), best first:
     * rel alternate (or none) of an HTML type or no type, then other alternates. The address is the href, or
     * the element's text where a feed put it there.
     */
    static List<String> alternateLinks(Element parent) {
        record Ranked(int rank, String href) {
        }
        List<Ranked> out = new ArrayList<>();
        for (Element l : parent.getChildren()) {
            if (!l.getName().equals("link") || !isAtom(l) && !l.getNamespaceURI().isEmpty()) continue;
            String href = l.getAttributeValue("href");
            if (href == null) href = l.getText();
            if (href == null || href.isBlank()) continue;
            if (l.getNamespaceURI().isEmpty() && l.getAttributeValue("href") == null) continue; // RSS <link>: ROME has it
            String rel = l.getAttributeValue("rel", "").strip();
            if (!rel.isEmpty() && !rel.equals("alternate")) continue;
            out.add(new Ranked(htmlType(l.getAttributeValue("type")) ? 0 : 1, href));
        }
        out.sort(Comparator.comparingInt(Ranked::rank));
        return out.stream().map(Ranked::href).toList();
    }

    /** No type, or a type a browser shows as a page. */
    static boolean htmlType(String type) {
        if (type == null || type.isBlank()) return true;
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("html");
    }

    /**
     * The first date among the element's children that {@link DateParser} reads (RFC 822 or W3C), or
     * null. ROME reads Atom 0.3 dates as W3C only, and knows no {@code created}.
     */
    static Instant date(Element parent) {
        for (String name : DATES) {
            for (Element c : parent.getChildren()) {
                if (!c.getName().equals(name)) continue;
                String value = c.getTextNormalize();
                if (value.isEmpty() || value.length() > 100) continue;
                Date d = DateParser.parseDate(value, Locale.US);
                if (d != null) return d.toInstant();
            }
        }
        return null;
    }

    private static boolean isAtom(Element e) {
        String ns = e.getNamespaceURI();
        return ns.equals(ATOM10) || ns.equals(ATOM03);
    }
}
