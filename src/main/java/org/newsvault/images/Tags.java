package org.newsvault.images;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * The few tags the images stage reads ({@code img}, {@code video}, {@code source}, {@code picture}, {@code meta},
 * {@code link}), found by a scan of the markup rather than a parse: the bodies it reads are the sanitizer's output
 * (serialized by jsoup, attributes quoted) and the heads are small, and a poll parses each document once
 * (PollPipelineTest counts the parses). Linear in the input; comments are skipped.
 */
final class Tags {
    // No "<" inside a tag: a comparison in an inline script ("a<b") cannot swallow the real tag after it.
    private static final Pattern TAG = Pattern.compile("<!--.*?-->|<(/?)([a-zA-Z]+)\\b([^<>]*)>", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");

    private Tags() {}

    /** Each tag of {@code names} (lower case) with its attributes (names lower case, values unescaped); end tags as "/name". */
    static void scan(String html, java.util.Set<String> names, BiConsumer<String, Map<String, String>> sink) {
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            if (m.group(2) == null) continue; // a comment
            String name = m.group(2).toLowerCase(Locale.ROOT);
            if (!names.contains(name)) continue;
            if (!m.group(1).isEmpty()) {
                sink.accept("/" + name, Map.of());
                continue;
            }
            sink.accept(name, attributes(m.group(3)));
        }
    }

    static Map<String, String> attributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher a = ATTR.matcher(text);
        while (a.find()) {
            String v = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : "";
            out.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), v.indexOf('&') < 0 ? v : Parser.unescapeEntities(v, true));
        }
        return out;
    }
}
