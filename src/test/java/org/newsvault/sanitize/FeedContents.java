package org.newsvault.sanitize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Pulls the HTML-bearing fields out of a feedparser {@code sanitize/} test feed without the parse
 * stage: escaped or CDATA text is the HTML itself, inline XHTML is its inner markup, {@code mode="base64"}
 * is decoded. jsoup's XML parser resolves no external entities.
 */
final class FeedContents {
    private static final Set<String> FIELDS = Set.of("content", "summary", "description", "title", "subtitle",
            "tagline", "info", "copyright", "body", "content:encoded", "fullitem", "xhtml:body");

    private FeedContents() {}

    static List<String> htmlFields(String xml) {
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        List<String> out = new ArrayList<>();
        for (Element el : doc.getAllElements()) {
            if (!FIELDS.contains(el.normalName().toLowerCase())) continue;
            String html = el.children().isEmpty() ? el.wholeText() : el.html();
            if ("base64".equals(el.attr("mode"))) {
                html = new String(Base64.getMimeDecoder().decode(html.trim()), StandardCharsets.UTF_8);
            }
            if (!html.isBlank()) out.add(html);
        }
        return out;
    }
}
