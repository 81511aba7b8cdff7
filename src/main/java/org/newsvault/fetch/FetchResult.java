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
 * @param headers      the response headers as received (names as sent, in order), for the originals store
 * @param body         the decoded (gunzipped) body bytes, at most the configured cap
 * @param contentType  the Content-Type header value, or null
 * @param etag         the ETag response header, or null
 * @param lastModified the Last-Modified response header, or null
 * @param fetchedAt    when the response arrived
 * @param elapsed      wall time of the request, including retries
 */
public record FetchResult(URI url, URI finalUrl, int status, boolean notModified,
                          List<Map.Entry<String, String>> headers, byte[] body, String contentType,
                          String etag, String lastModified, Instant fetchedAt, Duration elapsed) {
}
