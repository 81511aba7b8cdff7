-- One row that every archiving transaction locks (SELECT ... FOR UPDATE) before its dedupe check, so that the
-- check and the insert are one step for every process on the database: the daemon, a command working through
-- it (import), and later several nodes on PostgreSQL. In one JVM the group commit already orders them; across
-- processes only the database can. Held until commit: a group commit's or an import batch's few milliseconds.
CREATE TABLE claim_lock (id INT PRIMARY KEY);
INSERT INTO claim_lock VALUES (1);
