package org.newsvault.fetch;

import java.net.URI;

/**
 * One request. {@code etag}/{@code lastModified} are the validators from the previous fetch (null when
 * none); {@code proxy} overrides the global proxy for this request (null = use the global setting;
 * forms: {@code http://host:port}, {@code socks5://host:port}, or {@code direct}).
 * {@code allowFile} permits {@code file:} URLs (only for configured feed URLs, never for links found in
 * content). {@code maxBytes} replaces the configured body cap for this request (0: the configured cap);
 * {@code check}, when set, sees the body's first bytes while it streams and may refuse it (an image whose bytes are
 * no image is not read to its end).
 */
public record FetchRequest(URI url, String etag, String lastModified, String proxy, boolean allowFile, long maxBytes,
                           BodyCheck check) {
    public FetchRequest(URI url, String etag, String lastModified, String proxy, boolean allowFile) {
        this(url, etag, lastModified, proxy, allowFile, 0, null);
    }

    public static FetchRequest page(URI url, String proxy) {
        return new FetchRequest(url, null, null, proxy, false);
    }

    /** An image (or any resource) of at most {@code maxBytes}, its first bytes seen by {@code check}. */
    public static FetchRequest resource(URI url, String proxy, long maxBytes, BodyCheck check) {
        return new FetchRequest(url, null, null, proxy, false, maxBytes, check);
    }

    /**
     * A link as the fetcher reads it. Links in feeds are written for browsers: {@code [}, {@code ]}, spaces and
     * other characters {@link URI#create} rejects are percent-encoded the way a browser sends them; what is still
     * no http(s) URL fails as {@code BLOCKED: not a valid URL} instead of an unchecked exception.
     */
    public static URI uri(String link) throws FetchException {
        URI fallback = null;
        try {
            fallback = new URI(null, null, link == null ? "" : link, null);
        } catch (java.net.URISyntaxException e) {
            // only for the exception's url field
        }
        okhttp3.HttpUrl u = link == null ? null : okhttp3.HttpUrl.parse(link.strip());
        if (u == null) {
            throw new FetchException(FetchException.Kind.BLOCKED, fallback, "not a valid URL", null);
        }
        try {
            return u.uri();
        } catch (RuntimeException e) {
            throw new FetchException(FetchException.Kind.BLOCKED, fallback, "not a valid URL", e);
        }
    }
}
