-- newsvault schema, version 2: re-checks of archived articles, their revisions and status changes.

-- Re-check state per article. next_recheck_at is when the article is due (NULL: never again); new rows
-- are due 15 minutes after insertion, so the poll path needs no change to schedule them.
-- watch_original_id is the page original the current version corresponds to (NULL until known): every
-- re-check compares against it, extracted again with today's extractor, so an extractor upgrade
-- never reads as an edit. watch_misses counts consecutive checks with evidence of deletion,
-- watch_failures consecutive checks that could not reach the page.
ALTER TABLE article ADD COLUMN next_recheck_at TIMESTAMP WITH TIME ZONE
    DEFAULT DATEADD(MINUTE, 15, CURRENT_TIMESTAMP);
ALTER TABLE article ADD COLUMN last_checked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE article ADD COLUMN watch_original_id BIGINT REFERENCES original(id);
ALTER TABLE article ADD COLUMN watch_misses INT NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN watch_failures INT NOT NULL DEFAULT 0;
UPDATE article SET next_recheck_at = DATEADD(MINUTE, 15, fetched_at);
CREATE INDEX article_recheck ON article(next_recheck_at, id);

-- One row per version of an article, INCLUDING the first: n = 1 is the state as first archived, copied
-- from the article row when the first change is found; the highest n is what the article row and its
-- file show. variant..file_url plus body are render.ArticleFile, so every version's file can be
-- rendered again byte for byte; file_written says whether that file exists yet (see RevisionRecovery).
CREATE TABLE revision (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    article_id    BIGINT NOT NULL REFERENCES article(id),
    n             INT NOT NULL,
    fetched_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    title         VARCHAR(4000) NOT NULL,
    body          CLOB NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    original_id   BIGINT REFERENCES original(id),
    file_path     VARCHAR(1000) NOT NULL,
    variant       VARCHAR(8) NOT NULL,
    front_matter  CLOB,
    stamp         VARCHAR(32) NOT NULL,
    file_title    VARCHAR(4000) NOT NULL,
    file_url      VARCHAR(4000) NOT NULL,
    file_written  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT revision_unique UNIQUE (article_id, n)
);
CREATE INDEX revision_pending ON revision(file_written);
CREATE INDEX revision_n ON revision(n);

-- Every change of an article's status, with its evidence: edits (status 'edited', detail names the
-- revision), deletions (HTTP status, final URL), the page becoming unreachable, and coming back.
CREATE TABLE status_event (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES article(id),
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(16) NOT NULL,
    http_status  INT,
    final_url    VARCHAR(4000),
    detail       VARCHAR(2000)
);
CREATE INDEX status_event_at ON status_event(at);
CREATE INDEX status_event_article ON status_event(article_id);
