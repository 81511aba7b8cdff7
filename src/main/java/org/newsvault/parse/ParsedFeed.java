package org.newsvault.parse;

import java.util.List;
import org.newsvault.model.Entry;

/**
 * @param title   the feed's title, or null
 * @param link    the feed's site link, or null
 * @param entries items in feed order
 * @param skipped one line per item that could not be read (why), for the poll report
 */
public record ParsedFeed(String title, String link, List<Entry> entries, List<String> skipped) {
    public ParsedFeed {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }
}
