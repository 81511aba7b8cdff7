package org.newsvault.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rometools.rome.io.impl.DateParser;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.newsvault.model.WorkBudget;

/**
 * JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) as a {@link RawFeed}, so that
 * {@link EntryMapper} makes the same {@link org.newsvault.model.Entry} records as for RSS and Atom:
 * {@code id} → guid; {@code url}, else {@code external_url}, else an http(s) {@code id} → link;
 * {@code content_html}, else {@code content_text} (escaped) → content, with {@code image} and
 * {@code banner_image} put before it and {@code attachments} listed after it when the body does not name
 * them (an entry has no other place for them, and the body is what the archive keeps);
 * {@code summary} → summary; {@code date_published}, else {@code date_modified}; the first of
 * {@code authors} (1.1) or {@code author} (1.0), else the feed's; {@code tags} → categories.
 *
 * <p>Titles are plain text by the spec, yet feeds written by blog software carry entities
 * ({@code &#8211;}): read as RSS titles are (guessed). Hostile input costs bounded work: Jackson reads
 * with a nesting limit and string, number and document size caps, the items count against the budget's
 * element cap, and a value of the wrong JSON type is treated as absent.
 */
final class JsonFeedReader {
    /** Far deeper than any JSON Feed (five levels) with extensions; far shallower than a stack. */
    static final int MAX_NESTING = 64;
    static final int MAX_STRING = 20_000_000;

    /** Made on first use: most feeds are XML, and a mapper costs a good part of a second to set up. */
    private static final class Holder {
        static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(MAX_STRING)
                            .maxNumberLength(100)
                            .maxNameLength(10_000)
                            .maxDocumentLength(64L * 1024 * 1024)
                            .build())
                    .build())
            .build();
    }

    private JsonFeedReader() {
    }

    /**
     * The body is to be read as JSON: it starts with an object or array, whatever the Content-Type says; or
     * the Content-Type says JSON and the body is not markup (then a bad start is a JSON error, the clearer
     * message for what the server meant to send).
     */
    static boolean isJson(String text, String contentType) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF' || c == 0) continue;
            if (c == '{' || c == '[') return true;
            return c != '<' && contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }
        return false;
    }

    /** True for a JSON Feed version URL: https://jsonfeed.org/version/1 or /version/1.1 (http too). */
    static boolean isVersion(String version) {
        if (version == null) return false;
        String v = version.strip().toLowerCase(Locale.ROOT);
        return v.matches("https?://(www\\.)?jsonfeed\\.org/version/\\d+(\\.\\d+)?/?");
    }

    static RawFeed read(String text, String feedUrl, WorkBudget budget) throws ParseException {
        JsonNode root;
        try (JsonParser p = Holder.JSON.createParser(budget.reader(text))) {
            root = Holder.JSON.readTree(p);
            if (p.nextToken() != null) throw new ParseException("not a JSON Feed: text after the JSON value");
        } catch (StreamConstraintsException e) {
            String why = RomeFeedReader.oneLine(new Exception(e.getOriginalMessage())).replaceFirst(",? from `[^`]*`", "");
            throw new ParseException("not a JSON Feed: too complex to read (" + abbreviate(why, 160) + ")");
        } catch (JsonProcessingException e) {
            String why = RomeFeedReader.oneLine(new Exception(e.getOriginalMessage())).replaceFirst(" \\(for .*$", "");
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ParseException("not a JSON Feed: malformed JSON" + at + ": " + abbreviate(why, 160));
        } catch (IOException e) {
            throw new ParseException("not a JSON Feed: " + RomeFeedReader.oneLine(e), e);
        }
        if (root == null || !root.isObject()) throw new ParseException("not a feed: got JSON that is not an object");
        String version = string(root.get("version"));
        if (!isVersion(version)) {
            throw new ParseException("not a feed: got JSON without a JSON Feed version (\"version\": "
                    + (version == null ? "none" : '"' + abbreviate(version, 60) + '"') + ")");
        }
        JsonNode items = root.get("items");
        List<RawItem> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (items != null && !items.isArray()) skipped.add("feed: \"items\" is not a list");
        String feedAuthor = author(root);
        if (items != null && items.isArray()) {
            budget.checkElements(items.size());
            for (int i = 0; i < items.size(); i++) {
                budget.tick();
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    skipped.add("item " + (i + 1) + ": not a JSON object");
                    continue;
                }
                out.add(item(i + 1, item, feedUrl, feedAuthor));
            }
        }
        return new RawFeed(string(root.get("title")), RawItem.TitleKind.GUESS, string(root.get("home_page_url")),
                feedUrl, out, skipped, true);
    }

    private static RawItem item(int position, JsonNode item, String base, String feedAuthor) {
        String id = string(item.get("id"));
        List<String> links = new ArrayList<>();
        links.add(string(item.get("url")));
        links.add(string(item.get("external_url")));
        if (id != null && Urls.hasScheme(id)) links.add(id);

        String html = string(item.get("content_html"));
        if (html == null) html = textToHtml(string(item.get("content_text")));
        html = withMedia(html, item);
        String summary = string(item.get("summary"));
        String author = author(item);
        List<String> tags = new ArrayList<>();
        JsonNode t = item.get("tags");
        if (t != null && t.isArray()) for (JsonNode tag : t) tags.add(string(tag));
        Instant published = date(string(item.get("date_published")));
        if (published == null) published = date(string(item.get("date_modified")));
        return new RawItem(position, id, links, base, string(item.get("title")), RawItem.TitleKind.GUESS,
                author != null ? author : feedAuthor, published, html,
                summary == null ? null : EntryMapper.escapeHtml(summary), tags, false);
    }

    /** The first named author: 1.1's {@code authors}, else 1.0's {@code author}. */
    private static String author(JsonNode node) {
        List<JsonNode> people = new ArrayList<>();
        JsonNode authors = node.get("authors");
        if (authors != null && authors.isArray()) authors.forEach(people::add);
        if (node.get("author") != null) people.add(node.get("author"));
        for (JsonNode p : people) {
            if (!p.isObject()) continue;
            String name = string(p.get("name"));
            if (EntryMapper.blankToNull(name) != null) return name.strip();
        }
        return null;
    }

    /**
     * The body with the item's pictures and files that it does not already name: {@code image} and
     * {@code banner_image} before it, {@code attachments} as links after it. Only http(s) URLs; the sanitizer
     * sees all of it afterwards like any feed HTML.
     */
    private static String withMedia(String html, JsonNode item) {
        String body = html == null ? "" : html;
        StringBuilder before = new StringBuilder();
        for (String key : List.of("image", "banner_image")) {
            String src = Urls.resolve(null, string(item.get(key)));
            if (src == null || body.contains(src) || before.indexOf(EntryMapper.escapeHtml(src)) >= 0) continue;
            before.append("<p><img src=\"").append(EntryMapper.escapeHtml(src)).append("\" alt=\"\"></p>\n");
        }
        StringBuilder after = new StringBuilder();
        JsonNode attachments = item.get("attachments");
        if (attachments != null && attachments.isArray()) {
            for (JsonNode a : attachments) {
                if (!a.isObject()) continue;
                String url = Urls.resolve(null, string(a.get("url")));
                if (url == null || body.contains(url)) continue;
                String title = EntryMapper.blankToNull(string(a.get("title")));
                String type = EntryMapper.blankToNull(string(a.get("mime_type")));
                after.append("<li><a href=\"").append(EntryMapper.escapeHtml(url)).append("\">")
                        .append(EntryMapper.escapeHtml(title != null ? title : url)).append("</a>")
                        .append(type == null ? "" : " (" + EntryMapper.escapeHtml(type) + ")").append("</li>\n");
            }
        }
        if (before.isEmpty() && after.isEmpty()) return html;
        return before + body + (after.isEmpty() ? "" : "\n<ul class=\"attachments\">\n" + after + "</ul>");
    }

    /** Plain text as HTML that shows it: paragraphs at blank lines, line breaks kept. */
    static String textToHtml(String text) {
        if (text == null || text.isBlank()) return null;
        StringBuilder b = new StringBuilder();
        for (String para : text.strip().split("\\r?\\n\\s*\\r?\\n")) {
            if (para.isBlank()) continue;
            b.append("<p>").append(EntryMapper.escapeHtml(para.strip()).replaceAll("\\r?\\n", "<br>\n")).append("</p>\n");
        }
        return b.toString().stripTrailing();
    }

    /** RFC 3339 as the spec says; RFC 822 and other W3C forms as feeds in the wild write them. */
    static Instant date(String value) {
        if (value == null || value.isBlank() || value.length() > 100) return null;
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            Date d = DateParser.parseDate(v, Locale.US);
            return d == null ? null : d.toInstant();
        }
    }

    /** A string or number as text; anything else (object, list, boolean, null) as absent. */
    private static String string(JsonNode n) {
        if (n == null || !(n.isTextual() || n.isNumber())) return null;
        return n.asText();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
