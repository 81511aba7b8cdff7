package org.newsvault.export;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newsvault.images.ImageRefs;

/**
 * Points an article body's images at local copies, on the parsed tree (never by editing the markup as text): an
 * {@code <img>} whose {@code src}, {@code srcset} candidate or enclosing {@code <picture>}'s {@code <source>}
 * names an image that has a local copy gets that copy as its {@code src}, and loses {@code srcset}/{@code sizes}
 * and the picture's sources (a browser would otherwise prefer them and ask the outlet); a video's {@code poster}
 * likewise. Every other image keeps its remote URL. Used by the reading room and by {@code export --format jekyll
 * --images local}, so both show the same copies.
 */
public final class ImageLinks {
    private ImageLinks() {}

    /**
     * @param html  a body as archived (or as sanitized for display)
     * @param base  what relative URLs in it are relative to (null: they are left to {@code local} as written)
     * @param local for an image's original URL (as its {@code article_image} row names it), the href of its local copy,
     *              or null to leave it remote
     * @return the rewritten body, or {@code html} itself when no image has a local copy
     */
    public static String rewrite(String html, URI base, Function<String, String> local) {
        if (html == null || html.isEmpty()) return html;
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        boolean changed = false;
        for (Element img : doc.body().select("img")) {
            Element picture = img.parent() != null && img.parent().nameIs("picture") ? img.parent() : null;
            List<String> candidates = new ArrayList<>();
            candidates.add(img.attr("src"));
            candidates.addAll(srcset(img.attr("srcset")));
            if (picture != null) {
                for (Element s : picture.select("> source")) {
                    candidates.add(s.attr("src"));
                    candidates.addAll(srcset(s.attr("srcset")));
                }
            }
            String href = firstLocal(candidates, base, local);
            if (href == null) continue;
            img.attr("src", href);
            img.removeAttr("srcset");
            img.removeAttr("sizes");
            if (picture != null) picture.select("> source").remove();
            changed = true;
        }
        for (Element video : doc.body().select("video[poster]")) {
            String href = firstLocal(List.of(video.attr("poster")), base, local);
            if (href == null) continue;
            video.attr("poster", href);
            changed = true;
        }
        return changed ? doc.body().html() : html;
    }

    private static String firstLocal(List<String> candidates, URI base, Function<String, String> local) {
        for (String c : candidates) {
            String url = key(c, base);
            if (url == null) continue;
            String href = local.apply(url);
            if (href != null) return href;
        }
        return null;
    }

    /** The row URL of {@code raw} ({@link ImageRefs#rowUrl}). */
    static String key(String raw, URI base) {
        return ImageRefs.rowUrl(raw, base);
    }

    /**
     * The URLs of a {@code srcset} (HTML's candidate list: a URL, optional descriptors, commas between candidates;
     * a URL may itself hold commas, so a candidate ends at whitespace, and a trailing comma is the separator).
     */
    static List<String> srcset(String srcset) {
        List<String> out = new ArrayList<>();
        if (srcset == null) return out;
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(srcset.charAt(i))) i++;
            String url = srcset.substring(start, i);
            boolean endedByComma = false;
            while (url.endsWith(",")) {
                url = url.substring(0, url.length() - 1);
                endedByComma = true;
            }
            if (!url.isEmpty()) out.add(url);
            if (endedByComma) continue;
            while (i < n && srcset.charAt(i) != ',') {
                if (srcset.charAt(i) == '(') { // a descriptor never holds one, but skip to its end like a browser
                    while (i < n && srcset.charAt(i) != ')') i++;
                }
                i++;
            }
        }
        return out;
    }
}
