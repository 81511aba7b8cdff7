package org.newsvault.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.StringReader;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.render.YamlScalars;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Makes sure a front matter is one Jekyll can build. FORMAT.md escapes only {@code "} in titles and writes
 * author and site unquoted, so a title with a backslash ({@code "C:\x"}), an author such as {@code 记者: 张三}
 * or a control character from an older archive is not valid YAML and would stop {@code jekyll build}.
 * Such a front matter is rewritten: every line that is fine alone is kept as it is, the others become
 * {@code key: "<escaped value>"}, and {@code date} becomes the article's date if it is not a YAML timestamp.
 */
final class FrontMatterYaml {
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_-]*):(?: (.*))?");
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FrontMatterYaml() {}

    /**
     * True when the text parses as a YAML mapping (as Jekyll reads it) without tags, anchors or aliases
     * ({@link #hasTagsOrAnchors}) whose {@code date}, if any, is a real
     * timestamp. SnakeYAML reads {@code 2024-13-45} leniently as a date in 2025; Ruby's YAML reads it as a
     * string that Jekyll then refuses, so the date is also parsed strictly here.
     */
    static boolean valid(String frontMatter) {
        try {
            if (hasTagsOrAnchors(frontMatter)) return false;
            Object doc = yaml().load(frontMatter);
            if (!(doc instanceof Map<?, ?> m)) return false;
            return !m.containsKey("date") || m.get("date") instanceof java.util.Date && strictDate(frontMatter);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean strictDate(String frontMatter) {
        String raw = ArticleFileReader.frontMatterValues(frontMatter).get("date");
        if (raw == null) return true; // a date in another YAML form (quoted key, block scalar): SnakeYAML's word stands
        try {
            java.time.LocalDate.parse(raw.length() >= 10 ? raw.substring(0, 10) : raw);
            return ImportedFile.frontMatterDate(raw) != null || raw.matches("\\d{4}-\\d{2}-\\d{2}");
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** {@code frontMatter} if {@link #valid}, else a repaired one (see the class comment). */
    static String ensureValid(String frontMatter, String title, Instant date) {
        if (valid(frontMatter)) return frontMatter;
        List<String> lines = new ArrayList<>();
        boolean hasDate = false;
        Map<String, String> values = ArticleFileReader.frontMatterValues(frontMatter);
        for (String line : frontMatter.split("\n")) {
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) continue;
            String key = m.group(1);
            if (key.equals("date")) {
                if (!hasDate) lines.add("date: " + ISO.format(date));
                hasDate = true;
            } else if (valid(line)) {
                lines.add(line);
            } else {
                lines.add(key + ": " + quote(values.getOrDefault(key, m.group(2) == null ? "" : m.group(2))));
            }
        }
        String repaired = String.join("\n", lines);
        if (!lines.isEmpty() && valid(repaired)) return repaired;
        return minimal(title, date);
    }

    /** The least a post needs. */
    static String minimal(String title, Instant date) {
        return "layout: post\ntitle: " + quote(title == null ? "" : title) + "\ndate: " + ISO.format(date);
    }

    /** A YAML double-quoted scalar ({@link YamlScalars#doubleQuoted}: the rule newsvault's own front matter uses). */
    static String quote(String s) {
        return YamlScalars.doubleQuoted(s);
    }

    /**
     * True when the text holds an explicit tag ({@code !!python/object/apply:…}, {@code !ruby/object:…},
     * {@code !!binary}), an anchor or an alias anywhere. A safe loader refuses some tags and builds objects for
     * others; an unsafe one runs them. No archive front matter needs them, so a value using one is quoted
     * (kept as text) instead.
     */
    private static boolean hasTagsOrAnchors(String frontMatter) {
        for (Event e : yaml().parse(new StringReader(frontMatter))) {
            if (e instanceof AliasEvent) return true;
            if (e instanceof NodeEvent n && n.getAnchor() != null) return true;
            if (e instanceof ScalarEvent sc && sc.getTag() != null && !sc.getImplicit().canOmitTagInPlainScalar()
                && !sc.getImplicit().canOmitTagInNonPlainScalar()) return true;
            if (e instanceof CollectionStartEvent c && c.getTag() != null && !c.getImplicit()) return true;
        }
        return false;
    }

    private static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(10);
        o.setCodePointLimit(1 << 20);
        return new Yaml(new SafeConstructor(o));
    }
}
