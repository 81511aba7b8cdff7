package org.newsvault.fetch;

import java.net.URI;

/**
 * A request that was never sent because its fetcher stopped taking requests (the process is stopping): not the
 * server's failure, so a caller records nothing against the feed or article, which is simply asked again next time.
 */
public final class FetcherStoppedException extends FetchException {
    public FetcherStoppedException(URI url) {
        super(Kind.IO, url, "fetcher closed before the request was sent", null);
    }
}
