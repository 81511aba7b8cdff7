package org.newsvault.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.output.XMLOutputter;

/**
 * What the JDOM tree knows and ROME's model drops: which elements are the items, xml:base, the title's
 * declared type, Media RSS descriptions, and markup left unescaped inside an Atom text construct.
 */
final class FeedElements {
    private static final String MRSS = "http://search.yahoo.com/mrss";

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
}
