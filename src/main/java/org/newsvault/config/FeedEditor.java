package org.newsvault.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code newsvault feeds add|remove|enable|disable} and {@code opml import}. The main config
 * file is never written. An outlet the CLI created lives whole in {@code outlets.d/<id>.yaml}; for an
 * outlet of the main file, that file holds an extension entry (only {@code id} and {@code feeds}, see
 * {@link ConfigLoader}): added feeds, and {@code enabled:} overrides of its hand-written feeds. Feeds
 * written in the main file can be disabled but only removed by editing it. Outlets defined in other
 * hand-written files are not edited. Every edit is checked by loading the whole config again and undone
 * when that fails, so the CLI never leaves a config the daemon would refuse.
 */
public final class FeedEditor {
    private static final Pattern OUTLET_ID = Pattern.compile("[a-z0-9-]+");

    /** Where an outlet is defined. */
    private enum Home { NONE, MAIN, OWN, OTHER }

    /**
     * What an import did: {@code duplicates} feeds were configured already, {@code refused} feeds were left out
     * (their outlet is not editable or its settings are invalid); one line per skipped or refused feed or outlet.
     */
    public record ImportSummary(int feedsAdded, int outletsCreated, int outletsExtended, int duplicates, int refused,
                                List<String> lines) {}

    private final Path configFile;

    public FeedEditor(Path configFile) {
        this.configFile = configFile;
    }

    public String add(String outletId, String url, String name, String content, String interval) {
        return add(outletId, url, name, content, interval, List.of());
    }

    /**
     * Adds a feed; {@code name}, {@code content}, {@code interval} and {@code categories} (replacing the outlet's
     * categories when not empty) apply to outlets the CLI created.
     */
    public String add(String outletId, String url, String name, String content, String interval, List<String> categories) {
        checkId(outletId);
        List<String> cats = categories.stream().map(String::strip).distinct().toList();
        if (cats.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("--category: an empty category name");
        String u = checkUrl(url);
        if (interval != null) duration(interval);
        if (content != null) checkSelector(content);
        Settings s = load();
        String key = ConfigLoader.feedKey(u);
        for (OutletConfig o : s.outlets()) {
            for (FeedConfig f : o.feeds()) {
                // the config's own duplicate key: HTTP://Example.com:80/feed is http://example.com/feed
                if (!ConfigLoader.feedKey(f.url()).equals(key)) continue;
                String as = f.url().equals(u) ? "" : " (as " + f.url() + ")";
                if (o.id().equals(outletId)) {
                    throw new IllegalArgumentException(outletId + " already has " + u + as
                        + (f.enabled() ? "" : " (disabled: newsvault feeds enable " + outletId + " " + f.url() + ")"));
                }
                throw new IllegalArgumentException(u + " is already a feed of outlet " + o.id() + as);
            }
        }
        OutletsFile file = OutletsFile.open(configFile, outletId);
        String message;
        switch (home(s, outletId)) {
            case NONE -> {
                Map<String, Object> e = file.create(outletId);
                e.put("name", name == null ? outletId : name);
                OutletsFile.feeds(e).add(u);
                if (content != null) e.put("content", content);
                if (interval != null) e.put("interval", interval);
                if (!cats.isEmpty()) e.put("categories", new ArrayList<>(cats));
                message = "added outlet " + outletId + " with feed " + u;
            }
            case OWN -> {
                Map<String, Object> e = file.entry(outletId).orElseThrow();
                if (name != null) e.put("name", name);
                if (content != null) e.put("content", content);
                if (interval != null) e.put("interval", interval);
                if (!cats.isEmpty()) e.put("categories", new ArrayList<>(cats));
                OutletsFile.feeds(e).add(u);
                message = "added " + u + " to " + outletId;
            }
            case MAIN -> {
                if (name != null || content != null || interval != null || !cats.isEmpty()) {
                    throw new IllegalArgumentException("outlet " + outletId + " is defined in " + configFile
                        + ": set its name, content, interval and categories there");
                }
                OutletsFile.feeds(file.entry(outletId).orElseGet(() -> file.create(outletId))).add(u);
                message = "added " + u + " to " + outletId;
            }
            default -> throw notEditable(s, outletId);
        }
        commit(List.of(file));
        return message + " (" + relative(file.path()) + ")";
    }

    public String remove(String outletId, String url) {
        Settings s = load();
        OutletConfig o = outlet(s, outletId);
        String u = feed(o, url.trim()).url();
        Home home = home(s, outletId);
        if (home == Home.OTHER) throw notEditable(s, outletId);
        if (home == Home.MAIN && mainFeed(outletId, u).isPresent()) {
            throw new IllegalArgumentException(u + " is written in " + configFile + ": remove it there, or switch it off with"
                + " `newsvault feeds disable " + outletId + " " + u + "`");
        }
        OutletsFile file = OutletsFile.open(configFile, outletId);
        Map<String, Object> e = file.entry(outletId).orElseThrow(() -> listedElsewhere(outletId, u));
        List<Object> feeds = OutletsFile.feeds(e);
        int i = OutletsFile.indexOf(feeds, u);
        if (i < 0) throw listedElsewhere(outletId, u);
        feeds.remove(i);
        boolean gone = feeds.isEmpty();
        if (gone) file.removeEntry(outletId);
        commit(List.of(file));
        return "removed " + u + " from " + outletId + (gone && home == Home.OWN ? "; the outlet had no feeds left and is gone" : "");
    }

    public String setEnabled(String outletId, String url, boolean enabled) {
        Settings s = load();
        OutletConfig o = outlet(s, outletId);
        FeedConfig f = feed(o, url.trim());
        String state = enabled ? "enabled" : "disabled";
        if (f.enabled() == enabled) return f.url() + " of " + outletId + " is already " + state;
        Home home = home(s, outletId);
        if (home == Home.OTHER) throw notEditable(s, outletId);
        OutletsFile file = OutletsFile.open(configFile, outletId);
        Map<String, Object> e = file.entry(outletId).orElseGet(() -> file.create(outletId));
        List<Object> feeds = OutletsFile.feeds(e);
        int i = OutletsFile.indexOf(feeds, f.url());
        Optional<FeedConfig> written = home == Home.MAIN ? mainFeed(outletId, f.url()) : Optional.empty();
        if (written.isPresent() && written.get().enabled() == enabled) {
            if (i >= 0) feeds.remove(i); // back to what the main file says: drop the override
            if (feeds.isEmpty()) file.removeEntry(outletId);
        } else if (i >= 0) {
            feeds.set(i, OutletsFile.item(f.url(), enabled));
        } else {
            feeds.add(OutletsFile.item(f.url(), enabled));
        }
        commit(List.of(file));
        return f.url() + " of " + outletId + " is now " + state;
    }

    /**
     * Adds imported outlets and feeds. A feed URL configured already (compared as the config's duplicate check
     * does, {@link ConfigLoader#feedKey}) is skipped with a line naming the outlet that has it. An outlet with
     * newsvault's own id ({@link Opml.Outlet#explicit}) goes to that outlet; a proposed id joins an existing
     * outlet of that id only when it is the same site and the CLI edits it, else it becomes {@code id-2}, ...
     * A new outlet is checked alone against the config rules first, so a bad one is a line, not a failed import.
     * Existing outlets only gain feeds: their settings are never changed by an import.
     */
    public ImportSummary importOutlets(List<Opml.Outlet> imported) {
        Settings s = load();
        Map<String, String> known = new HashMap<>();
        s.outlets().forEach(o -> o.feeds().forEach(f -> known.putIfAbsent(ConfigLoader.feedKey(f.url()), o.id())));
        Map<String, OutletsFile> files = new LinkedHashMap<>();
        Set<String> created = new HashSet<>(), extended = new HashSet<>();
        List<String> lines = new ArrayList<>();
        int added = 0, duplicates = 0, refused = 0;
        for (Opml.Outlet in : imported) {
            List<Opml.Feed> fresh = new ArrayList<>();
            for (Opml.Feed f : in.feeds()) {
                String has = known.get(ConfigLoader.feedKey(f.url()));
                if (has == null) {
                    fresh.add(f);
                } else {
                    duplicates++;
                    lines.add("skipped " + f.label() + ": already a feed of outlet " + has);
                }
            }
            if (fresh.isEmpty()) continue;
            String id = in.explicit() ? in.id() : freeId(s, in, created);
            Home home = created.contains(id) ? Home.OWN : home(s, id);
            if (home == Home.OTHER) {
                lines.add("not imported: " + fresh.size() + " feeds of outlet " + id + ": it is defined in "
                    + s.outlet(id).orElseThrow().source() + ", which the CLI does not edit");
                refused += fresh.size();
                continue;
            }
            OutletsFile file = files.computeIfAbsent(id, k -> OutletsFile.open(configFile, k));
            Map<String, Object> e = file.entry(id).orElse(null);
            if (home == Home.NONE) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", id);
                entry.put("name", in.name() == null ? id : in.name());
                entry.putAll(in.keys());
                entry.put("feeds", new ArrayList<>(fresh.stream().map(f -> OutletsFile.item(f.url(), f.enabled())).toList()));
                try {
                    ConfigLoader.checkOutlet(entry, file.path());
                } catch (ConfigException x) {
                    lines.add("not imported: outlet " + id + " ('" + entry.get("name") + "', " + fresh.size() + " feeds): " + x.getMessage());
                    refused += fresh.size();
                    continue;
                }
                file.create(id).putAll(entry);
                created.add(id);
            } else {
                if (e == null) e = file.create(id);
                for (Opml.Feed f : fresh) OutletsFile.feeds(e).add(OutletsFile.item(f.url(), f.enabled()));
                if (!created.contains(id)) extended.add(id);
            }
            fresh.forEach(f -> known.put(ConfigLoader.feedKey(f.url()), id));
            added += fresh.size();
        }
        commit(files.values());
        return new ImportSummary(added, created.size(), extended.size(), duplicates, refused, lines);
    }

    /**
     * The imported outlet's id: its proposal when free; the existing outlet of that id when it is the same site
     * (so importing a reader's list again, with one more feed of a site, extends that site's outlet); else the
     * proposal with -2, -3, ...
     */
    private String freeId(Settings s, Opml.Outlet in, Set<String> created) {
        String base = in.id().length() > 60 ? in.id().substring(0, 60).replaceAll("-+$", "") : in.id();
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            if (created.contains(id)) {
                continue; // a different site of this file took it
            }
            Optional<OutletConfig> o = s.outlet(id);
            if (o.isEmpty()) return id;
            Home h = home(s, id);
            boolean sameSite = o.get().feeds().stream().anyMatch(f -> in.sites().contains(site(f.url())));
            if (sameSite && (h == Home.MAIN || h == Home.OWN)) return id;
        }
    }

    private static String site(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : Opml.registrable(host);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Settings load() {
        try {
            return ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            throw new ConfigException("the config does not load, fix it first: " + e.getMessage());
        }
    }

    private void commit(Collection<OutletsFile> files) {
        for (OutletsFile f : files) f.save();
        try {
            ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            for (OutletsFile f : files) f.restore();
            throw new ConfigException("nothing changed: the config would not load with this change: " + e.getMessage());
        }
    }

    private Home home(Settings s, String id) {
        Optional<OutletConfig> o = s.outlet(id);
        if (o.isEmpty()) return Home.NONE;
        Path src = norm(o.get().source());
        if (src.equals(norm(configFile))) return Home.MAIN;
        return src.equals(norm(OutletsFile.pathFor(configFile, id))) ? Home.OWN : Home.OTHER;
    }

    private Optional<FeedConfig> mainFeed(String outletId, String url) {
        return ConfigLoader.mainOutlets(configFile).stream().filter(o -> o.id().equals(outletId))
            .flatMap(o -> o.feeds().stream()).filter(f -> f.url().equals(url)).findFirst();
    }

    private static OutletConfig outlet(Settings s, String id) {
        return s.outlet(id).orElseThrow(() -> new IllegalArgumentException("no outlet '" + id + "' in the config"));
    }

    /** The outlet's feed of that URL, as written or as the config's duplicate check keys it. */
    private static FeedConfig feed(OutletConfig o, String url) {
        String key = ConfigLoader.feedKey(url);
        return o.feeds().stream().filter(f -> f.url().equals(url)).findFirst()
            .or(() -> o.feeds().stream().filter(f -> ConfigLoader.feedKey(f.url()).equals(key)).findFirst())
            .orElseThrow(() -> new IllegalArgumentException("outlet " + o.id() + " has no feed " + url));
    }

    private IllegalArgumentException notEditable(Settings s, String id) {
        return new IllegalArgumentException("outlet " + id + " is defined in " + s.outlet(id).orElseThrow().source()
            + ", which the CLI does not edit: change it there");
    }

    private IllegalArgumentException listedElsewhere(String id, String url) {
        return new IllegalArgumentException(url + " of " + id + " is listed in a hand-written file under "
            + relative(OutletsFile.pathFor(configFile, id).getParent()) + ": remove it there");
    }

    static void checkId(String id) {
        if (id == null || !OUTLET_ID.matcher(id).matches() || id.length() > 64) {
            throw new IllegalArgumentException("outlet id '" + id + "' may only use a-z, 0-9 and '-'");
        }
    }

    static String checkUrl(String url) {
        String u = url == null ? "" : url.trim();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null || scheme.equals("file")) return u;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + url + "' is not an http, https or file URL");
    }

    static String duration(String interval) {
        try {
            YamlNodes.parseDuration(interval);
            return interval.trim();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval: " + e.getMessage());
        }
    }

    private static void checkSelector(String selector) {
        try {
            org.jsoup.select.QueryParser.parse(selector);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + selector + "' is not a valid CSS selector");
        }
    }

    private static Path norm(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path a = norm(p);
        return a.startsWith(cwd) ? cwd.relativize(a).toString() : a.toString();
    }
}
