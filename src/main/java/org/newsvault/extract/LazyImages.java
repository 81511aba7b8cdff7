package org.newsvault.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.newsvault.model.WorkBudget;

/**
 * Turns lazy-loaded images into plain ones so the archive shows them without script: the URL in
 * {@code data-src} (and its many spellings) becomes {@code src}, a placeholder followed by a
 * {@code <noscript>} copy is replaced by the copy. Must run before {@code <noscript>} is dropped.
 */
final class LazyImages {
    private static final List<String> SRC_ATTRS = List.of("data-src", "data-original", "data-lazy-src",
            "data-lazy", "data-actualsrc", "data-original-src", "data-hi-res-src", "data-echo", "data-img",
            "data-croporisrc", "data-backsrc");
    private static final List<String> SRCSET_ATTRS = List.of("data-srcset", "data-lazy-srcset", "data-original-set");
    private static final Pattern IMAGE_URL = Pattern.compile("^\\s*\\S+\\.(jpe?g|png|webp|gif|avif)(\\?\\S*)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE_SRCSET = Pattern.compile("\\.(jpe?g|png|webp|avif)\\S*\\s+\\d",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern B64 = Pattern.compile("^data:\\s*([^\\s;,]+)\\s*;\\s*base64\\s*,", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile(
            "(blank|spacer|placeholder|transparent|lazy|loading|grey|gray|pixel|1x1)[^/]*\\.(gif|png|svg)",
            Pattern.CASE_INSENSITIVE);

    private LazyImages() {}

    static void fix(Element root) {
        fix(root, WorkBudget.standard());
    }

    static void fix(Element root, WorkBudget budget) {
        dropSourcelessImages(root, budget);
        unwrapNoscriptCopies(root, budget);
        for (Element el : root.select("img, picture, figure")) {
            budget.tick();
            fixOne(el);
        }
    }

    /** Images with no source at all are placeholders a script would fill; the noscript copy wins. */
    private static void dropSourcelessImages(Element root, WorkBudget budget) {
        for (Element img : root.getElementsByTag("img")) {
            budget.tick();
            boolean hasSource = false;
            for (Attribute a : img.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (key.equals("src") || key.equals("srcset") || key.startsWith("data-")
                        && (a.getValue().contains("/") || a.getValue().contains("."))
                        || IMAGE_URL.matcher(a.getValue()).find()) {
                    hasSource = true;
                    break;
                }
            }
            if (!hasSource) img.remove();
        }
    }

    private static void unwrapNoscriptCopies(Element root, WorkBudget budget) {
        for (Element noscript : root.getElementsByTag("noscript")) {
            budget.tick();
            Element copy = singleImage(noscript);
            if (copy == null) continue;
            Element prev = noscript.previousElementSibling();
            Element placeholder = prev == null ? null : prev.is("img") ? prev : singleImage(prev);
            if (placeholder != null) {
                for (Attribute a : placeholder.attributes()) {
                    String key = a.getKey();
                    if (!copy.hasAttr(key) && !key.equals("src") && !key.startsWith("data-")) copy.attr(key, a.getValue());
                }
                placeholder.replaceWith(copy);
                noscript.remove();
            } else if (noscript.parent() != null) {
                noscript.replaceWith(copy);
            }
        }
    }

    /** The only image inside {@code e} when {@code e} holds nothing else (no text, one child per level). */
    private static Element singleImage(Element e) {
        Element node = e;
        while (node != null) {
            if (node.normalName().equals("img")) return node;
            if (node.childrenSize() != 1 || !TextStats.isBlank(node)) return null;
            node = node.child(0);
        }
        return null;
    }

    private static void fixOne(Element el) {
        String src = el.attr("src");
        if (isPlaceholder(el, src)) {
            el.removeAttr("src");
            src = "";
        }
        for (String attr : SRC_ATTRS) {
            String v = el.attr(attr).trim();
            if (!v.startsWith("data:") && (v.contains("/") || v.contains("."))) {
                setSource(el, "src", v);
                return;
            }
        }
        for (String attr : SRCSET_ATTRS) {
            String v = el.attr(attr).trim();
            if (!v.isEmpty()) {
                setSource(el, "srcset", v);
                if (src.isEmpty()) return;
            }
        }
        boolean lazyClass = el.className().toLowerCase(Locale.ROOT).contains("lazy");
        if ((!src.isEmpty() || !el.attr("srcset").isBlank()) && !lazyClass) return;
        for (Attribute a : el.attributes().asList()) {
            String key = a.getKey();
            if (key.equals("src") || key.equals("srcset") || key.equals("alt")) continue;
            if (IMAGE_SRCSET.matcher(a.getValue()).find()) setSource(el, "srcset", a.getValue());
            else if (IMAGE_URL.matcher(a.getValue()).matches()) setSource(el, "src", a.getValue().trim());
        }
    }

    private static void setSource(Element el, String attr, String value) {
        if (el.normalName().equals("img") || el.normalName().equals("picture")) {
            el.attr(attr, value);
        } else if (el.normalName().equals("figure") && el.select("img, picture").isEmpty()) {
            el.appendElement("img").attr(attr, value);
        }
    }

    /** A tiny inline GIF/PNG or a file named like a spacer stands in for the real image. */
    private static boolean isPlaceholder(Element el, String src) {
        if (src.isBlank()) return false;
        var b64 = B64.matcher(src);
        if (b64.find()) {
            if (b64.group(1).equalsIgnoreCase("image/svg+xml")) return hasOtherSource(el);
            return src.length() - b64.end() < 133 || hasOtherSource(el);
        }
        if (src.startsWith("data:")) return true;
        return PLACEHOLDER_NAME.matcher(src).find() && hasOtherSource(el);
    }

    private static boolean hasOtherSource(Element el) {
        for (String attr : SRC_ATTRS) if (el.hasAttr(attr)) return true;
        for (String attr : SRCSET_ATTRS) if (el.hasAttr(attr)) return true;
        return false;
    }
}
