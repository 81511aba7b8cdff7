-- newsvault schema, version 5: fewer B-trees per archived article (issue 11, "a lean store path").

-- Text values (bodies, front matter, headers, feed listings) up to 256 KB are stored in the row itself
-- rather than in H2's LOB maps: a CLOB outside the row costs three more B-trees per insert (lob map,
-- reference map, data map), which was a large part of an insert's cost. Larger values still go to the LOB
-- maps, so no value has a length limit. The setting is kept in the database file; rows written before
-- this version keep their LOBs where they are and read as before.
SET MAX_LENGTH_INPLACE_LOB 262144;

-- Foreign keys whose index no query reads: H2 gives every foreign key an index on the referencing
-- column, which only serves deletes of the referenced row, and feeds and originals are never deleted.
-- The ids written there come from rows the same code inserted (a feed's row, an original's row in the
-- same or an earlier transaction), so each key was three more B-trees written per article for nothing.
-- The names are H2's generated ones, the same in every archive built by V1 and V2 (they derive from the
-- table's name and the order of creation).
ALTER TABLE article DROP CONSTRAINT IF EXISTS CONSTRAINT_FF2;
ALTER TABLE article DROP CONSTRAINT IF EXISTS CONSTRAINT_FF24;
ALTER TABLE article DROP CONSTRAINT IF EXISTS CONSTRAINT_FF245;

-- The outlet's foreign key has its own index on outlet_id (H2 made it before V1 created this one), and no
-- query can use published_at here: the exports filter and sort by COALESCE(published_at, fetched_at). So
-- this index was a duplicate of that one, written with every article.
DROP INDEX article_outlet_published;
