package org.newsvault.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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

    /** What an import did. */
    public record ImportSummary(int feedsAdded, int outletsCreated, int outletsExtended, int duplicates,
                                List<String> skipped) {}

    private final Path configFile;

    public FeedEditor(Path configFile) {
        this.configFile = configFile;
    }

    public String add(String outletId, String url, String name, String content, String interval) {
        checkId(outletId);
        String u = checkUrl(url);
        if (interval != null) duration(interval);
        if (content != null) checkSelector(content);
        Settings s = load();
        for (OutletConfig o : s.outlets()) {
            for (FeedConfig f : o.feeds()) {
                if (!f.url().equals(u)) continue;
                if (o.id().equals(outletId)) {
                    throw new IllegalArgumentException(outletId + " already has " + u
                        + (f.enabled() ? "" : " (disabled: newsvault feeds enable " + outletId + " " + u + ")"));
                }
                throw new IllegalArgumentException(u + " is already a feed of outlet " + o.id());
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
                message = "added outlet " + outletId + " with feed " + u;
            }
            case OWN -> {
                Map<String, Object> e = file.entry(outletId).orElseThrow();
                if (name != null) e.put("name", name);
                if (content != null) e.put("content", content);
                if (interval != null) e.put("interval", interval);
                OutletsFile.feeds(e).add(u);
                message = "added " + u + " to " + outletId;
            }
            case MAIN -> {
                if (name != null || content != null || interval != null) {
                    throw new IllegalArgumentException("outlet " + outletId + " is defined in " + configFile
                        + ": set its name, content and interval there");
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

    /** Adds imported outlets and feeds; feed URLs configured anywhere already are skipped. */
    public ImportSummary importOutlets(List<Opml.Outlet> imported) {
        Settings s = load();
        Set<String> known = new HashSet<>();
        s.outlets().forEach(o -> o.feeds().forEach(f -> known.add(f.url())));
        Map<String, OutletsFile> files = new LinkedHashMap<>();
        Set<String> created = new HashSet<>(), extended = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        int added = 0, duplicates = 0;
        for (Opml.Outlet in : imported) {
            List<FeedConfig> fresh = new ArrayList<>();
            for (FeedConfig f : in.feeds()) {
                if (known.add(f.url())) fresh.add(f);
                else duplicates++;
            }
            if (fresh.isEmpty()) continue;
            Home home = created.contains(in.id()) ? Home.OWN : home(s, in.id());
            if (home == Home.OTHER) {
                skipped.add(in.id() + " (" + fresh.size() + " feeds): outlet defined in " + s.outlet(in.id()).orElseThrow().source());
                continue;
            }
            OutletsFile file = files.computeIfAbsent(in.id(), id -> OutletsFile.open(configFile, id));
            Map<String, Object> e = file.entry(in.id()).orElse(null);
            if (e == null) {
                e = file.create(in.id());
                if (home == Home.NONE) {
                    e.put("name", in.name() == null ? in.id() : in.name());
                    if (in.interval() != null) e.put("interval", in.interval());
                }
            }
            if (home == Home.NONE) created.add(in.id());
            else if (!created.contains(in.id())) extended.add(in.id());
            for (FeedConfig f : fresh) OutletsFile.feeds(e).add(OutletsFile.item(f.url(), f.enabled()));
            added += fresh.size();
        }
        commit(files.values());
        return new ImportSummary(added, created.size(), extended.size(), duplicates, skipped);
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

    private static FeedConfig feed(OutletConfig o, String url) {
        return o.feeds().stream().filter(f -> f.url().equals(url)).findFirst()
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
