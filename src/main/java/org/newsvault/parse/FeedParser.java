package org.newsvault.parse;

import java.net.URI;

/**
 * Bytes of a feed → normalised entries. RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 via ROME, with XXE and DTD
 * expansion disabled and a lenient fallback for feeds ROME rejects; JSON Feed 1.0/1.1. One bad item is
 * reported in {@link ParsedFeed#skipped()} and never stops the others. Nothing but {@link ParseException}
 * is thrown, whatever the bytes. Thread-safe.
 */
public interface FeedParser {
    /**
     * @param body        raw bytes as fetched (charset from BOM / XML declaration / {@code contentType})
     * @param contentType the HTTP Content-Type header, or null
     * @param feedUrl     the feed's URL, to resolve relative links
     * @throws ParseException when nothing usable could be read; its message is one line
     */
    ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws ParseException;
}
