package org.newsvault.fetch;

import java.net.URI;

/**
 * One request. {@code etag}/{@code lastModified} are the validators from the previous fetch (null when
 * none); {@code proxy} overrides the global proxy for this request (null = use the global setting;
 * forms: {@code http://host:port}, {@code socks5://host:port}, or {@code direct}).
 * {@code allowFile} permits {@code file:} URLs (only for configured feed URLs, never for links found in
 * content).
 */
public record FetchRequest(URI url, String etag, String lastModified, String proxy, boolean allowFile) {
    public static FetchRequest page(URI url, String proxy) {
        return new FetchRequest(url, null, null, proxy, false);
    }
}
