-- newsvault schema, version 8: the reading room's listings (issue 12) page in milliseconds on a large archive.

-- Every listing is newest first by the article's time: its publication time, or its fetch time when the feed
-- gave none (what the exports already sort by). An index needs a column for it; H2 indexes no expressions,
-- so it is a generated column that no writer sets. (PostgreSQL: GENERATED ALWAYS AS (...) STORED.)
ALTER TABLE article ADD COLUMN listed_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(published_at, fetched_at));

-- One index per listing order: all outlets, one outlet, one status. Their keys are in time order, so a new
-- article lands at the tail of each (per outlet, per status) and a commit writes a few more leaf pages, not a
-- page per article as the random content hash does. The queries name the equality column first in their
-- ORDER BY (store.Reading), which is what makes H2 read the outlet's index in order rather than take the outlet
-- key's own index on outlet_id and sort the whole outlet. (The key keeps that index: H2 gives a foreign key an
-- index of its own whatever exists, so dropping it would save a B-tree only by giving up the key.)
CREATE INDEX article_listed ON article(listed_at DESC, id DESC);
CREATE INDEX article_outlet_listed ON article(outlet_id, listed_at DESC, id DESC);
CREATE INDEX article_status_listed ON article(status, listed_at DESC, id DESC);
-- The home page's "archived today": a range of today's rows, not a scan of all.
CREATE INDEX article_fetched ON article(fetched_at);
