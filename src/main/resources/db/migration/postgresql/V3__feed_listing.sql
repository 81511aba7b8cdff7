-- newsvault schema, version 3 (PostgreSQL): an entry gone from its feed as evidence of deletion (see h2/V3).
ALTER TABLE feed ADD COLUMN entry_urls TEXT;
ALTER TABLE article ADD COLUMN unlisted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE article ADD COLUMN unlisted_from VARCHAR(4000);
