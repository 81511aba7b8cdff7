package org.newsvault.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Raw bytes of one fetch, kept so the archive can always be rebuilt and exported as WARC.
 *
 * @param sha256  of the body bytes; the body is stored once per distinct sha256
 * @param headers response headers as received, in order
 * @param kind    {@code feed}, {@code page} or {@code import}
 */
public record Original(long id, String sha256, String url, int status, List<Map.Entry<String, String>> headers,
                       String contentType, Instant fetchedAt, long size, String kind) {
    public Original {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }
}
