package org.newsvault.images;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lead image a page declares for itself ({@code og:image}, {@code twitter:image}, {@code link rel=image_src}),
 * read from the page's head alone: only the bytes before {@code </head>} (at most {@link #HEAD_BYTES}) are scanned, so
 * it costs little however large the page is.
 */
public final class LeadImage {
    static final int HEAD_BYTES = 256 * 1024;
    private static final String[] SELECTORS = {
        "meta[property=og:image:secure_url]", "meta[property=og:image]", "meta[name=og:image]",
        "meta[name=twitter:image]", "meta[property=twitter:image]", "meta[name=twitter:image:src]",
        "link[rel=image_src]"};

    private LeadImage() {}

    /**
     * @param page the page's bytes as fetched (its charset does not matter: URLs in a head are ASCII, or
     *             percent-encoded, in every page we archive)
     * @return the URL, made absolute against {@code pageUrl} (the page's own URL after redirects), or null
     */
    public static String of(byte[] page, java.net.URI pageUrl) {
        return ImageRefs.absolute(of(page), pageUrl);
    }

    /** {@link #of(byte[], java.net.URI)} as written in the page (relative or not). */
    public static String of(byte[] page) {
        if (page == null || page.length == 0) return null;
        int n = Math.min(page.length, HEAD_BYTES);
        String text = new String(page, 0, n, StandardCharsets.ISO_8859_1);
        int end = text.toLowerCase(Locale.ROOT).indexOf("</head");
        if (end < 0 && n == page.length) end = text.length();
        if (end < 0) return null; // a head larger than the bound: not worth a guess
        // Decoded again as UTF-8 (the usual case) now that the head is cut out; scanned, not parsed (see Tags).
        String head = new String(page, 0, end, StandardCharsets.UTF_8); // ISO-8859-1: one char per byte
        java.util.Map<String, String> best = new java.util.HashMap<>();
        Tags.scan(head, java.util.Set.of("meta", "link"), (tag, a) -> {
            String key = tag.equals("link") ? "link[rel=" + a.getOrDefault("rel", "").toLowerCase(Locale.ROOT) + "]"
                : a.containsKey("property") ? "meta[property=" + a.get("property").toLowerCase(Locale.ROOT) + "]"
                : "meta[name=" + a.getOrDefault("name", "").toLowerCase(Locale.ROOT) + "]";
            String v = tag.equals("link") ? a.getOrDefault("href", "") : a.getOrDefault("content", "");
            if (!v.isBlank()) best.putIfAbsent(key, v.strip());
        });
        for (String sel : SELECTORS) {
            String v = best.get(sel);
            if (v != null) return v;
        }
        return null;
    }
}
