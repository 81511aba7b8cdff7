-- newsvault schema, version 5 (PostgreSQL): the same keys and indexes gone as in h2/V5 (H2's in-row LOB setting
-- has no counterpart: PostgreSQL keeps large text out of line by itself, TOAST).
ALTER TABLE article DROP CONSTRAINT IF EXISTS article_feed_fk;
ALTER TABLE article DROP CONSTRAINT IF EXISTS article_original_fk;
ALTER TABLE article DROP CONSTRAINT IF EXISTS article_watch_original_fk;
DROP INDEX article_outlet_published;
