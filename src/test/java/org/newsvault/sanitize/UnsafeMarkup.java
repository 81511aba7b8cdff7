package org.newsvault.sanitize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/** Test oracle: everything in sanitized HTML that could execute, load a frame, or carry CSS. */
final class UnsafeMarkup {
    private static final Set<String> TAGS = Set.of("script", "iframe", "frame", "object", "embed", "applet",
            "svg", "math", "form", "input", "button", "meta", "base", "link", "style", "template", "noscript");
    private static final Pattern RAW = Pattern.compile(
            "(?i)<\\s*(script|iframe|object|embed|svg|style|base|meta)\\b|<[^>]*[\\s/\"']on[a-z]+\\s*=|expression\\s*\\(");
    private static final Pattern SAFE_DATA = Pattern.compile("^data:image/(png|jpe?g|gif|webp|avif|bmp);base64,.*");

    private UnsafeMarkup() {}

    static List<String> findings(String html) {
        List<String> found = new ArrayList<>();
        var raw = RAW.matcher(html);
        if (raw.find()) found.add("raw: " + raw.group());
        for (Element el : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (TAGS.contains(el.normalName())) found.add("tag: " + el.normalName());
            for (Attribute a : el.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) found.add("handler: " + name);
                if (name.equals("style")) found.add("style attribute");
                if (value.startsWith("javascript:") || value.startsWith("vbscript:")) found.add("script url: " + name);
                if (value.startsWith("data:") && !(el.normalName().equals("img") && name.equals("src")
                        && SAFE_DATA.matcher(value).matches())) {
                    found.add("data url: " + name);
                }
            }
        }
        return found;
    }
}
