package org.newsvault.web;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.newsvault.config.WebSettings;
import org.newsvault.metrics.HttpEndpoints;

/**
 * HTTP basic auth in front of everything but {@code /health} (a liveness probe needs no password and tells
 * nothing). The password is checked against the PBKDF2 hash; a header that once verified is remembered by its
 * SHA-256 so each page does not cost 0.2 s of PBKDF2 (the cache holds digests, never passwords, and is bounded).
 */
final class BasicAuth extends Handler.Wrapper {
    private static final int REMEMBERED = 64;
    private final WebSettings web;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    BasicAuth(WebSettings web, Handler next) {
        super(next);
        this.web = web;
    }

    @Override
    public boolean handle(Request req, Response res, Callback cb) throws Exception {
        if (!web.auth() || Request.getPathInContext(req).equals("/health") || allowed(req.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(req, res, cb);
        }
        res.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"newsvault\", charset=\"UTF-8\"");
        HttpEndpoints.respond(req, res, cb, 401, "text/plain", "401 a user name and password are needed\n", Map.of());
        return true;
    }

    private boolean allowed(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 1024) return false;
        String key = digest(header);
        if (verified.containsKey(key)) return true;
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw));
        char[] pair = new char[chars.remaining()];
        chars.get(pair);
        Arrays.fill(raw, (byte) 0);
        int colon = -1;
        for (int i = 0; i < pair.length && colon < 0; i++) if (pair[i] == ':') colon = i;
        if (colon < 0) return false;
        boolean userOk = PasswordHash.same(new String(pair, 0, colon), web.user());
        char[] password = Arrays.copyOfRange(pair, colon + 1, pair.length);
        Arrays.fill(pair, '\0');
        // The hash is always computed, so a wrong user name takes as long as a wrong password.
        boolean passOk = PasswordHash.verify(password, web.passwordHash());
        Arrays.fill(password, '\0');
        if (!(userOk && passOk)) return false;
        if (verified.size() >= REMEMBERED) verified.clear();
        verified.put(key, Boolean.TRUE);
        return true;
    }

    private static String digest(String s) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
