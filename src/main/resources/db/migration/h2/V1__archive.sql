-- newsvault schema, version 1. Migrations are append-only: never edit a released V file, add V{n+1}.

CREATE TABLE outlet (
    id          VARCHAR(64) PRIMARY KEY,
    name        VARCHAR(400) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One feed URL and its fetch state (validators, body hash, error streak, next check).
CREATE TABLE feed (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    outlet_id         VARCHAR(64) NOT NULL REFERENCES outlet(id),
    url               VARCHAR(4000) NOT NULL,
    etag              VARCHAR(1000),
    last_modified     VARCHAR(200),
    body_hash         CHAR(64),
    last_poll_at      TIMESTAMP WITH TIME ZONE,
    last_success_at   TIMESTAMP WITH TIME ZONE,
    last_new_at       TIMESTAMP WITH TIME ZONE,
    last_result       VARCHAR(16),
    last_error        VARCHAR(2000),
    error_count       INT NOT NULL DEFAULT 0,
    next_check_at     TIMESTAMP WITH TIME ZONE,
    articles_archived BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT feed_unique UNIQUE (outlet_id, url)
);

-- One fetch whose bytes are kept: the body lives content-addressed at data/originals/<sha[0:2]>/<sha>.gz
-- (shared by fetches of identical bytes); this row keeps what WARC needs besides the bytes.
CREATE TABLE original (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    sha256       CHAR(64) NOT NULL,
    url          VARCHAR(4000) NOT NULL,
    status       INT NOT NULL,
    headers      CLOB,
    content_type VARCHAR(400),
    fetched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    size         BIGINT NOT NULL,
    kind         VARCHAR(16) NOT NULL
);
CREATE INDEX original_sha ON original(sha256);

-- One archived story. The columns variant..body are render.ArticleFile: the file is always
-- re-creatable from the row, which is why the row is committed before the file is written
-- (file_written records that the rename happened; startup finishes rows where it did not).
CREATE TABLE article (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    outlet_id      VARCHAR(64) NOT NULL REFERENCES outlet(id),
    feed_id        BIGINT REFERENCES feed(id),
    guid           VARCHAR(4000),
    canonical_url  VARCHAR(4000) NOT NULL,
    title          VARCHAR(4000) NOT NULL,
    author         VARCHAR(1000),
    published_at   TIMESTAMP WITH TIME ZONE,
    fetched_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    content_hash   CHAR(64) NOT NULL,
    variant        VARCHAR(8) NOT NULL,
    front_matter   CLOB,
    stamp          VARCHAR(32) NOT NULL,
    file_title     VARCHAR(4000) NOT NULL,
    file_url       VARCHAR(4000) NOT NULL,
    body           CLOB NOT NULL,
    file_path      VARCHAR(1000) NOT NULL,
    file_written   BOOLEAN NOT NULL DEFAULT FALSE,
    original_id    BIGINT REFERENCES original(id),
    source         VARCHAR(8) NOT NULL,
    status         VARCHAR(16) NOT NULL DEFAULT 'live',
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX article_canonical ON article(canonical_url);
CREATE UNIQUE INDEX article_file ON article(file_path);
CREATE INDEX article_hash ON article(content_hash);
CREATE INDEX article_outlet_published ON article(outlet_id, published_at);
CREATE INDEX article_pending ON article(file_written);

-- Every canonical URL under which a story was seen (its own, syndicated copies, other feeds).
-- A poll looks entries up here first, so a known story costs one indexed read and no page fetch.
CREATE TABLE sighting (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    article_id  BIGINT NOT NULL REFERENCES article(id),
    outlet_id   VARCHAR(64) NOT NULL,
    feed_id     BIGINT,
    url         VARCHAR(4000) NOT NULL,
    reason      VARCHAR(16) NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX sighting_url ON sighting(url);
CREATE INDEX sighting_article ON sighting(article_id);
