-- newsvault schema, version 8 (PostgreSQL): the reading room's listings (see h2/V8).
ALTER TABLE article ADD COLUMN listed_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(published_at, fetched_at)) STORED;
CREATE INDEX article_listed ON article(listed_at DESC, id DESC);
CREATE INDEX article_outlet_listed ON article(outlet_id, listed_at DESC, id DESC);
CREATE INDEX article_status_listed ON article(status, listed_at DESC, id DESC);
CREATE INDEX article_fetched ON article(fetched_at);
