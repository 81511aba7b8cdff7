-- newsvault schema, version 11: several nodes sharing one database (issue 15, "several nodes").
-- Portable SQL (H2 2.3 and PostgreSQL 15).

-- One row per node name: a node is alive while its heartbeat is recent (model.NodePolicy) and it has not stopped.
-- A second daemon under a live node's name is refused; a dead or stopped node's name is taken over, and so is
-- the name of a killed process on the same host (host, pid: no longer running) without waiting for it to go stale.
CREATE TABLE node (
    name          VARCHAR(40) PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at    TIMESTAMP WITH TIME ZONE,
    host          VARCHAR(255) NOT NULL,
    pid           BIGINT NOT NULL,
    version       VARCHAR(40) NOT NULL,
    polls         BIGINT NOT NULL DEFAULT 0
);

-- Who polls a feed now (holder, until: NULL when nobody) and who polled it last (done_by, done_at). A lease is
-- taken by one conditional UPDATE or INSERT, renewed while the poll runs, and given up when it ends; a holder that
-- dies leaves it to expire.
CREATE TABLE feed_lease (
    feed_id   BIGINT PRIMARY KEY,
    holder    VARCHAR(64),
    until     TIMESTAMP WITH TIME ZONE,
    done_by   VARCHAR(64),
    done_at   TIMESTAMP WITH TIME ZONE
);

-- The same for the re-check of one article.
CREATE TABLE recheck_lease (
    article_id BIGINT PRIMARY KEY,
    holder     VARCHAR(64),
    until      TIMESTAMP WITH TIME ZONE,
    done_by    VARCHAR(64),
    done_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX recheck_lease_holder ON recheck_lease(holder);
CREATE INDEX feed_lease_holder ON feed_lease(holder);

-- The earliest time the next request to a host may start, for the whole cluster (fetch.HostPacer).
CREATE TABLE host_pace (
    host     VARCHAR(255) PRIMARY KEY,
    next_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
