package org.newsvault.images;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsvault.model.ImageRole;

/**
 * The images an archived article references, read from its sanitized body: every {@code img} (its {@code src}, or
 * the widest {@code srcset} candidate when it has none, as the sanitizer picks; inside {@code picture} the widest
 * {@code source srcset} when the {@code img} has no URL), every video {@code poster}, and the lead image
 * ({@code og:image} of the page, or the feed's) when the body does not show it. Only absolute http(s) URLs: a
 * {@code data:} image is already in the body, other schemes are nothing to fetch. The same URL twice is one image,
 * at its first position. An {@code image-proxy} URL is turned back into the original's URL, so the archive keeps
 * the outlet's image and a reader can map a body's {@code src} back to its row with {@link #originalUrl}.
 */
public final class ImageRefs {
    /** What {@code sanitize.ImageProxy} prefixes (kept in step with it; ImageRefsTest round-trips the two). */
    static final String PROXY_PREFIX = "https://images.weserv.nl/?url=";
    private static final java.util.Set<String> TAGS = java.util.Set.of("img", "video", "source", "picture", "/picture");
    /** The same proxy as older archives and outlets write it (without the slash, or its short host). */
    private static final List<String> PROXY_PREFIXES = List.of(PROXY_PREFIX, "https://images.weserv.nl?url=",
        "http://images.weserv.nl/?url=", "https://wsrv.nl/?url=");

    private ImageRefs() {}

    /**
     * @param sanitizedBodyHtml the article's body as archived
     * @param base              the article's URL, for a relative URL a body should not have but an import may
     * @param leadImageUrl      the page's or feed's lead image, or null
     */
    public static List<ImageRef> of(String sanitizedBodyHtml, URI base, String leadImageUrl) {
        Map<String, ImageRole> found = new LinkedHashMap<>();
        if (sanitizedBodyHtml != null && !sanitizedBodyHtml.isBlank()) {
            // picture: its sources' widest candidate stands in for an img that has no URL of its own.
            String[] pictureSource = {null};
            boolean[] inPicture = {false};
            Tags.scan(sanitizedBodyHtml, TAGS, (tag, attrs) -> {
                switch (tag) {
                    case "picture" -> {
                        inPicture[0] = true;
                        pictureSource[0] = null;
                    }
                    case "/picture" -> inPicture[0] = false;
                    case "source" -> {
                        String set = attrs.get("srcset");
                        if (inPicture[0] && pictureSource[0] == null && set != null && !widest(set).isBlank()) {
                            pictureSource[0] = widest(set);
                        }
                    }
                    case "video" -> add(found, attrs.get("poster"), base, ImageRole.POSTER);
                    case "img" -> {
                        String src = attrs.getOrDefault("src", "");
                        if (src.isBlank() && attrs.containsKey("srcset")) src = widest(attrs.get("srcset"));
                        if (src.isBlank() && inPicture[0] && pictureSource[0] != null) src = pictureSource[0];
                        add(found, src, base, ImageRole.BODY);
                    }
                    default -> { }
                }
            });
        }
        if (leadImageUrl != null) add(found, leadImageUrl, base, ImageRole.LEAD);
        List<ImageRef> out = new ArrayList<>(found.size());
        int i = 0;
        for (var e : found.entrySet()) out.add(new ImageRef(e.getKey(), e.getValue(), i++));
        return out;
    }

    private static void add(Map<String, ImageRole> found, String raw, URI base, ImageRole role) {
        String url = rowUrl(raw, base);
        if (url != null) found.putIfAbsent(url, role);
    }

    /**
     * The URL an {@code article_image} row names for an image {@code src} as a body writes it: an image-proxy URL
     * undone ({@link #originalUrl}), made absolute against {@code base}, fragment dropped; null when it is no
     * http(s) URL. The one mapping: what lists a body's images and what points a body at the kept copies both use it.
     */
    public static String rowUrl(String raw, URI base) {
        return raw == null ? null : absolute(originalUrl(raw.trim()), base);
    }

    /**
     * {@code raw} made absolute against {@code base}, when it is an http(s) URL (fragment dropped); else null. An
     * absolute URL is returned as written, not re-encoded: rows and bodies name an image by the same string.
     */
    static String absolute(String raw, URI base) {
        if (raw == null) return null;
        String s = raw.trim();
        if (s.isEmpty() || s.length() > 4000) return null;
        try {
            URI parsed = URI.create(s.replace(" ", "%20"));
            URI u = parsed;
            if (!u.isAbsolute() && base != null && base.isAbsolute()) u = base.resolve(u);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) return null;
            // Absolute already (what a sanitized body holds): kept as written, so it is the body's src to the letter.
            String out = u == parsed ? s : u.toString();
            int hash = out.indexOf('#');
            return hash < 0 ? out : out.substring(0, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The original's URL of an image {@code src} as an article file writes it: an {@code image-proxy} URL
     * ({@code https://images.weserv.nl/?url=host/path...}, also without the slash as older archives write it, or
     * {@code wsrv.nl}) undone, anything else as it is. The proxy form drops the
     * scheme; https is assumed (what the proxy itself asks first).
     */
    public static String originalUrl(String srcAsWritten) {
        if (srcAsWritten == null) return null;
        String prefix = null;
        for (String p : PROXY_PREFIXES) {
            if (srcAsWritten.regionMatches(true, 0, p, 0, p.length())) {
                prefix = p;
                break;
            }
        }
        if (prefix == null) return srcAsWritten;
        String rest = srcAsWritten.substring(prefix.length());
        // The proxy writes the path with only % & + and space escaped, and the whole query URL-encoded: "%3F" can only
        // be the query's "?" (a path's own "%3F" was written "%253F").
        int q = rest.indexOf("%3F");
        if (q < 0) q = rest.indexOf("%3f");
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : URLDecoder.decode(rest.substring(q), StandardCharsets.UTF_8);
        path = path.replace("%20", " ").replace("%2B", "+").replace("%26", "&").replace("%25", "%");
        if (path.isEmpty()) return srcAsWritten;
        return "https://" + path + query;
    }

    private static String widest(String srcset) {
        return org.newsvault.sanitize.Srcset.widest(srcset);
    }
}
