package org.newsvault.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/** Test feeds under {@code src/test/resources/parse/}. */
final class Fixtures {
    static final URI FEED_URL = URI.create("https://feeds.example.com/zh/rss.xml");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/parse/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedFeed parse(String name) throws ParseException {
        return new RomeFeedParser().parse(bytes(name), null, FEED_URL);
    }
}
