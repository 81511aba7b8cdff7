package org.newsvault.syndicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) through Jackson's tree: every string escaped by the library. */
final class JsonFeedWriter {
    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFeedWriter() {}

    static String write(Channel ch, String htmlUrl, String selfUrl, List<Item> items) {
        ObjectNode f = MAPPER.createObjectNode();
        f.put("version", VERSION);
        f.put("title", ch.title());
        if (htmlUrl != null) f.put("home_page_url", htmlUrl);
        if (selfUrl != null) f.put("feed_url", selfUrl);
        ArrayNode arr = f.putArray("items");
        for (Item it : items) {
            ObjectNode o = arr.addObject();
            o.put("id", it.id());
            o.put("url", it.link());
            if (it.external() != null) o.put("external_url", it.external());
            o.put("title", it.title());
            // One of content_html and content_text must be there: the body when asked for, else the summary as text.
            if (it.contentHtml() != null) o.put("content_html", it.contentHtml());
            else o.put("content_text", it.summary() == null ? it.title() : it.summary());
            if (it.contentHtml() != null && it.summary() != null) o.put("summary", it.summary());
            if (it.published() != null) o.put("date_published", it.published().toString());
            o.put("date_modified", it.updated().toString());
            if (it.author() != null && !it.author().isBlank()) o.putArray("authors").addObject().put("name", it.author());
            if (!it.tags().isEmpty()) {
                ArrayNode tags = o.putArray("tags");
                it.tags().forEach(tags::add);
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json feed " + ch.id() + ": " + e.getMessage(), e);
        }
    }
}
