-- newsvault schema, version 6 (PostgreSQL): nothing to do. h2/V6 hands ids out in blocks because H2 commits each
-- block's end on its own; a PostgreSQL sequence does not, and a cache there is per session (gaps for nothing).
SELECT 1;
