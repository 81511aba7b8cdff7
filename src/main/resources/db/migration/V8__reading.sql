-- newsvault schema, version 8: the reading room's listings (issue 12) page in milliseconds on a large archive.

-- Every listing is newest first by the article's time: its publication time, or its fetch time when the feed
-- gave none (what the exports already sort by). An index needs a column for it; H2 indexes no expressions,
-- so it is a generated column that no writer sets. (PostgreSQL: GENERATED ALWAYS AS (...) STORED.)
ALTER TABLE article ADD COLUMN listed_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(published_at, fetched_at));

-- The outlet's foreign key had the only index on outlet_id, and H2's planner prefers it to the outlet's
-- listing index below, then sorts the whole outlet to show one page (seconds on a large outlet). Re-adding
-- the key would create a fresh single-column index again, so the key goes, like the others in V5: outlets
-- are never deleted and every writer creates the outlet before its articles. The index below serves every
-- lookup by outlet_id (countByOutlet, due by outlet) as its prefix, so the article keeps the same number of
-- B-trees for this one. CONSTRAINT_FF is H2's generated name for it in every archive built by V1.
ALTER TABLE article DROP CONSTRAINT IF EXISTS CONSTRAINT_FF;

-- Keys in time order: a new article lands at the tail of each (per outlet, per status), so a commit writes
-- a few more leaf pages, not a page per article as the random content hash does.
CREATE INDEX article_listed ON article(listed_at DESC, id DESC);
CREATE INDEX article_outlet_listed ON article(outlet_id, listed_at DESC, id DESC);
CREATE INDEX article_status_listed ON article(status, listed_at DESC, id DESC);
-- The home page's "archived today": a range of today's rows, not a scan of all.
CREATE INDEX article_fetched ON article(fetched_at);
