package org.newsvault.parse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One item as a reader found it, before links are resolved and the title made plain: the shape both
 * the ROME reader and the lenient reader produce, so {@link EntryMapper} is the one place that decides
 * what an {@link org.newsvault.model.Entry} looks like.
 *
 * @param position    1-based position in the feed, for skip messages
 * @param links       link candidates, best first, as written (possibly relative)
 * @param base        base URL for relative links (feed URL with xml:base applied), or null
 * @param contentHtml body HTML (text bodies already escaped), or null
 * @param summaryHtml summary HTML (text summaries already escaped), or null
 * @param truncated   the item's end tag was missing (lenient reader only)
 */
record RawItem(int position, String guid, List<String> links, String base, String title, TitleKind titleKind,
               String author, Instant published, String contentHtml, String summaryHtml,
               List<String> categories, boolean truncated) {

    /** How to read a title: as declared text, as declared HTML, or guess (RSS leaves it open). */
    enum TitleKind { TEXT, HTML, GUESS }

    RawItem {
        links = links.stream().filter(Objects::nonNull).toList();
        categories = categories.stream().filter(Objects::nonNull).toList();
    }
}
