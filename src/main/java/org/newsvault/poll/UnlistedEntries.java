package org.newsvault.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.newsvault.model.Entry;
import org.newsvault.model.FeedState;
import org.newsvault.model.Urls;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.FeedRepository;
import org.newsvault.store.WatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each parse of a changed feed: archived articles whose entry was taken out of the feed (see
 * {@link FeedListing}) are recorded as unlisted and re-checked at once, since the page check is what can
 * call them deleted; entries listed again lose the mark. Costs two or three statements per changed feed,
 * none per item.
 */
public final class UnlistedEntries {
    private static final Logger log = LoggerFactory.getLogger(UnlistedEntries.class);

    private final FeedRepository feeds;
    private final ArticleRepository articles;
    private final WatchRepository watch;

    public UnlistedEntries(FeedRepository feeds, ArticleRepository articles, WatchRepository watch) {
        this.feeds = feeds;
        this.articles = articles;
        this.watch = watch;
    }

    void update(FeedState feed, List<Entry> entries, Instant now) {
        Set<String> listed = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.link() == null) continue;
            try {
                listed.add(Urls.canonical(e.link()));
            } catch (IllegalArgumentException bad) {
                // an entry without a usable link was never archived; nothing to follow
            }
        }
        if (listed.isEmpty()) return;
        List<String> listedUrls = new ArrayList<>(listed);
        for (String url : FeedListing.vanished(feeds.entryUrls(feed.feedId()), listedUrls)) {
            articles.findBySighting(url).ifPresent(id -> {
                watch.recordUnlisted(id, feed.url(), now);
                log.info("outlet={} feed_url={} article {} {} is gone from the feed; re-checking its page",
                    feed.outletId(), feed.url(), id, url);
            });
        }
        watch.clearUnlisted(listedUrls);
        feeds.recordEntryUrls(feed.feedId(), listedUrls);
    }
}
