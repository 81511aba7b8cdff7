package org.newsvault.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads from SnakeYAML nodes that keep the line number, so every config error can say where.
 * We read the node graph instead of binding to classes because binding loses the location.
 */
final class YamlNodes {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Path file;

    YamlNodes(Path file) {
        this.file = file;
    }

    ConfigException error(Node node, String key, String what) {
        return new ConfigException(where(node) + ": " + key + ": " + what);
    }

    /** {@code file:line} of the node ({@code file} alone when there is none). */
    String where(Node node) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return file + (line > 0 ? ":" + line : "");
    }

    Map<String, Node> mapping(Node node, String key) {
        if (!(node instanceof MappingNode m)) throw error(node, key, "expected a mapping of keys");
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error(t.getKeyNode(), key, "keys must be plain words");
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                throw error(t.getKeyNode(), key + "." + k.getValue(), "given twice");
            }
        }
        return out;
    }

    List<Node> sequence(Node node, String key) {
        if (node instanceof SequenceNode s) return s.getValue();
        throw error(node, key, "expected a list");
    }

    String string(Node node, String key) {
        if (node == null) return null;
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return v == null || v.isEmpty() || v.equals("~") || v.equals("null") ? null : v;
        }
        throw error(node, key, "expected a single value");
    }

    List<String> strings(Node node, String key) {
        List<String> out = new ArrayList<>();
        if (node == null) return out;
        if (node instanceof ScalarNode) {
            String s = string(node, key);
            if (s != null) out.add(s);
            return out;
        }
        for (Node n : sequence(node, key)) out.add(string(n, key));
        return out;
    }

    boolean bool(Node node, String key, boolean dflt) {
        String s = string(node, key);
        if (s == null) return dflt;
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(node, key, "expected true or false, not '" + s + "'");
        };
    }

    int integer(Node node, String key, int dflt, int min) {
        String s = string(node, key);
        if (s == null) return dflt;
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min) throw error(node, key, "must be at least " + min);
            return v;
        } catch (NumberFormatException e) {
            throw error(node, key, "expected a whole number, not '" + s + "'");
        }
    }

    Duration duration(Node node, String key, Duration dflt) {
        Duration d = durationOrZero(node, key, dflt);
        if (d != null && d.isZero()) throw error(node, key, "must be longer than zero");
        return d;
    }

    /** For pauses such as {@code per-host-gap}, where {@code 0s} means "no pause". */
    Duration durationOrZero(Node node, String key, Duration dflt) {
        String s = string(node, key);
        if (s == null) return dflt;
        if (s.trim().equals("0")) return Duration.ZERO;
        try {
            return parseDurationOrZero(s);
        } catch (IllegalArgumentException e) {
            throw error(node, key, e.getMessage());
        }
    }

    long size(Node node, String key, long dflt) {
        String s = string(node, key);
        if (s == null) return dflt;
        Matcher m = Pattern.compile("(?i)(\\d+)\\s*(b|kb|k|mb|m|gb|g)?").matcher(s.trim());
        if (!m.matches()) throw error(node, key, "expected a size like 10MB, not '" + s + "'");
        long n = Long.parseLong(m.group(1));
        String u = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        return switch (u) {
            case "kb", "k" -> n * 1024;
            case "mb", "m" -> n * 1024 * 1024;
            case "gb", "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** Durations as users write them: {@code 45s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 1h30m}. */
    static Duration parseDuration(String s) {
        Duration d = parseDurationOrZero(s);
        if (d.isZero()) throw new IllegalArgumentException("a duration must be longer than zero, not '" + s + "'");
        return d;
    }

    private static Duration parseDurationOrZero(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new IllegalArgumentException("expected a duration like 45s, 30m, 2h or 1d, not '" + s + "'");
        }
        return total;
    }
}
