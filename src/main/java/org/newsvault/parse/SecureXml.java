package org.newsvault.parse;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * Strict XML parsing with every door to the outside shut: no DOCTYPE, no external entities or DTDs,
 * an entity resolver that answers with nothing, JAXP secure processing on, and elements nested at most
 * {@code maxDepth} deep (the JDK parser's own limit, so a hostile nesting fails at the parser instead of
 * as a stack overflow in whoever walks the tree). A new builder per call, because JDOM's
 * {@link SAXBuilder} is not thread-safe.
 */
final class SecureXml {
    private SecureXml() {
    }

    /** The JDK (Xerces) parser's element depth limit; JDOM hands the property to the SAX reader. */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    static Document parse(java.io.Reader reader) throws JDOMException, IOException {
        return parse(reader, RomeFeedParser.MAX_DEPTH);
    }

    static Document parse(java.io.Reader reader, int maxDepth) throws JDOMException, IOException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        builder.setExpandEntities(false);
        builder.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(maxDepth));
        return builder.build(reader);
    }
}
