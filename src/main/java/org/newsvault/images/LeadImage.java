package org.newsvault.images;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * The lead image a page declares for itself ({@code og:image}, {@code twitter:image}, {@code link rel=image_src}),
 * read from the page's head alone: only the bytes before {@code </head>} (at most {@link #HEAD_BYTES}) are parsed, so
 * it costs a small parse however large the page is.
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
        // Decoded again as UTF-8 (the usual case) now that the head is cut out.
        String head = new String(page, 0, end, StandardCharsets.UTF_8); // ISO-8859-1: one char per byte
        try {
            Document doc = HtmlTrees.parseDocument(head, "", WorkBudget.standard());
            for (String sel : SELECTORS) {
                Element e = doc.selectFirst(sel);
                if (e == null) continue;
                String v = e.normalName().equals("link") ? e.attr("href") : e.attr("content");
                if (!v.isBlank()) return v.strip();
            }
        } catch (RuntimeException e) {
            // a head past the work budget: no lead image, the article is archived as ever
        }
        return null;
    }
}
