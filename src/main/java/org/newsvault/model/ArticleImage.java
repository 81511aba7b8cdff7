package org.newsvault.model;

import java.time.Instant;

/**
 * One image of one archived article and its state.
 *
 * @param url         absolute original URL (never an image-proxy URL)
 * @param position    order of first appearance in the article (0-based)
 * @param originalId  the {@code original} row of its bytes, when STORED
 * @param sha256      of its bytes, when STORED (the blob is {@code data/originals/<sha[0:2]>/<sha>.gz})
 * @param contentType sniffed from the bytes: image/jpeg, image/png, image/gif, image/webp or image/avif (when known)
 * @param bytes       its size when STORED (or the size that was refused, when known)
 * @param reason      one line for TOO_LARGE, NOT_IMAGE, FAILED and GONE; null otherwise
 * @param attempts    fetches tried so far
 * @param fetchedAt   the last fetch attempt; null while never tried
 */
public record ArticleImage(long articleId, String url, ImageRole role, int position, ImageState state,
                           Long originalId, String sha256, String contentType, long bytes, String reason,
                           int attempts, Instant fetchedAt) {}
