package org.newsvault.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.newsvault.model.Entry;

/** PLACEHOLDER until the parse branch lands. */
public final class RomeFeedParser implements FeedParser {
    @Override
    public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws ParseException {
        try {
            var f = new com.rometools.rome.io.SyndFeedInput().build(new com.rometools.rome.io.XmlReader(new java.io.ByteArrayInputStream(body)));
            List<Entry> out = new ArrayList<>();
            for (var e : f.getEntries()) {
                String content = e.getContents().isEmpty() ? null : e.getContents().get(0).getValue();
                out.add(new Entry(e.getUri(), e.getLink(), e.getTitle(), e.getAuthor(),
                    e.getPublishedDate() == null ? null : e.getPublishedDate().toInstant(), content,
                    e.getDescription() == null ? null : e.getDescription().getValue(), List.of()));
            }
            return new ParsedFeed(f.getTitle(), f.getLink(), out, List.of());
        } catch (Exception e) {
            throw new ParseException("malformed: " + e.getMessage(), e);
        }
    }
}
