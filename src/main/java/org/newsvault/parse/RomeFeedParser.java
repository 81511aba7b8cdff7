package org.newsvault.parse;

import com.rometools.rome.io.FeedException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.newsvault.model.Entry;

/**
 * The parse stage: bytes → text ({@link FeedCharset}) → checked and DOCTYPE-free text ({@link FeedText})
 * → strict XML ({@link SecureXml}, with ROME's entity healer) → ROME ({@link RomeFeedReader}) → entries
 * ({@link EntryMapper}). When the XML is not well-formed, or ROME cannot make sense of it, the
 * {@link LenientFeedReader} gets a go, and its entries are returned if it finds any; the first line of
 * {@link ParsedFeed#skipped()} then says what was wrong with the feed.
 *
 * <p>Stateless and thread-safe: every call builds its own parsers.
 */
public final class RomeFeedParser implements FeedParser {

    public RomeFeedParser() {
    }

    @Override
    public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws ParseException {
        if (body == null || body.length == 0) throw new ParseException("empty body");
        String text = FeedText.prepare(FeedCharset.decode(body, contentType).text());
        String url = feedUrl == null ? null : feedUrl.toString();
        Document doc;
        try {
            doc = SecureXml.parse(EntityHealing.reader(text));
        } catch (JDOMParseException e) {
            return lenient(text, url, "malformed XML at line " + e.getLineNumber() + ": " + saxMessage(e));
        } catch (JDOMException | IOException e) {
            return lenient(text, url, "malformed XML: " + RomeFeedReader.oneLine(e));
        }
        String root = "<" + doc.getRootElement().getQualifiedName() + ">";
        try {
            return toParsed(RomeFeedReader.read(doc, url), null);
        } catch (IllegalArgumentException e) {
            return salvage(text, url, "not a feed: root element " + root, "no RSS/Atom format matches " + root);
        } catch (FeedException | RuntimeException e) {
            return salvage(text, url, "not a feed: root element " + root,
                    "ROME failed on it (" + RomeFeedReader.oneLine(e) + ")");
        }
    }

    /**
     * Not well-formed: worth returning when the lenient reader gets entries out of it, or when the
     * channel was complete and simply held none (the damage is after it, as in a lost final {@code >}).
     */
    private static ParsedFeed lenient(String text, String url, String problem) throws ParseException {
        RawFeed raw = readLeniently(text, url, problem);
        ParsedFeed parsed = raw == null ? null : toParsed(raw, "feed: " + problem + "; read leniently");
        if (parsed == null || parsed.entries().isEmpty() && !raw.complete()) throw new ParseException(problem);
        return parsed;
    }

    /** Well-formed but ROME would not have it: a feed root is enough, even with nothing in it. */
    private static ParsedFeed salvage(String text, String url, String notAFeed, String why) throws ParseException {
        RawFeed raw = readLeniently(text, url, notAFeed);
        if (raw == null) throw new ParseException(notAFeed);
        return toParsed(raw, "feed: " + why + "; read leniently");
    }

    private static RawFeed readLeniently(String text, String url, String problem) throws ParseException {
        try {
            return LenientFeedReader.read(text, url);
        } catch (RuntimeException e) {
            throw new ParseException(problem, e);
        }
    }

    private static ParsedFeed toParsed(RawFeed raw, String note) {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (note != null) skipped.add(note);
        skipped.addAll(raw.skipped());
        for (RawItem item : raw.items()) {
            try {
                EntryMapper.Mapped m = EntryMapper.map(item);
                if (m.entry() != null) {
                    entries.add(m.entry());
                } else {
                    skipped.add("item " + item.position() + ": " + m.skipReason());
                }
            } catch (RuntimeException e) {
                skipped.add("item " + item.position() + ": " + RomeFeedReader.oneLine(e));
            }
        }
        return new ParsedFeed(EntryMapper.plainText(raw.title(), raw.titleKind()),
                Urls.resolve(raw.base(), raw.link()), entries, skipped);
    }

    private static String saxMessage(JDOMParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return RomeFeedReader.oneLine(cause);
    }
}
