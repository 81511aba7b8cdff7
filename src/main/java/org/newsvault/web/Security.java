package org.newsvault.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The headers on every response of the site, set before anything else runs so 401s, 404s and error pages carry
 * them too. No script may run at all (no script-src: default-src 'none'); styles only from the site's own
 * stylesheet; images only from the site unless {@code web.remote-images} allows https images in archived bodies.
 */
final class Security extends Handler.Wrapper {
    private final Map<String, String> headers;

    Security(boolean remoteImages, Handler next) {
        super(next);
        this.headers = headers(remoteImages);
    }

    static Map<String, String> headers(boolean remoteImages) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'" + (remoteImages ? " https:" : "")
            + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        return Map.copyOf(h);
    }

    @Override
    public boolean handle(Request req, Response res, Callback cb) throws Exception {
        headers.forEach((k, v) -> res.getHeaders().put(k, v));
        return super.handle(req, res, cb);
    }
}
