package org.newsvault.sanitize;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Routes images through images.weserv.nl so that readers behind a firewall can load them, in the form
 * existing archives use: {@code https://images.weserv.nl/?url=<host/path>} (scheme dropped, a query
 * string percent-encoded so it stays part of the proxied URL).
 */
final class ImageProxy {
    static final String PREFIX = "https://images.weserv.nl/?url=";

    private ImageProxy() {}

    /** The proxied URL, or {@code url} itself when it is not an http(s) URL or already proxied. */
    static String rewrite(String url) {
        if (url == null) return null;
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("https://")) rest = url.substring(8);
        else if (lower.startsWith("http://")) rest = url.substring(7);
        else return url;
        String host = hostOf(url);
        if (host == null || host.equals("images.weserv.nl") || host.equals("wsrv.nl")) return url;
        int hash = rest.indexOf('#');
        if (hash >= 0) rest = rest.substring(0, hash);
        int q = rest.indexOf('?');
        String hostPath = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : URLEncoder.encode(rest.substring(q), StandardCharsets.UTF_8);
        return PREFIX + hostPath.replace("%", "%25").replace("&", "%26").replace("+", "%2B").replace(" ", "%20")
                + query;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.replace(" ", "%20")).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            int start = url.indexOf("//") + 2;
            int end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
            return end > start ? url.substring(start, end).toLowerCase(Locale.ROOT) : null;
        }
    }
}
