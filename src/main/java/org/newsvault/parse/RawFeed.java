package org.newsvault.parse;

import java.util.List;

/**
 * A feed as a reader found it.
 *
 * @param title     feed title as written, or null
 * @param titleKind how to read the title
 * @param link      the site link as written, or null
 * @param base      base URL for the feed-level link, or null
 * @param items     items that could be read, in feed order
 * @param skipped   one line per item that could not be read
 * @param complete  the channel (or Atom feed) element was closed: nothing was cut off after it
 */
record RawFeed(String title, RawItem.TitleKind titleKind, String link, String base, List<RawItem> items,
               List<String> skipped, boolean complete) {
    RawFeed {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
