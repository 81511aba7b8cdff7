package org.newsvault.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * OPML 2.0 feed lists. Reading: every outline with an {@code xmlUrl} is a feed; its outlet is the nearest
 * enclosing folder outline, else the outline itself; the outlet id is our {@code nv:id} attribute when
 * present, else the title slugified, else the feed's host. Only http(s) feeds are taken: an OPML file from
 * elsewhere must not make newsvault read local files. Writing: one folder per outlet carrying {@code nv:id}
 * and {@code nv:interval}, so an export imports back to the same outlets.
 */
public final class Opml {
    public static final String NS = "urn:newsvault:opml";
    private static final long MAX_BYTES = 16 << 20;

    /** An outlet read from OPML; {@code interval} as written in the config (e.g. 30m), or null. */
    public record Outlet(String id, String name, String interval, List<FeedConfig> feeds) {}

    /**
     * Outlets in document order; how many feed outlines were unusable (not http(s)), and how many repeated a
     * URL met earlier in the file (the first one counts).
     */
    public record Document(List<Outlet> outlets, int invalid, int repeated) {}

    private Opml() {}

    public static Document read(Path file) throws IOException {
        org.w3c.dom.Document doc;
        try {
            if (Files.size(file) > MAX_BYTES) throw new IOException(file + ": larger than " + (MAX_BYTES >> 20) + " MB");
            try (InputStream in = Files.newInputStream(file)) {
                doc = builder().parse(in);
            }
        } catch (SAXException e) {
            throw new IOException(file + ": not valid OPML: " + e.getMessage());
        } catch (java.nio.file.FileSystemException e) {
            // its message is the bare path ("newsvault: nosuch.opml"): say what went wrong
            throw new IOException("cannot read " + file + ": " + org.newsvault.model.IoReasons.of(e), e);
        }
        Element root = doc.getDocumentElement();
        if (!"opml".equals(root.getLocalName())) throw new IOException(file + ": not OPML (root is <" + root.getTagName() + ">)");
        Map<String, Builder> outlets = new LinkedHashMap<>();
        int[] counts = {0, 0};
        for (Element body : children(root, "body")) walk(body, null, outlets, new java.util.HashSet<>(), counts);
        List<Outlet> out = new ArrayList<>();
        for (Builder b : outlets.values()) out.add(new Outlet(b.id, b.name, b.interval, b.feeds));
        return new Document(out, counts[0], counts[1]);
    }

    private static final class Builder {
        final String id;
        final String name;
        final List<FeedConfig> feeds = new ArrayList<>();
        String interval;

        Builder(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** counts: [invalid, repeated] */
    private static void walk(Element parent, Element folder, Map<String, Builder> outlets, java.util.Set<String> seen,
                             int[] counts) {
        for (Element o : children(parent, "outline")) {
            String xmlUrl = attr(o, "xmlUrl");
            if (xmlUrl == null) xmlUrl = attr(o, "xmlurl");
            if (xmlUrl == null) {
                walk(o, o, outlets, seen, counts);
                continue;
            }
            String url = httpUrl(xmlUrl);
            if (url == null) {
                counts[0]++;
                continue;
            }
            if (!seen.add(url)) {
                counts[1]++;
                continue;
            }
            Element owner = folder == null ? o : folder;
            String title = title(owner);
            String id = ns(owner, "id");
            if (id == null || !id.matches("[a-z0-9-]{1,64}")) id = slug(title);
            if (id.isEmpty()) id = hostSlug(url);
            String interval = ns(owner, "interval");
            if (interval != null) {
                try {
                    YamlNodes.parseDuration(interval);
                } catch (IllegalArgumentException e) {
                    interval = null;
                }
            }
            String name = title == null ? id : title;
            Builder b = outlets.computeIfAbsent(id, k -> new Builder(k, name));
            if (b.interval == null) b.interval = interval;
            boolean enabled = !"false".equalsIgnoreCase(ns(o, "enabled"));
            b.feeds.add(new FeedConfig(url, enabled));
        }
    }

    /** OPML 2.0 of every configured feed, one folder per outlet. */
    public static String write(List<OutletConfig> outlets, Instant now) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<opml version=\"2.0\" xmlns:nv=\"").append(NS).append("\">\n  <head>\n")
            .append("    <title>newsvault feeds</title>\n    <dateCreated>")
            .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC))).append("</dateCreated>\n")
            .append("  </head>\n  <body>\n");
        for (OutletConfig o : outlets) {
            sb.append("    <outline text=\"").append(esc(o.name())).append("\" title=\"").append(esc(o.name()))
                .append("\" nv:id=\"").append(esc(o.id())).append("\" nv:interval=\"").append(format(o.interval())).append("\">\n");
            for (FeedConfig f : o.feeds()) {
                sb.append("      <outline type=\"rss\" text=\"").append(esc(o.name())).append("\" xmlUrl=\"").append(esc(f.url()))
                    .append('"').append(f.enabled() ? "" : " nv:enabled=\"false\"").append("/>\n");
            }
            sb.append("    </outline>\n");
        }
        return sb.append("  </body>\n</opml>\n").toString();
    }

    /** Lower-case ASCII letters and digits joined by '-', at most 40 characters; empty when none. */
    static String slug(String title) {
        if (title == null) return "";
        String s = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return s;
    }

    /** {@code www.rfa.org} → {@code rfa-org}. */
    static String hostSlug(String url) {
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|feeds?|rss)\\.", "");
        String s = slug(host);
        return s.isEmpty() ? "feed" : s;
    }

    /** A duration as the config writes it: 30m, 1h30m, 45s, 1d. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s == 0) return d.toMillis() + "ms";
        StringBuilder sb = new StringBuilder();
        if (s >= 86400 && s % 86400 == 0) return s / 86400 + "d";
        if (s >= 3600) sb.append(s / 3600).append('h');
        if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
        if (s % 60 > 0) sb.append(s % 60).append('s');
        return sb.toString();
    }

    private static String httpUrl(String raw) {
        String u = raw.trim();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? u : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String title(Element o) {
        String t = attr(o, "title");
        if (t == null) t = attr(o, "text");
        return t == null ? null : t.strip();
    }

    private static String attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String ns(Element e, String name) {
        String v = e.getAttributeNS(NS, name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }

    private static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) sb.appendCodePoint(c);
                }
            }
        });
        return sb.toString();
    }

    /** DOM parser with DOCTYPEs refused: no external entities, no entity expansion bombs. */
    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("XML parser: " + e.getMessage(), e);
        }
    }
}
