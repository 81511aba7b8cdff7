-- newsvault schema, version 7 (PostgreSQL): the row every archiving transaction locks before its dedupe check
-- (see h2/V7): several processes, and several nodes, on one database.
CREATE TABLE claim_lock (id INT PRIMARY KEY);
INSERT INTO claim_lock VALUES (1);
