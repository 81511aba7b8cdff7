-- newsvault schema, version 6: ids handed out in blocks of 1,024 instead of H2's 32.
--
-- H2 records the end of each block of identity values with a commit of its own (Sequence.flush), and an
-- MVStore commit writes every changed page of the store, LZF-compressed, including those of the
-- transaction in progress. With blocks of 32 that was a store every 16 articles (article and sighting ids)
-- plus one every 32 originals, whatever the batching: half of the row-writing thread's time in a bulk
-- import (JFR, 10,486 files). A larger block costs nothing but a gap in the ids after a crash (the
-- block's rest is skipped); ids still follow insertion order.
ALTER TABLE article ALTER COLUMN id SET CACHE 1024;
ALTER TABLE sighting ALTER COLUMN id SET CACHE 1024;
ALTER TABLE original ALTER COLUMN id SET CACHE 1024;
