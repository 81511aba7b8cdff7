package org.newsvault.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One CLI-managed file, {@code config/outlets.d/<outlet>.yaml}, as plain maps and lists. The CLI rewrites
 * these files whole (keeping every key, not comments) and never touches the main file. Writes are atomic
 * (temp file + rename), and {@link #restore} puts back what was there before.
 */
public final class OutletsFile {
    static final String HEADER = """
        # Written by `newsvault feeds` and `newsvault opml import`; edit freely (keys are kept, comments are not).
        # An entry for an outlet of the main config file may only list feeds: they are added to that outlet,
        # or switch its feeds on and off (enabled: false).
        """;
    private static final long MAX_BYTES = 4 << 20;

    private final Path path;
    private final byte[] before;
    private final List<Map<String, Object>> outlets;

    private OutletsFile(Path path, byte[] before, List<Map<String, Object>> outlets) {
        this.path = path;
        this.before = before;
        this.outlets = outlets;
    }

    /** {@code outlets.d/<id>.yaml} beside the main config file. */
    public static Path pathFor(Path configFile, String outletId) {
        return configFile.toAbsolutePath().getParent().resolve(ConfigLoader.OUTLETS_DIR).resolve(outletId + ".yaml");
    }

    static OutletsFile open(Path configFile, String outletId) {
        Path p = pathFor(configFile, outletId);
        if (!Files.exists(p)) return new OutletsFile(p, null, new ArrayList<>());
        try {
            if (Files.size(p) > MAX_BYTES) throw new ConfigException(p + ": too large to edit");
            byte[] bytes = Files.readAllBytes(p);
            Object doc;
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            }
            return new OutletsFile(p, bytes, outletsOf(p, doc));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) throw c;
            throw new ConfigException(p + ": cannot read: " + firstLine(e));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outletsOf(Path p, Object doc) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (doc == null) return out;
        if (!(doc instanceof Map<?, ?> top) || !(top.get("outlets") instanceof List<?> list)) {
            throw new ConfigException(p + ": expected a list under 'outlets'");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) throw new ConfigException(p + ": outlets: expected a mapping per outlet");
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof List<?> l ? new ArrayList<>(l) : v));
            out.add(copy);
        }
        return out;
    }

    public Path path() {
        return path;
    }

    Optional<Map<String, Object>> entry(String id) {
        return outlets.stream().filter(m -> id.equals(String.valueOf(m.get("id")))).findFirst();
    }

    Map<String, Object> create(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        outlets.add(m);
        return m;
    }

    void removeEntry(String id) {
        outlets.removeIf(m -> id.equals(String.valueOf(m.get("id"))));
    }

    /** The entry's feed list (created when missing), as strings (enabled) and {url, enabled} maps. */
    @SuppressWarnings("unchecked")
    static List<Object> feeds(Map<String, Object> entry) {
        Object f = entry.get("feeds");
        if (f instanceof List<?>) return (List<Object>) f;
        List<Object> list = new ArrayList<>();
        if (f != null) list.add(f);
        entry.put("feeds", list);
        return list;
    }

    static int indexOf(List<Object> feeds, String url) {
        for (int i = 0; i < feeds.size(); i++) if (url.equals(urlOf(feeds.get(i)))) return i;
        return -1;
    }

    static String urlOf(Object feed) {
        Object u = feed instanceof Map<?, ?> m ? m.get("url") : feed;
        return u == null ? null : String.valueOf(u).trim();
    }

    static Object item(String url, boolean enabled) {
        if (enabled) return url;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("enabled", false);
        return m;
    }

    /** Writes the file atomically, or deletes it when no entry is left. */
    void save() {
        try {
            if (outlets.isEmpty()) {
                Files.deleteIfExists(path);
                return;
            }
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
            Files.writeString(tmp, HEADER + yaml().dump(Map.of("outlets", outlets)), StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot write: " + e.getMessage());
        }
    }

    /** Puts back the file as it was when opened. */
    void restore() {
        try {
            if (before == null) {
                Files.deleteIfExists(path);
            } else {
                Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
                Files.write(tmp, before);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot restore: " + e.getMessage());
        }
    }

    private static Yaml yaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setAllowUnicode(true);
        o.setSplitLines(false);
        return new Yaml(o);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
