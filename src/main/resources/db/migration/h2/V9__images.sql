-- newsvault schema, version 9: the images of archived articles (issue 13, "keep the pictures").

-- One row per (article, image URL): the URL as the article references it (absolute, never a proxy URL), its
-- role and order, and where its fetch stands. The bytes of a STORED image are an original of kind 'image'
-- (content-addressed: an image shared by many articles is one blob, and each row names it by sha256).
-- next_attempt_at is when the image worker may fetch it (NULL: never again: a final state). Rows are never
-- deleted: an image that a later revision no longer shows is still the earlier revision's evidence.
CREATE TABLE article_image (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    article_id      BIGINT NOT NULL,
    url             VARCHAR(4000) NOT NULL,
    role            VARCHAR(8) NOT NULL,
    position        INT NOT NULL,
    state           VARCHAR(16) NOT NULL,
    original_id     BIGINT,
    sha256          CHAR(64),
    content_type    VARCHAR(64),
    bytes           BIGINT NOT NULL DEFAULT 0,
    reason          VARCHAR(2000),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    fetched_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT article_image_unique UNIQUE (article_id, url)
);
-- The worker's queue: due rows in time order.
CREATE INDEX article_image_due ON article_image(next_attempt_at, id);
-- The web's /images/<sha> and verify's blob check; a URL already stored for another article is not fetched again.
CREATE INDEX article_image_sha ON article_image(sha256);
CREATE INDEX article_image_url ON article_image(url);

-- The image URLs of each version, one per line in order (NULL: recorded before this version). A re-check that
-- finds another set of images records it here with the revision, and the new URLs get article_image rows.
ALTER TABLE revision ADD COLUMN image_urls CLOB;
