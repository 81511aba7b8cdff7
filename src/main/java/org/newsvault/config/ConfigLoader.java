package org.newsvault.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.newsvault.model.Urls;
import org.newsvault.render.Variant;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code newsvault.yaml} and every {@code *.yaml} in the {@value #OUTLETS_DIR} folder beside it.
 * That folder holds the outlets added with {@code newsvault feeds add} / {@code opml import}, so CLI edits
 * never rewrite the user's hand-written main file. Relative paths resolve against the working directory.
 * Unknown keys are errors: a misspelt key silently ignored is worse than a refusal to start.
 *
 * <p>An entry in {@value #OUTLETS_DIR} whose id is an outlet of the main file, and that has only {@code id}
 * and {@code feeds}, extends that outlet instead of clashing with it: a feed URL the outlet already has takes
 * the entry's {@code enabled} flag, any other URL is added. That is how the CLI adds feeds to, or switches
 * off feeds of, a hand-written outlet without touching the main file.
 */
public final class ConfigLoader {
    public static final String OUTLETS_DIR = "outlets.d";
    public static final Path DEFAULT_CONFIG = Path.of("config", "newsvault.yaml");
    private static final Pattern OUTLET_ID = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> TOP_KEYS = Set.of("data", "archive", "listen", "http", "watch", "web", "images",
        "extraction", "outlets", "node", DatabaseSettings.URL_KEY, DatabaseSettings.PASSWORD_FILE_KEY,
        DatabaseSettings.POOL_KEY);
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Set<String> IMAGE_KEYS = Set.of("max-bytes", "max-per-article", "max-count");
    private static final Set<String> EXTRACTION_KEYS = Set.of("window", "stale-share");
    private static final Set<String> WEB_KEYS = Set.of("user", "password-hash", "remote-images", "timezone");
    private static final Set<String> OUTLET_KEYS = Set.of("id", "name", "feeds", "content", "remove", "interval",
        "format", "proxy", "image-proxy", "imageProxy", "categories", "images");
    private static final Set<String> HTTP_KEYS = Set.of("connect-timeout", "read-timeout", "call-timeout",
        "max-body", "max-redirects", "per-host", "per-host-gap", "retries", "user-agent", "proxy", "allow-private");
    /**
     * A body is held in memory about twice while it is read, then parsed: a cap above this share of the heap
     * ends in OutOfMemoryError instead of a "too large" line. (1/4 keeps the default 10 MB within {@code -Xmx64m},
     * which the README recommends for large daemons, and refuses the 64 MB that ran out of memory under 256 MB.)
     */
    static final int HEAP_SHARE_FOR_ONE_BODY = 4;
    private static final Set<String> WATCH_KEYS = Set.of("enabled", "schedule", "deletion-confirmations");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);

    /** Where {@link DatabaseSettings} reads {@value DatabaseSettings#PASSWORD_ENV}; tests set their own. */
    static volatile java.util.function.Function<String, String> environment = System::getenv;

    private ConfigLoader() {}

    /** The config as written; may have no outlets (commands that edit or read the archive need none). */
    public static Settings load(Path file) {
        return load(file, false);
    }

    /**
     * The config for polling ({@code poll}, {@code run} and every reload of the daemon: one validation for
     * all of them). A config with no outlet is refused, since an empty or truncated file would otherwise
     * unschedule every feed of a running daemon; one whose feeds are all disabled is accepted with a warning.
     *
     * @throws ConfigException {@code file:line: outlets: ...} when no outlet is configured
     */
    public static Settings loadForPolling(Path file) {
        Settings s = load(file, true);
        if (s.outlets().stream().noneMatch(o -> o.feeds().stream().anyMatch(FeedConfig::enabled))) {
            log.warn("{}: every feed is disabled: nothing will be polled", file);
        }
        return s;
    }

    private static Settings load(Path file, boolean requireOutlets) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file not found (use --config FILE)");
        }
        Node root = compose(file);
        YamlNodes y = new YamlNodes(file);
        Map<String, Node> top = root == null ? Map.of() : y.mapping(root, "(top level)");
        checkKeys(y, top, TOP_KEYS, "");
        Path data = Path.of(orDefault(y.string(top.get("data"), "data"), "data"));
        Path archive = Path.of(orDefault(y.string(top.get("archive"), "archive"), "archive"));
        org.newsvault.store.Backend database = DatabaseSettings.parse(y, top, environment);
        String listen = y.string(top.get("listen"), "listen");
        if (listen != null) checkListen(y, top.get("listen"), listen);
        String node = y.string(top.get("node"), "node");
        if (node != null && !NODE_NAME.matcher(node).matches()) {
            throw y.error(top.get("node"), "node", "'" + node + "' is not a node name: 1 to 40 of a-z, 0-9 and '-'");
        }
        Places places = new Places();
        HttpSettings http = http(y, top.get("http"));
        WatchSettings watch = watch(y, top.get("watch"));
        WebSettings web = web(y, top.get("web"));
        ImageSettings images = images(y, top.get("images"), Runtime.getRuntime().maxMemory());
        ExtractionSettings extraction = extraction(y, top.get("extraction"));

        List<OutletConfig> outlets = new ArrayList<>(mainOutlets(y, top, file, places));
        int mainCount = outlets.size();
        Path dir = file.toAbsolutePath().getParent().resolve(OUTLETS_DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    Node r = compose(f);
                    if (r == null) continue;
                    YamlNodes fy = new YamlNodes(f);
                    Map<String, Node> m = fy.mapping(r, "(top level)");
                    checkKeys(fy, m, Set.of("outlets"), "");
                    if (m.get("outlets") == null) continue;
                    List<Node> own = new ArrayList<>();
                    for (Node n : fy.sequence(m.get("outlets"), "outlets")) {
                        int base = indexOf(outlets.subList(0, mainCount), peekId(fy, n));
                        if (base >= 0) outlets.set(base, extend(fy, outlets.get(base), n, places));
                        else own.add(n);
                    }
                    outlets.addAll(outlets(fy, own, f, places));
                }
            } catch (IOException e) {
                throw new ConfigException(dir + ": cannot read: " + e.getMessage());
            }
        }
        places.checkUnique();
        if (requireOutlets && outlets.isEmpty()) {
            Node at = top.get("outlets");
            int line = at != null ? at.getStartMark().getLine() + 1 : 1;
            throw new ConfigException(file + ":" + line + ": outlets: none configured (" + (root == null ? "the file is empty"
                : at == null ? "no outlets key" : "an empty list") + "); list at least one outlet with its feeds, here or in "
                + OUTLETS_DIR + "/");
        }
        return new Settings(file, data, archive, http, watch, listen, outlets, web, images, extraction, node, database);
    }

    /** The node name when the config names none: this host's name, lower case, [a-z0-9-] only, at most 40. */
    public static String defaultNode() {
        return DefaultNode.NAME;
    }

    private static final class DefaultNode {
        static final String NAME = org.newsvault.model.NodePolicy.sanitize(org.newsvault.model.NodePolicy.localHost());
    }

    /** The outlets of the main file alone, as written there (before {@value #OUTLETS_DIR} extends them). */
    static List<OutletConfig> mainOutlets(Path file) {
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": config file not found (use --config FILE)");
        Node root = compose(file);
        YamlNodes y = new YamlNodes(file);
        return mainOutlets(y, root == null ? Map.of() : y.mapping(root, "(top level)"), file, new Places());
    }

    private static List<OutletConfig> mainOutlets(YamlNodes y, Map<String, Node> top, Path file, Places at) {
        return top.get("outlets") == null ? List.of() : outlets(y, y.sequence(top.get("outlets"), "outlets"), file, at);
    }

    /**
     * Where each outlet id and feed URL was written, in reading order (main file, then {@value #OUTLETS_DIR}
     * sorted), so a clash names the file:line of its second occurrence and the outlet of the first.
     */
    private static final class Places {
        private record Seen(String id, String outlet, String where) {}

        private final List<Seen> ids = new ArrayList<>();
        private final List<Seen> feeds = new ArrayList<>();

        void outlet(YamlNodes y, Node n, String id) {
            ids.add(new Seen(id, id, y.where(n)));
        }

        void feed(YamlNodes y, Node n, String outlet, String url) {
            feeds.add(new Seen(feedKey(url), outlet, y.where(n)));
        }

        void checkUnique() {
            Map<String, Seen> first = new java.util.HashMap<>();
            for (Seen s : ids) {
                Seen was = first.putIfAbsent(s.id(), s);
                if (was != null) {
                    throw new ConfigException(s.where() + ": outlets: id '" + s.id() + "' is used twice (first at " + was.where() + ")");
                }
            }
            first.clear();
            for (Seen s : feeds) {
                Seen was = first.putIfAbsent(s.id(), s);
                // the same URL again in one outlet is how outlets.d switches a feed of the main file on or off
                if (was != null && !was.outlet().equals(s.outlet())) {
                    throw new ConfigException(s.where() + ": outlets[" + s.outlet() + "].feeds: " + s.id()
                        + " is already a feed of outlet '" + was.outlet() + "' (" + was.where()
                        + "); a feed belongs to one outlet, else it is polled twice");
                }
            }
        }
    }

    /**
     * The feed's identity for the duplicate check: {@link Urls#canonical} (scheme, host case, default port,
     * tracking parameters) without a trailing slash; a URL it cannot parse ({@code file:}) is compared as written.
     */
    static String feedKey(String url) {
        String k;
        try {
            k = Urls.canonical(url);
        } catch (IllegalArgumentException e) {
            k = url.trim();
        }
        int q = k.indexOf('?');
        String path = q < 0 ? k : k.substring(0, q);
        while (path.endsWith("/") && !path.endsWith("//")) path = path.substring(0, path.length() - 1);
        return q < 0 ? path : path + k.substring(q);
    }

    private static String peekId(YamlNodes y, Node n) {
        return n instanceof org.yaml.snakeyaml.nodes.MappingNode ? y.string(y.mapping(n, "outlets[]").get("id"), "outlets[].id") : null;
    }

    private static int indexOf(List<OutletConfig> outlets, String id) {
        for (int i = 0; id != null && i < outlets.size(); i++) if (outlets.get(i).id().equals(id)) return i;
        return -1;
    }

    /** An outlets.d entry for a main-file outlet: only feeds, merged by URL. */
    private static OutletConfig extend(YamlNodes y, OutletConfig base, Node n, Places at) {
        Map<String, Node> m = y.mapping(n, "outlets[]");
        String key = "outlets[" + base.id() + "]";
        for (var e : m.entrySet()) {
            if (!e.getKey().equals("id") && !e.getKey().equals("feeds")) {
                throw y.error(e.getValue(), key + "." + e.getKey(), "outlet '" + base.id() + "' is defined in " + base.source()
                    + "; an entry for it here may only list feeds (set " + e.getKey() + " there)");
            }
        }
        if (m.get("feeds") == null) throw y.error(n, key + ".feeds", "missing: list the feeds to add or switch off");
        List<FeedConfig> feeds = new ArrayList<>(base.feeds());
        for (Node f : y.sequence(m.get("feeds"), key + ".feeds")) {
            FeedConfig fc = feed(y, f, key + ".feeds");
            at.feed(y, f, base.id(), fc.url());
            int i = 0;
            while (i < feeds.size() && !feeds.get(i).url().equals(fc.url())) i++;
            if (i < feeds.size()) feeds.set(i, fc);
            else feeds.add(fc);
        }
        return new OutletConfig(base.id(), base.name(), feeds, base.content(), base.remove(), base.interval(), base.format(),
            base.proxy(), base.imageProxy(), base.categories(), base.source(), base.images());
    }

    /**
     * One outlet entry as the CLI would write it to {@value #OUTLETS_DIR}, through the same checks as a config
     * file, so {@code opml import} vets each imported outlet alone: a bad one is reported and left out instead
     * of failing the whole import at the final load.
     *
     * @throws ConfigException {@code outlets[id].key: what is wrong} (no file:line: the entry is not written yet)
     */
    static OutletConfig checkOutlet(Map<String, Object> entry, Path source) {
        String text = new Yaml().dump(Map.of("outlets", List.of(entry)));
        YamlNodes y = new YamlNodes(Path.of("entry"));
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
            return outlets(y, y.sequence(y.mapping(root, "(top level)").get("outlets"), "outlets"), source, new Places()).get(0);
        } catch (ConfigException e) {
            String m = e.getMessage();
            throw new ConfigException(m.startsWith("entry") && m.contains(": ") ? m.substring(m.indexOf(": ") + 2) : m);
        }
    }

    private static Node compose(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            return new Yaml(opts).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<OutletConfig> outlets(YamlNodes y, List<Node> nodes, Path source, Places at) {
        List<OutletConfig> out = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, Node> m = y.mapping(n, "outlets[]");
            String id = y.string(m.get("id"), "id");
            String key = "outlets[" + (id == null ? out.size() : id) + "]";
            checkKeys(y, m, OUTLET_KEYS, key + ".");
            if (id == null) throw y.error(n, key + ".id", "missing (lower-case letters, digits and '-')");
            if (!OUTLET_ID.matcher(id).matches()) {
                throw y.error(m.get("id"), key + ".id", "'" + id + "' may only use a-z, 0-9 and '-'");
            }
            at.outlet(y, m.get("id"), id);
            String name = orDefault(y.string(m.get("name"), key + ".name"), id);
            List<FeedConfig> feeds = new ArrayList<>();
            if (m.get("feeds") == null) throw y.error(n, key + ".feeds", "missing: give at least one feed URL");
            for (Node f : y.sequence(m.get("feeds"), key + ".feeds")) {
                FeedConfig fc = feed(y, f, key + ".feeds");
                at.feed(y, f, id, fc.url());
                feeds.add(fc);
            }
            String content = y.string(m.get("content"), key + ".content");
            if (content != null) checkSelector(y, m.get("content"), key + ".content", content);
            List<String> remove = y.strings(m.get("remove"), key + ".remove");
            for (String r : remove) checkSelector(y, m.get("remove"), key + ".remove", r);
            Duration interval = y.duration(m.get("interval"), key + ".interval", OutletConfig.DEFAULT_INTERVAL);
            Variant format;
            try {
                format = Variant.parse(orDefault(y.string(m.get("format"), key + ".format"), "jekyll"));
            } catch (IllegalArgumentException e) {
                throw y.error(m.get("format"), key + ".format", e.getMessage());
            }
            String proxy = y.string(m.get("proxy"), key + ".proxy");
            if (proxy != null) checkProxy(y, m.get("proxy"), key + ".proxy", proxy);
            Node ip = m.containsKey("image-proxy") ? m.get("image-proxy") : m.get("imageProxy");
            boolean imageProxy = y.bool(ip, key + ".image-proxy", false);
            List<String> categories = y.strings(m.get("categories"), key + ".categories");
            if (categories.stream().anyMatch(c -> c == null || c.isBlank())) {
                throw y.error(m.get("categories"), key + ".categories", "an empty category name");
            }
            boolean images = y.bool(m.get("images"), key + ".images", true);
            out.add(new OutletConfig(id, name, feeds, content, remove, interval, format, proxy, imageProxy,
                categories.stream().map(String::strip).distinct().toList(), source, images));
        }
        return out;
    }

    private static FeedConfig feed(YamlNodes y, Node f, String key) {
        String url;
        boolean enabled = true;
        if (f instanceof ScalarNode) {
            url = y.string(f, key);
        } else {
            Map<String, Node> m = y.mapping(f, key);
            checkKeys(y, m, Set.of("url", "enabled"), key + "[].");
            url = y.string(m.get("url"), key + "[].url");
            enabled = y.bool(m.get("enabled"), key + "[].enabled", true);
        }
        if (url == null) throw y.error(f, key, "empty feed URL");
        try {
            String scheme = URI.create(url.trim()).getScheme();
            if (scheme == null || !Set.of("http", "https", "file").contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
                throw y.error(f, key, "'" + url + "' must be an http, https or file URL");
            }
        } catch (IllegalArgumentException e) {
            throw y.error(f, key, "'" + url + "' is not a valid URL");
        }
        return new FeedConfig(url.trim(), enabled);
    }

    private static HttpSettings http(YamlNodes y, Node node) {
        HttpSettings d = HttpSettings.DEFAULTS;
        if (node == null) return d;
        Map<String, Node> m = y.mapping(node, "http");
        checkKeys(y, m, HTTP_KEYS, "http.");
        String proxy = y.string(m.get("proxy"), "http.proxy");
        if (proxy != null) checkProxy(y, m.get("proxy"), "http.proxy", proxy);
        long maxBody = y.size(m.get("max-body"), "http.max-body", d.maxBodyBytes());
        if (m.get("max-body") != null) checkMaxBody(y, m.get("max-body"), maxBody, Runtime.getRuntime().maxMemory());
        return new HttpSettings(
            y.duration(m.get("connect-timeout"), "http.connect-timeout", d.connectTimeout()),
            y.duration(m.get("read-timeout"), "http.read-timeout", d.readTimeout()),
            y.duration(m.get("call-timeout"), "http.call-timeout", d.callTimeout()),
            maxBody,
            y.integer(m.get("max-redirects"), "http.max-redirects", d.maxRedirects(), 0),
            y.integer(m.get("per-host"), "http.per-host", d.perHostConcurrency(), 1),
            y.durationOrZero(m.get("per-host-gap"), "http.per-host-gap", d.perHostGap()),
            y.integer(m.get("retries"), "http.retries", d.retries(), 0),
            orDefault(y.string(m.get("user-agent"), "http.user-agent"), d.userAgent()),
            proxy, allowPrivate(y, m.get("allow-private")));
    }

    /** {@code http.allow-private}: a list of CIDRs (a single one may be written without the list). */
    private static List<String> allowPrivate(YamlNodes y, Node node) {
        if (node == null) return List.of();
        List<Node> items = node instanceof ScalarNode ? List.of(node) : y.sequence(node, "http.allow-private");
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            String s = y.string(n, "http.allow-private");
            if (s == null) continue;
            try {
                out.add(Cidr.parse(s).toString());
            } catch (IllegalArgumentException e) {
                throw y.error(n, "http.allow-private", e.getMessage());
            }
        }
        return out;
    }

    static void checkMaxBody(YamlNodes y, Node n, long maxBody, long heap) {
        if (maxBody <= 0) throw y.error(n, "http.max-body", "must be at least 1 byte");
        if (heap != Long.MAX_VALUE && maxBody > heap / HEAP_SHARE_FOR_ONE_BODY) {
            throw y.error(n, "http.max-body", mb(maxBody) + " is more than 1/" + HEAP_SHARE_FOR_ONE_BODY
                + " of the Java heap (" + mb(heap) + "): a body is held in memory while it is read and parsed;"
                + " lower max-body to at most " + mb(heap / HEAP_SHARE_FOR_ONE_BODY)
                + " or raise -Xmx");
        }
    }

    private static String mb(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static WatchSettings watch(YamlNodes y, Node node) {
        WatchSettings d = WatchSettings.DEFAULTS;
        if (node == null) return d;
        Map<String, Node> m = y.mapping(node, "watch");
        checkKeys(y, m, WATCH_KEYS, "watch.");
        List<WatchSettings.Step> steps = d.steps();
        if (m.get("schedule") != null) {
            steps = new ArrayList<>();
            for (Node s : y.sequence(m.get("schedule"), "watch.schedule")) {
                Map<String, Node> sm = y.mapping(s, "watch.schedule[]");
                checkKeys(y, sm, Set.of("up-to", "every"), "watch.schedule[].");
                Duration upTo = y.duration(sm.get("up-to"), "watch.schedule[].up-to", null);
                Duration every = y.duration(sm.get("every"), "watch.schedule[].every", null);
                if (upTo == null || every == null) throw y.error(s, "watch.schedule[]", "needs both up-to and every");
                steps.add(new WatchSettings.Step(upTo, every));
            }
        }
        return new WatchSettings(y.bool(m.get("enabled"), "watch.enabled", d.enabled()), steps,
            y.integer(m.get("deletion-confirmations"), "watch.deletion-confirmations", d.deletionConfirmations(), 1));
    }

    /**
     * {@code images:}. An image is held in memory while it is read, like any body: the same heap share as
     * {@code http.max-body} bounds {@code max-bytes}.
     */
    static ImageSettings images(YamlNodes y, Node node, long heap) {
        ImageSettings d = ImageSettings.DEFAULTS;
        if (node == null) return d;
        Map<String, Node> m = y.mapping(node, "images");
        checkKeys(y, m, IMAGE_KEYS, "images.");
        long maxBytes = y.size(m.get("max-bytes"), "images.max-bytes", d.maxBytes());
        if (maxBytes <= 0) throw y.error(m.get("max-bytes"), "images.max-bytes", "must be at least 1 byte");
        if (heap != Long.MAX_VALUE && maxBytes > heap / HEAP_SHARE_FOR_ONE_BODY) {
            throw y.error(m.get("max-bytes"), "images.max-bytes", mb(maxBytes) + " is more than 1/"
                + HEAP_SHARE_FOR_ONE_BODY + " of the Java heap (" + mb(heap) + "): an image is held in memory while it"
                + " is read; lower max-bytes to at most " + mb(heap / HEAP_SHARE_FOR_ONE_BODY) + " or raise -Xmx");
        }
        long perArticle = y.size(m.get("max-per-article"), "images.max-per-article", Math.max(d.maxPerArticle(), maxBytes));
        if (perArticle < maxBytes) {
            throw y.error(m.get("max-per-article"), "images.max-per-article", mb(perArticle)
                + " is less than max-bytes (" + mb(maxBytes) + "): one image could never fit");
        }
        int maxCount = y.integer(m.get("max-count"), "images.max-count", d.maxCount(), 1);
        return new ImageSettings(maxBytes, perArticle, maxCount);
    }

    /** {@code extraction:}: rule health's window (pages per outlet) and stale share (a fraction or a percentage). */
    static ExtractionSettings extraction(YamlNodes y, Node node) {
        ExtractionSettings d = ExtractionSettings.DEFAULTS;
        if (node == null) return d;
        Map<String, Node> m = y.mapping(node, "extraction");
        checkKeys(y, m, EXTRACTION_KEYS, "extraction.");
        int window = y.integer(m.get("window"), "extraction.window", d.window(), 1);
        if (window > ExtractionSettings.MAX_WINDOW) {
            throw y.error(m.get("window"), "extraction.window", "must be at most " + ExtractionSettings.MAX_WINDOW);
        }
        double share = d.staleShare();
        String s = y.string(m.get("stale-share"), "extraction.stale-share");
        if (s != null) {
            String t = s.trim();
            boolean percent = t.endsWith("%");
            try {
                share = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t) / (percent ? 100 : 1);
            } catch (NumberFormatException e) {
                share = Double.NaN;
            }
            if (!(share > 0 && share < 1)) {
                throw y.error(m.get("stale-share"), "extraction.stale-share",
                    "expected a share between 0 and 1 (e.g. 0.5 or 50%), not '" + s + "'");
            }
        }
        return new ExtractionSettings(window, share);
    }

    private static WebSettings web(YamlNodes y, Node node) {
        WebSettings d = WebSettings.DEFAULTS;
        if (node == null) return d;
        Map<String, Node> m = y.mapping(node, "web");
        checkKeys(y, m, WEB_KEYS, "web.");
        String user = y.string(m.get("user"), "web.user");
        String hash = y.string(m.get("password-hash"), "web.password-hash");
        if (user != null && (user.isBlank() || user.contains(":"))) throw y.error(m.get("user"), "web.user", "must be non-empty, without ':'");
        if (hash != null && !WebSettings.HASH.matcher(hash).matches()) {
            throw y.error(m.get("password-hash"), "web.password-hash",
                "not a password hash: make one with `newsvault hash-password` (pbkdf2-sha256:ITERATIONS:SALT:HASH)");
        }
        if ((user == null) != (hash == null)) {
            throw y.error(node, "web", "user and password-hash go together (basic auth needs both)");
        }
        java.time.ZoneId zone = d.zone();
        String tz = y.string(m.get("timezone"), "web.timezone");
        if (tz != null) {
            try {
                zone = java.time.ZoneId.of(tz);
            } catch (java.time.DateTimeException e) {
                throw y.error(m.get("timezone"), "web.timezone", "'" + tz + "' is not a time zone (e.g. Asia/Shanghai, UTC, +08:00)");
            }
        }
        return new WebSettings(user, hash, y.bool(m.get("remote-images"), "web.remote-images", d.remoteImages()), zone);
    }

    private static void checkKeys(YamlNodes y, Map<String, Node> m, Set<String> allowed, String prefix) {
        for (var e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw y.error(e.getValue(), prefix + e.getKey(), "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static void checkSelector(YamlNodes y, Node n, String key, String selector) {
        try {
            org.jsoup.select.QueryParser.parse(selector);
        } catch (RuntimeException e) {
            throw y.error(n, key, "'" + selector + "' is not a valid CSS selector");
        }
    }

    private static void checkProxy(YamlNodes y, Node n, String key, String proxy) {
        if (proxy.equals("direct")) return;
        try {
            URI u = URI.create(proxy);
            String s = u.getScheme();
            if (s == null || u.getHost() == null || u.getPort() < 0
                || !Set.of("http", "socks", "socks5").contains(s.toLowerCase(java.util.Locale.ROOT))) {
                throw y.error(n, key, "'" + proxy + "' must look like http://host:port or socks5://host:port (or 'direct')");
            }
        } catch (IllegalArgumentException e) {
            throw y.error(n, key, "'" + proxy + "' is not a valid proxy URL");
        }
    }

    /**
     * Checked here, for every command, so a config {@code run} would refuse is never accepted elsewhere; the host
     * is resolved only when the daemon binds (no name lookup at load).
     */
    private static void checkListen(YamlNodes y, Node n, String listen) {
        try {
            Listen.parse(listen);
        } catch (IllegalArgumentException e) {
            throw y.error(n, "listen", e.getMessage());
        }
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }
}
