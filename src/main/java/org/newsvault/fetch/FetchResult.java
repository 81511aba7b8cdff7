package org.newsvault.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a successful fetch (2xx, or 304 when {@code notModified}).
 *
 * @param url          the requested URL
 * @param finalUrl     the URL after redirects
 * @param status       HTTP status (200 for file: URLs)
 * @param notModified  true for a 304; body is then empty
 * @param headers      the response headers as received (names as sent, in order), for the originals store; each
 *                     value cut at {@link #MAX_HEADER_VALUE} characters, headers past {@link #MAX_HEADER_BLOCK}
 *                     characters in all not kept
 * @param body         the decoded (gunzipped) body bytes, at most the configured cap
 * @param contentType  the Content-Type header value (cut at {@link #MAX_CONTENT_TYPE}), or null
 * @param etag         the ETag response header, or null (also when longer than {@link #MAX_ETAG})
 * @param lastModified the Last-Modified response header, or null (also when longer than
 *                     {@link #MAX_LAST_MODIFIED})
 * @param fetchedAt    when the response arrived
 * @param elapsed      wall time of the request, including retries
 */
public record FetchResult(URI url, URI finalUrl, int status, boolean notModified,
                          List<Map.Entry<String, String>> headers, byte[] body, String contentType,
                          String etag, String lastModified, Instant fetchedAt, Duration elapsed) {
    /** The columns the store keeps them in (feed.etag, feed.last_modified, original.content_type). */
    public static final int MAX_ETAG = 1000;
    public static final int MAX_LAST_MODIFIED = 200;
    public static final int MAX_CONTENT_TYPE = 400;
    public static final int MAX_HEADER_VALUE = 8 * 1024;
    public static final int MAX_HEADER_BLOCK = 64 * 1024;
}
