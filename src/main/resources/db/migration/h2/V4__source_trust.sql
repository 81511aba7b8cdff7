-- newsvault schema, version 4: trust per source, teaser rows that never merge, feed originals kept only
-- when the entries changed.

-- A sighting per (URL, feed), not per URL: which feed brought the URL, the content hash of the text that
-- feed brought (NULL: not read, e.g. a page that could not be fetched), and whether that text came from
-- the article's own site (a feed on the URL's registrable domain, or the article page itself). Every sighting of a URL
-- points to the same article. feed_key is feed_id with 0 for sightings without a feed (imports), so the
-- unique index also holds for those (NULLs would never collide).
ALTER TABLE sighting ADD COLUMN content_hash CHAR(64);
ALTER TABLE sighting ADD COLUMN own_site BOOLEAN;
ALTER TABLE sighting ADD COLUMN feed_key BIGINT GENERATED ALWAYS AS (COALESCE(feed_id, 0));
DROP INDEX sighting_url;
CREATE UNIQUE INDEX sighting_url_feed ON sighting(url, feed_key);

-- Where the article's current text comes from: 'own-site' (a feed on the article's own site, or its
-- own page) or 'third-party' (a mirror or aggregator); NULL for imports and rows older than this version.
-- feed_id (V1) is the feed it was taken from.
ALTER TABLE article ADD COLUMN source_trust VARCHAR(16);
-- 'full', or 'teaser': the page failed and the feed's teaser was kept. A teaser is never a content-hash
-- match (identical teasers of different stories must not merge them), and its page is tried again.
ALTER TABLE article ADD COLUMN body_kind VARCHAR(8) DEFAULT 'full' NOT NULL;

-- The fingerprint of the feed's entries (canonical URL, title, body hash each) when its body was last
-- kept as an original, and that original: a body whose entries did not change is not kept again.
ALTER TABLE feed ADD COLUMN entries_hash CHAR(64);
ALTER TABLE feed ADD COLUMN entries_original_id BIGINT REFERENCES original(id);
