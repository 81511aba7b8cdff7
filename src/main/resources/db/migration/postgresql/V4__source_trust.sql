-- newsvault schema, version 4 (PostgreSQL): trust per source, teaser rows, feed originals kept only when the
-- entries changed (see h2/V4). H2's generated column is a STORED one here.
ALTER TABLE sighting ADD COLUMN content_hash CHAR(64);
ALTER TABLE sighting ADD COLUMN own_site BOOLEAN;
ALTER TABLE sighting ADD COLUMN feed_key BIGINT GENERATED ALWAYS AS (COALESCE(feed_id, 0)) STORED;
DROP INDEX sighting_url;
CREATE UNIQUE INDEX sighting_url_feed ON sighting(url, feed_key);
ALTER TABLE article ADD COLUMN source_trust VARCHAR(16);
ALTER TABLE article ADD COLUMN body_kind VARCHAR(8) DEFAULT 'full' NOT NULL;
ALTER TABLE feed ADD COLUMN entries_hash CHAR(64);
ALTER TABLE feed ADD COLUMN entries_original_id BIGINT REFERENCES original(id);
