-- newsvault schema, version 3: an entry gone from its feed as evidence of deletion.

-- The canonical URLs of the feed's entries at its last parse, one per line, in feed order: the next parse
-- compares against it to find entries that vanished from the middle of the list (see poll.FeedListing).
ALTER TABLE feed ADD COLUMN entry_urls CLOB;

-- When and from which feed the article's entry vanished (NULL: never, or listed again since). Such an
-- article is re-checked at once, and a deletion found then cites this as further evidence.
ALTER TABLE article ADD COLUMN unlisted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE article ADD COLUMN unlisted_from VARCHAR(4000);
