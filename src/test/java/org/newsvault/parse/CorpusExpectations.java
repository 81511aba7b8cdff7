package org.newsvault.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.newsvault.model.Entry;

/**
 * Expected values the feed test suites state, in the few simple forms worth checking at the parse
 * stage: feed title/link and item title/link/id/author. Everything else the suites say is ignored.
 */
final class CorpusExpectations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("(?m)^\\s*Header:\\s*([A-Za-z-]+):\\s*(.+?)\\s*$");
    private static final Pattern EXPECT = Pattern.compile("(?m)^\\s*Expect:\\s*(.+?)\\s*$");
    private static final Pattern FP_COUNT = Pattern.compile("len\\(entries\\)\\s*==\\s*(\\d+)");
    private static final Pattern FP_CHECK = Pattern.compile(
            "(feed|entries\\[(\\d+)])(?:\\['([a-z_]+)']|\\.([a-z_]+))\\s*==\\s*u?('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern SKIPPED_ITEM = Pattern.compile("^item (\\d+):");
    private static final Pattern ROME_TITLE = Pattern.compile("[A-Za-z0-9_.]+\\.(?:channel\\.item|feed\\.entry)\\[(\\d+)]\\.title");

    private CorpusExpectations() {
    }

    /** How a check came out; NOT_APPLICABLE when the item was skipped by design (no usable link). */
    enum Outcome { AGREE, DISAGREE, NOT_APPLICABLE }

    /** One expected value: which field, of the feed (item -1) or of item {@code item} (0-based, all items). */
    record Check(int item, String field, String expected) {
        String actual(ParsedFeed feed) {
            if (field.equals("count")) return String.valueOf(feed.entries().size());
            if (item < 0) return field.equals("link") ? feed.link() : feed.title();
            int index = entryIndex(feed);
            if (index < 0 || index >= feed.entries().size()) return null;
            Entry e = feed.entries().get(index);
            return switch (field) {
                case "title" -> e.title();
                case "link" -> e.link();
                case "id" -> e.guid();
                case "author" -> e.author();
                case "published" -> e.published() == null ? null : e.published().toString();
                default -> null;
            };
        }

        Outcome evaluate(ParsedFeed feed, String feedUrl) {
            if (feed == null) return Outcome.DISAGREE;
            if (item >= 0 && entryIndex(feed) < 0) return Outcome.NOT_APPLICABLE;
            String actual = normalize(actual(feed));
            if (normalize(expected).equals(actual)) return Outcome.AGREE;
            // Links come out absolute (the suites keep them as written) and are compared as URLs.
            if (field.equals("link") && sameUrl(Urls.resolve(feedUrl, expected), actual)) return Outcome.AGREE;
            // Titles are plain text here; feedparser keeps their markup. Compare with its text.
            if (field.equals("title") && (expected.contains("<") || expected.contains("&"))
                    && normalize(Jsoup.parseBodyFragment(expected).text()).equals(actual)) return Outcome.AGREE;
            return Outcome.DISAGREE;
        }

        /** Index into the entries list for this item, or -1 when the parser skipped the item. */
        private int entryIndex(ParsedFeed feed) {
            int before = 0;
            for (String line : feed.skipped()) {
                Matcher m = SKIPPED_ITEM.matcher(line);
                if (!m.find()) continue;
                int position = Integer.parseInt(m.group(1)) - 1;
                if (position == item) return -1;
                if (position < item) before++;
            }
            return item - before;
        }

        @Override
        public String toString() {
            return (item < 0 ? "feed" : "entries[" + item + "]") + "." + field + " == '" + expected + "'";
        }
    }

    /** What a feedparser file says about itself in its leading comment. */
    record FeedparserCase(String contentType, String contentLocation, boolean wellFormed, List<Check> checks) {
    }

    static FeedparserCase feedparser(byte[] body, boolean inIllformed) {
        // Headers and expectations are ASCII, also in the UTF-16/32 cases once the zero bytes are gone.
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("\0", "");
        String comment = jsonTest(body);
        if (comment == null) {
            Matcher c = COMMENT.matcher(text);
            if (!c.find()) return new FeedparserCase(null, null, !inIllformed, List.of());
            comment = c.group(1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher h = HEADER.matcher(comment);
        while (h.find()) headers.put(h.group(1).toLowerCase(), h.group(2));
        Matcher e = EXPECT.matcher(comment);
        String expect = e.find() ? e.group(1) : "";
        List<Check> checks = new ArrayList<>();
        Matcher m = FP_CHECK.matcher(expect);
        while (m.find()) {
            String field = m.group(3) != null ? m.group(3) : m.group(4);
            if (!List.of("title", "link", "id", "author").contains(field)) continue;
            if (m.group(2) == null && !List.of("title", "link").contains(field)) continue;
            int item = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
            checks.add(new Check(item, field, pythonString(m.group(5))));
        }
        Matcher count = FP_COUNT.matcher(expect);
        if (count.find()) checks.add(new Check(-1, "count", count.group(1)));
        boolean wellFormed = !inIllformed && !expect.startsWith("bozo");
        return new FeedparserCase(headers.get("content-type"), headers.get("content-location"), wellFormed, checks);
    }

    /**
     * feedparser's JSON cases carry their header in a {@code "__TEST__"} member, on one line and ending in
     * the {@code -->} of the XML cases: as the comment's text, one header per line. Null for other files.
     */
    private static String jsonTest(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) return null;
        try {
            String test = JSON.readTree(text).path("__TEST__").asText(null);
            if (test == null) return null;
            return test.replaceFirst("\\s*-->\\s*$", "").replaceAll("\\s+(Expect|Header):", "\n$1:");
        } catch (IOException e) {
            return null;
        }
    }

    /** ROME's own test feeds name every value after its place: item i's title is "…item[i].title". */
    static List<Check> rome(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Map<Integer, String> titles = new LinkedHashMap<>();
        Matcher m = ROME_TITLE.matcher(text);
        while (m.find()) titles.putIfAbsent(Integer.parseInt(m.group(1)), m.group());
        List<Check> checks = new ArrayList<>();
        titles.forEach((i, t) -> checks.add(new Check(i, "title", t)));
        return checks;
    }

    /** feed-rs: title.content and links[0].href of the feed and of each entry. */
    static List<Check> feedRs(Path serde) throws IOException {
        JsonNode root = JSON.readTree(jsonText(serde));
        return fromJson(root, root.path("entries"), n -> n.path("title").path("content"),
                n -> n.path("links").path(0).path("href"),
                n -> n.path("published").isTextual() ? n.path("published") : n.path("updated"));
    }

    /** rss-parser: feed.title/link and items[].title/link. */
    static List<Check> rssParser(Path output) throws IOException {
        JsonNode feed = JSON.readTree(jsonText(output)).path("feed");
        return fromJson(feed, feed.path("items"), n -> n.path("title"), n -> n.path("link"), n -> n.path("isoDate"));
    }

    private static List<Check> fromJson(JsonNode feed, JsonNode items, Function<JsonNode, JsonNode> title,
                                        Function<JsonNode, JsonNode> link, Function<JsonNode, JsonNode> date) {
        List<Check> checks = new ArrayList<>();
        addIfText(checks, -1, "title", title.apply(feed));
        for (int i = 0; i < items.size(); i++) {
            addIfText(checks, i, "title", title.apply(items.get(i)));
            addIfText(checks, i, "link", link.apply(items.get(i)));
            JsonNode d = date.apply(items.get(i));
            if (d.isTextual()) checks.add(new Check(i, "published", OffsetDateTime.parse(d.asText()).toInstant().toString()));
        }
        return checks;
    }

    private static void addIfText(List<Check> checks, int item, String field, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) checks.add(new Check(item, field, value.asText()));
    }

    private static boolean sameUrl(String a, String b) {
        HttpUrl x = a == null ? null : HttpUrl.parse(a);
        HttpUrl y = b == null ? null : HttpUrl.parse(b);
        return x != null && x.equals(y);
    }

    static String normalize(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** A Python string literal ('...' or "...") with its escapes decoded. */
    static String pythonString(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                b.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'x' -> { b.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 3), 16)); i += 2; }
                case 'u' -> { b.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 5), 16)); i += 4; }
                case 'U' -> { b.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16)); i += 8; }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    /** Expected-output JSON as text: UTF-8, or Latin-1 where a suite saved it so. */
    private static String jsonText(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
