package org.newsvault.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Makes feed links absolute. Absolute http(s) links are kept as written when they are valid URIs, so
 * a link stays the same string the outlet published; everything else goes through OkHttp's
 * {@link HttpUrl}, which resolves the way browsers do and percent-encodes spaces and non-ASCII.
 */
final class Urls {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern BREAKS = Pattern.compile("[\\r\\n\\t]");

    private Urls() {
    }

    /** The base after applying an xml:base attribute (absolute, or relative to {@code base}). */
    static String withXmlBase(String base, String xmlBase) {
        if (xmlBase == null || xmlBase.isBlank()) return base;
        String resolved = resolve(base, xmlBase);
        return resolved != null ? resolved : base;
    }

    /** {@code ref} as an absolute http(s) URL, or null when it has another scheme or cannot be resolved. */
    static String resolve(String base, String ref) {
        if (ref == null) return null;
        String r = BREAKS.matcher(ref).replaceAll("").strip();
        if (r.isEmpty()) return null;
        if (hasScheme(r)) {
            String scheme = r.substring(0, r.indexOf(':')).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            HttpUrl parsed = HttpUrl.parse(r);
            if (parsed == null) return null;
            return isPlainUri(r) ? r : parsed.toString();
        }
        HttpUrl b = base == null ? null : HttpUrl.parse(base);
        if (b == null) {
            return r.startsWith("//") ? asString(HttpUrl.parse("https:" + r)) : null;
        }
        return asString(b.resolve(r));
    }

    static boolean hasScheme(String ref) {
        return ref != null && SCHEME.matcher(ref.strip()).find();
    }

    private static boolean isPlainUri(String s) {
        try {
            URI uri = new URI(s);
            return uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String asString(HttpUrl url) {
        return url == null ? null : url.toString();
    }
}
