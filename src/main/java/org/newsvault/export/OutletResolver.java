package org.newsvault.export;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.model.ContentHash;
import org.newsvault.store.OutletRepository;

/**
 * Decides which outlet an imported file belongs to, creating outlets the archive does not know yet. In order:
 * <ol>
 * <li>the folder: {@code articles/<id>/…}, or a parent (or grandparent above a year folder) named after a
 *     known outlet id — so {@code articles/rfa/1048575.md} and newsvault's own {@code dw/2024/…} work;</li>
 * <li>the site name of a Jekyll file ({@code tags}, else {@code categories}): a configured or known outlet of
 *     that name, else one of the well-known outlets, else a new outlet;</li>
 * <li>the host of the article URL: a configured outlet whose feeds (unambiguously) share its domain, else a
 *     well-known outlet's domain, else a new outlet named after the domain.</li>
 * </ol>
 * New ids are deterministic, so the same archive imported anywhere gets the same ids: an ASCII name becomes
 * its slug, any other name {@code site-<first 6 hex of sha256(name)>}. Thread-safe.
 */
final class OutletResolver {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Map<String, String> WELL_KNOWN_NAMES = Map.of(
        "自由亚洲电台", "rfa", "德国之声", "dw", "纽约时报中文网", "nytimes", "中国数字时代", "cdt", "BBC中文网", "bbc",
        "美国之音", "voa");
    private static final Map<String, String> WELL_KNOWN_DOMAINS = Map.of(
        "rfa.org", "rfa", "dw.com", "dw", "nytimes.com", "nytimes", "chinadigitaltimes.net", "cdt", "bbc.com", "bbc",
        "bbc.co.uk", "bbc", "voachinese.com", "voa", "voanews.com", "voa");
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "gov", "edu", "ac");

    private final OutletRepository repository;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> idsByName = new HashMap<>();
    private final Map<String, String> idsByDomain = new HashMap<>();

    OutletResolver(OutletRepository repository, List<OutletConfig> configured) {
        this.repository = repository;
        repository.all().forEach(this::remember);
        Map<String, Set<String>> domains = new HashMap<>();
        for (OutletConfig o : configured) {
            remember(o.id(), o.name());
            for (FeedConfig f : o.feeds()) {
                String d = domain(f.url());
                if (d != null) domains.computeIfAbsent(d, k -> new HashSet<>()).add(o.id());
            }
        }
        // A feed host several outlets use (a mirror such as feedx.net) says nothing about the outlet.
        domains.forEach((d, ids) -> {
            if (ids.size() == 1) idsByDomain.put(d, ids.iterator().next());
        });
    }

    /** The outlet id for {@code file}, its outlet created if new. */
    synchronized String resolve(Path file, String site, String url) {
        String folder = folderOutlet(file, site);
        if (folder != null) return folder;
        if (site != null && !site.isBlank()) return byName(site.strip());
        String domain = domain(url);
        if (domain == null) return ensure("unknown", "unknown");
        String id = idsByDomain.get(domain);
        if (id != null) return id;
        String known = WELL_KNOWN_DOMAINS.get(domain);
        if (known != null) return ensure(known, names.getOrDefault(known, wellKnownName(known, domain)));
        return ensure(idFor(domain), domain);
    }

    /** The display name of a resolved outlet. */
    synchronized String name(String id) {
        return names.getOrDefault(id, id);
    }

    private String folderOutlet(Path file, String site) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || parent.getFileName() == null) return null;
        String name = parent.getFileName().toString();
        Path above = parent.getParent();
        if (YEAR.matcher(name).matches() && above != null && above.getFileName() != null
            && names.containsKey(above.getFileName().toString())) {
            return above.getFileName().toString();
        }
        if (names.containsKey(name)) return name;
        if (above != null && above.getFileName() != null && above.getFileName().toString().equals("articles")) {
            String id = idFor(name);
            boolean hasSite = site != null && !site.isBlank();
            return ensure(id, WELL_KNOWN_NAMES.containsValue(id) ? wellKnownName(id, name) : hasSite ? site.strip() : name);
        }
        return null;
    }

    private String byName(String site) {
        String id = idsByName.get(site);
        if (id != null) return id;
        String known = WELL_KNOWN_NAMES.get(site);
        return ensure(known != null ? known : idFor(site), site);
    }

    private String ensure(String id, String name) {
        if (!names.containsKey(id)) {
            repository.upsert(id, name);
            remember(id, name);
        }
        return id;
    }

    private void remember(String id, String name) {
        names.put(id, name);
        idsByName.putIfAbsent(name, id);
    }

    private static String wellKnownName(String id, String domain) {
        return WELL_KNOWN_NAMES.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
            .findFirst().orElse(domain);
    }

    /** A deterministic outlet id for a name: its ASCII slug, else {@code site-} and 6 hex of its hash. */
    static String idFor(String name) {
        boolean ascii = name.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            if (slug.length() > 64) slug = slug.substring(0, 64).replaceAll("-+$", "");
            if (ID.matcher(slug).matches()) return slug;
        }
        return "site-" + ContentHash.sha256Hex(name).substring(0, 6);
    }

    /** The registrable domain of a URL's host, roughly: the last two labels, three under {@code co.uk}-like suffixes. */
    static String domain(String url) {
        String host = host(url);
        if (host == null || host.isEmpty()) return null;
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || host.matches("[0-9.]+")) return host;
        String[] labels = host.split("\\.");
        int n = labels.length;
        if (n <= 2) return host;
        boolean underSecondLevel = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]);
        int keep = underSecondLevel ? 3 : 2;
        return String.join(".", List.of(labels).subList(n - keep, n));
    }

    /** The host of an absolute URL, by hand: {@code java.net.URI} refuses characters the WHATWG form keeps (such as {@code |}). */
    private static String host(String url) {
        if (url == null) return null;
        int scheme = url.indexOf("://");
        if (scheme < 0) return null;
        int end = scheme + 3;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) end++;
        String authority = url.substring(scheme + 3, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
