package org.newsvault.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.newsvault.model.Urls;
import org.newsvault.render.Variant;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * OPML 2.0 feed lists, as feed readers (Miniflux, FreshRSS, Feedly, newsboat) write them: folders of feed
 * outlines, one outline per feed, each with the site's {@code htmlUrl} and title.
 *
 * <p>Reading groups feeds into outlets <em>by site</em>: the host of the feed's {@code htmlUrl}, else the
 * registrable domain of its {@code xmlUrl}, so the sites of one folder stay apart and the feeds of one site
 * are one outlet. The folder is kept as the outlet's category. {@link Grouping#FOLDER} makes one outlet per
 * folder instead. Feeds written by {@code opml export} carry {@code nv:outlet} and one {@code nv:} attribute
 * per outlet key, and go back to exactly that outlet (an older export's folders with {@code nv:id} too).
 *
 * <p>The file may come from anywhere: no DOCTYPE (so no external entities, no entity expansion), at most
 * {@value #MAX_BYTES} bytes, {@value #MAX_DEPTH} levels of folders and {@value #MAX_FEEDS} feeds, and only
 * http(s) feed URLs ({@code file:}, {@code javascript:}, {@code data:} are refused with a line naming the
 * outline) — an OPML file must not make newsvault read local files.
 */
public final class Opml {
    public static final String NS = "urn:newsvault:opml";
    static final long MAX_BYTES = 16 << 20;
    /** Readers nest folders one or two deep; far deeper is an attack on the parser's and our stack. */
    static final int MAX_DEPTH = 32;
    static final int MAX_FEEDS = 20_000;
    private static final int MAX_TITLE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How {@link #read} turns feeds into outlets. */
    public enum Grouping {
        /** One outlet per site; folders become the outlet's categories. */
        SITE,
        /** One outlet per folder (a feed outside any folder is its own outlet); the enclosing folder is the category. */
        FOLDER;

        public static Grouping parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "site" -> SITE;
                case "folder" -> FOLDER;
                default -> throw new IllegalArgumentException("--group-by must be site or folder, not '" + s + "'");
            };
        }
    }

    /** One feed outline: the feed, and the outline's title for messages. */
    public record Feed(String url, boolean enabled, String title) {
        public FeedConfig config() {
            return new FeedConfig(url, enabled);
        }

        /** {@code 'DW 中文' https://...} */
        public String label() {
            return (title == null ? "" : "'" + cut(title, 60) + "' ") + url;
        }
    }

    /**
     * An outlet read from OPML.
     *
     * @param id       {@code explicit}: the id an export wrote; otherwise a proposal from the name or site, which
     *                 {@link FeedEditor#importOutlets} makes unique against the config
     * @param explicit the id is newsvault's own (from {@code nv:outlet} or an older export's {@code nv:id})
     * @param name     display name: the site's title (what its feed titles share), or the folder's
     * @param sites    registrable domains of the outlet's feeds and pages (a derived id joins an existing outlet
     *                 of that id only when it is the same site)
     * @param keys     the other outlet keys as a config entry holds them ({@code interval: 30m},
     *                 {@code categories: [News]}, {@code remove: [...]}); validated when imported
     * @param feeds    in document order
     */
    public record Outlet(String id, boolean explicit, String name, Set<String> sites, Map<String, Object> keys,
                         List<Feed> feeds) {
        public Outlet {
            sites = Set.copyOf(sites);
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
            feeds = List.copyOf(feeds);
        }

        /** The categories among {@link #keys}, for tests and messages. */
        @SuppressWarnings("unchecked")
        public List<String> categories() {
            return (List<String>) keys.getOrDefault("categories", List.of());
        }
    }

    /**
     * Outlets in document order, and one line per outline that was left out ({@code problems}): not an http(s)
     * feed, a URL met earlier in the file (the first one counts), an {@code nv:} attribute that is not readable.
     */
    public record Document(List<Outlet> outlets, List<String> problems, int invalid, int repeated) {}

    /**
     * One outlet key as an {@code nv:} attribute: the config model's record component, the key in the YAML
     * config, the attribute value (null: the default, not written) and the YAML value back from it.
     */
    private record Key(String component, String yaml, Function<OutletConfig, String> write, Function<String, Object> read) {}

    private static final List<Key> KEYS = List.of(
        new Key("interval", "interval",
            o -> o.interval().equals(OutletConfig.DEFAULT_INTERVAL) ? null : format(o.interval()), s -> s),
        new Key("content", "content", OutletConfig::content, s -> s),
        new Key("remove", "remove", o -> o.remove().isEmpty() ? null : json(o.remove()), Opml::strings),
        new Key("format", "format", o -> o.format() == Variant.JEKYLL ? null : o.format().name().toLowerCase(Locale.ROOT), s -> s),
        new Key("proxy", "proxy", OutletConfig::proxy, s -> s),
        new Key("imageProxy", "image-proxy", o -> o.imageProxy() ? "true" : null, Opml::bool),
        new Key("images", "images", o -> o.images() ? null : "false", Opml::bool),
        // one category is the folder the feeds sit in; the attribute is needed only for more
        new Key("categories", "categories", o -> o.categories().size() < 2 ? null : json(o.categories()), Opml::strings));
    /** Components written otherwise: id as nv:outlet, name as the outline's title, feeds as outlines; source is not a key. */
    private static final Set<String> SPECIAL = Set.of("id", "name", "feeds", "source");

    static {
        // a key added to the config model without an attribute here would be dropped by every export: refuse to run
        Set<String> model = Arrays.stream(OutletConfig.class.getRecordComponents()).map(RecordComponent::getName)
            .collect(Collectors.toCollection(TreeSet::new));
        Set<String> here = new TreeSet<>(SPECIAL);
        KEYS.forEach(k -> here.add(k.component()));
        Set<String> feed = Arrays.stream(FeedConfig.class.getRecordComponents()).map(RecordComponent::getName)
            .collect(Collectors.toCollection(TreeSet::new));
        if (!model.equals(here) || !feed.equals(Set.of("url", "enabled"))) {
            throw new IllegalStateException("Opml does not write every outlet/feed key: model " + model + " " + feed + ", OPML " + here);
        }
    }

    private Opml() {}

    /** The YAML names of the outlet keys carried as {@code nv:} attributes (besides id, name and feeds). */
    static List<String> keyNames() {
        return KEYS.stream().map(Key::yaml).toList();
    }

    public static Document read(Path file) throws IOException {
        return read(file, Grouping.SITE);
    }

    public static Document read(Path file, Grouping grouping) throws IOException {
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
        Walk w = new Walk(file);
        for (Element body : children(root, "body")) w.walk(body, new ArrayList<>());
        List<Outlet> out = new ArrayList<>();
        for (List<Item> group : group(w.items, grouping).values()) out.add(outlet(group, grouping, w.problems));
        return new Document(out, w.problems, w.invalid, w.repeated);
    }

    /** A feed outline and the folders it sits in (outermost first). */
    private record Item(Element outline, String url, String title, List<Element> folders) {
        Element folder() {
            return folders.isEmpty() ? null : folders.get(folders.size() - 1);
        }
    }

    private static final class Walk {
        final Path file;
        final List<Item> items = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, String> seen = new HashMap<>();
        int invalid;
        int repeated;

        Walk(Path file) {
            this.file = file;
        }

        void walk(Element parent, List<Element> folders) throws IOException {
            if (folders.size() > MAX_DEPTH) throw new IOException(file + ": folders nested deeper than " + MAX_DEPTH + " levels");
            for (Element o : children(parent, "outline")) {
                String xmlUrl = attr(o, "xmlUrl");
                if (xmlUrl == null) xmlUrl = attr(o, "xmlurl");
                if (xmlUrl == null) {
                    List<Element> inner = new ArrayList<>(folders);
                    inner.add(o);
                    walk(o, inner);
                    continue;
                }
                if (items.size() + invalid + repeated >= MAX_FEEDS) {
                    throw new IOException(file + ": more than " + MAX_FEEDS + " feeds; split the file");
                }
                String title = title(o);
                String label = "outline " + (title == null ? "(untitled)" : "'" + cut(title, 60) + "'");
                String url = httpUrl(xmlUrl);
                if (url == null) {
                    invalid++;
                    problems.add("skipped " + label + ": '" + cut(xmlUrl.strip(), 80) + "' is not an http(s) feed URL");
                    continue;
                }
                String first = seen.putIfAbsent(ConfigLoader.feedKey(url), label);
                if (first != null) {
                    repeated++;
                    problems.add("skipped " + label + ": " + url + " is already in this file (" + first + ")");
                    continue;
                }
                items.add(new Item(o, url, title, List.copyOf(folders)));
            }
        }
    }

    /** Items by outlet, in document order of each outlet's first feed. */
    private static Map<String, List<Item>> group(List<Item> items, Grouping grouping) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Item it : items) {
            String id = id(ns(it.outline(), "outlet"));
            Element legacy = legacyFolder(it);
            String key;
            if (id != null) key = "id:" + id;
            else if (legacy != null) key = "id:" + id(ns(legacy, "id"));
            else if (grouping == Grouping.FOLDER && it.folder() != null) key = "folder:" + String.valueOf(title(it.folder()));
            else key = "site:" + site(it);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(it);
        }
        return groups;
    }

    private static Outlet outlet(List<Item> items, Grouping grouping, List<String> problems) {
        Item first = items.get(0);
        String nvId = id(ns(first.outline(), "outlet"));
        Element legacy = nvId == null ? legacyFolder(first) : null;
        boolean byFolder = nvId == null && legacy == null && grouping == Grouping.FOLDER && first.folder() != null;
        // the element whose title names the outlet and whose nv: attributes hold its keys
        Element owner = legacy != null ? legacy : byFolder ? first.folder() : first.outline();
        String name;
        if (legacy != null || byFolder || nvId != null) name = clean(title(owner));
        else name = siteName(items.stream().map(Item::title).map(Opml::clean).toList());
        Map<String, Object> keys = new LinkedHashMap<>();
        String ownerLabel = "outline " + (name == null ? "(untitled)" : "'" + cut(name, 60) + "'");
        for (Key k : KEYS) {
            String v = ns(owner, k.yaml());
            if (v == null) continue;
            try {
                keys.put(k.yaml(), k.read().apply(v));
            } catch (IllegalArgumentException e) {
                problems.add(ownerLabel + ": nv:" + k.yaml() + " ignored: " + e.getMessage());
            }
        }
        if (!keys.containsKey("categories")) {
            // the folder the outlet sits in: the feed's own for a site, the one around it for a folder outlet
            Set<String> cats = new LinkedHashSet<>();
            for (Item it : items) {
                List<Element> f = it.folders();
                int at = f.size() - (legacy != null || byFolder ? 2 : 1);
                String c = at >= 0 ? clean(title(f.get(at))) : null;
                if (c != null) cats.add(c);
            }
            if (!cats.isEmpty()) keys.put("categories", List.copyOf(cats));
        }
        Set<String> sites = new LinkedHashSet<>();
        List<Feed> feeds = new ArrayList<>();
        for (Item it : items) {
            sites.add(registrable(URI.create(it.url()).getHost()));
            String page = httpUrl(attr(it.outline(), "htmlUrl"));
            if (page != null) sites.add(registrable(URI.create(page).getHost()));
            feeds.add(new Feed(it.url(), !"false".equalsIgnoreCase(ns(it.outline(), "enabled")), clean(it.title())));
        }
        String id = nvId != null ? nvId : legacy != null ? id(ns(legacy, "id")) : null;
        if (id == null) id = slug(name);
        if (id.isEmpty()) id = hostSlug(byFolder ? first.url() : "http://" + site(first) + "/");
        return new Outlet(id, nvId != null || legacy != null, name == null ? id : name, sites, keys, feeds);
    }

    /** The folder of an older export (one folder per outlet, {@code nv:id} on it), or null. */
    private static Element legacyFolder(Item it) {
        Element f = it.folder();
        return f != null && id(ns(f, "id")) != null ? f : null;
    }

    /** The feed's site: its page's host without {@code www.}, else the registrable domain of the feed's host. */
    private static String site(Item it) {
        String page = httpUrl(attr(it.outline(), "htmlUrl"));
        if (page != null) return URI.create(page).getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        return registrable(URI.create(it.url()).getHost());
    }

    /** {@code rss.dw.com} → {@code dw.com}, {@code news.bbc.co.uk} → {@code bbc.co.uk} (public suffix list). */
    static String registrable(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        try {
            String top = new okhttp3.HttpUrl.Builder().scheme("http").host(h).build().topPrivateDomain();
            return top == null ? h : top;
        } catch (IllegalArgumentException e) {
            return h;
        }
    }

    /**
     * What the titles of one site's feeds share ("DW 中文 - 新闻", "DW 中文 - 经济" → "DW 中文"), cut back to a
     * word boundary in Latin script; the first title when they share too little.
     */
    static String siteName(List<String> titles) {
        List<String> ts = titles.stream().filter(t -> t != null && !t.isEmpty()).distinct().toList();
        if (ts.isEmpty()) return null;
        if (ts.size() == 1) return ts.get(0);
        String p = ts.get(0);
        for (String t : ts) {
            int i = 0;
            while (i < p.length() && i < t.length() && p.charAt(i) == t.charAt(i)) i++;
            p = p.substring(0, i);
        }
        final String prefix = p;
        boolean midWord = !prefix.isEmpty() && Character.isLetterOrDigit(prefix.charAt(prefix.length() - 1))
            && !Character.isIdeographic(prefix.codePointBefore(prefix.length()))
            && ts.stream().anyMatch(t -> t.length() > prefix.length() && Character.isLetterOrDigit(t.charAt(prefix.length())));
        if (midWord) p = p.replaceFirst("[\\p{L}\\p{N}]+$", "");
        p = p.replaceFirst("[\\s\\p{Punct}\\p{Pd}|·•:：｜－—]+$", "").strip();
        return p.codePointCount(0, p.length()) >= 2 ? p : ts.get(0);
    }

    /**
     * OPML 2.0 of every configured outlet, readable by other readers: one folder per category (an outlet's first
     * one), one feed outline per feed titled with the outlet's name; outlets without a category at the top. Each
     * feed outline carries {@code nv:outlet} and every non-default outlet key as an {@code nv:} attribute, so an
     * import gives back the same outlets.
     */
    public static String write(List<OutletConfig> outlets, Instant now) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<opml version=\"2.0\" xmlns:nv=\"").append(NS).append("\">\n  <head>\n")
            .append("    <title>newsvault feeds</title>\n    <dateCreated>")
            .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC))).append("</dateCreated>\n")
            .append("  </head>\n  <body>\n");
        Set<String> done = new java.util.HashSet<>();
        for (OutletConfig o : outlets) {
            if (o.categories().isEmpty()) {
                feeds(sb, o, "    ");
                continue;
            }
            String cat = o.categories().get(0);
            if (!done.add(cat)) continue;
            sb.append("    <outline text=\"").append(esc(cat)).append("\" title=\"").append(esc(cat)).append("\">\n");
            for (OutletConfig in : outlets) {
                if (!in.categories().isEmpty() && in.categories().get(0).equals(cat)) feeds(sb, in, "      ");
            }
            sb.append("    </outline>\n");
        }
        return sb.append("  </body>\n</opml>\n").toString();
    }

    private static void feeds(StringBuilder sb, OutletConfig o, String indent) {
        StringBuilder keys = new StringBuilder(" nv:outlet=\"").append(esc(o.id())).append('"');
        for (Key k : KEYS) {
            String v = k.write().apply(o);
            if (v != null) keys.append(" nv:").append(k.yaml()).append("=\"").append(esc(v)).append('"');
        }
        for (FeedConfig f : o.feeds()) {
            sb.append(indent).append("<outline type=\"rss\" text=\"").append(esc(o.name())).append("\" title=\"").append(esc(o.name()))
                .append("\" xmlUrl=\"").append(esc(f.url())).append('"').append(keys)
                .append(f.enabled() ? "" : " nv:enabled=\"false\"").append("/>\n");
        }
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

    /** The URL when it is one the config takes and {@link Urls#canonical} can key (http or https with a host), else null. */
    private static String httpUrl(String raw) {
        if (raw == null) return null;
        String u = raw.trim();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) return null;
            Urls.canonical(u);
            return u;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String id(String v) {
        return v != null && v.matches("[a-z0-9-]{1,64}") ? v : null;
    }

    private static String title(Element o) {
        String t = attr(o, "title");
        if (t == null) t = attr(o, "text");
        return t == null ? null : t.strip();
    }

    /** A title fit for a config value: no control characters, one line, at most {@value #MAX_TITLE} characters. */
    private static String clean(String s) {
        if (s == null) return null;
        String c = s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").strip();
        c = cut(c, MAX_TITLE);
        return c.isEmpty() ? null : c;
    }

    private static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String json(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON list of strings, as {@link #json} writes it. */
    private static List<String> strings(String v) {
        Object parsed;
        try {
            parsed = JSON.readValue(v, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON list of strings");
        }
        if (!(parsed instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
            throw new IllegalArgumentException("not a JSON list of strings");
        }
        return l.stream().map(String.class::cast).toList();
    }

    private static Object bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + cut(v, 40) + "' is not true or false");
        };
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
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) sb.appendCodePoint(c);
                }
            }
        });
        return sb.toString();
    }

    /**
     * DOM parser with DOCTYPEs refused (no external entities, no entity expansion bombs) and the element depth
     * bounded, so a file of a million nested outlines fails in the parser instead of in our recursion.
     */
    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // opml, body, then the outlines: folders up to MAX_DEPTH and their feeds, with room for a head
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH + 8));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IOException("XML parser: " + e.getMessage(), e);
        }
    }
}
