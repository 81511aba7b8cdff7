package org.newsvault.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One request's language and formatting, handed to every template: UI strings ({@code web/messages_*.properties}),
 * times in the reading room's zone, the outlets' display names and the language switch link.
 */
public final class Ui {
    public enum Lang { EN, ZH }

    private static final Map<Lang, Properties> STRINGS = Map.of(Lang.EN, load("en"), Lang.ZH, load("zh"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Lang lang;
    private final ZoneId zone;
    private final Map<String, String> outletNames;
    private final String path;

    Ui(Lang lang, ZoneId zone, Map<String, String> outletNames, String path) {
        this.lang = lang;
        this.zone = zone;
        this.outletNames = outletNames;
        this.path = path;
    }

    private static Properties load(String tag) {
        Properties p = new Properties();
        try (InputStream in = Ui.class.getResourceAsStream("/web/messages_" + tag + ".properties")) {
            if (in == null) throw new IllegalStateException("web/messages_" + tag + ".properties is missing from the jar");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** From the {@code lang} cookie when set, else the first of zh/en in Accept-Language by quality; English otherwise. */
    static Lang choose(String cookie, String acceptLanguage) {
        if ("zh".equals(cookie)) return Lang.ZH;
        if ("en".equals(cookie)) return Lang.EN;
        if (acceptLanguage == null || acceptLanguage.length() > 500) return Lang.EN;
        Lang best = Lang.EN;
        double bestQ = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] f = part.strip().split(";");
            String tag = f[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < f.length; i++) {
                String p = f[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Lang l = tag.equals("zh") || tag.startsWith("zh-") ? Lang.ZH : tag.equals("en") || tag.startsWith("en-") ? Lang.EN : null;
            if (l != null && q > 0 && q > bestQ) {
                best = l;
                bestQ = q;
            }
        }
        return best;
    }

    public String t(String key) {
        return STRINGS.get(lang).getProperty(key, key);
    }

    public String t(String key, Object... args) {
        return new MessageFormat(t(key), Locale.ROOT).format(args);
    }

    /** The {@code lang} attribute of the page. */
    public String htmlLang() {
        return lang == Lang.ZH ? "zh" : "en";
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    public String zone() {
        return zone.getId();
    }

    public String outlet(String id) {
        String name = outletNames.get(id);
        return name == null || name.isBlank() ? id : name;
    }

    public String status(String status) {
        return status == null ? "" : STRINGS.get(lang).getProperty("status." + status, status);
    }

    /** A size as people read it: 512 B, 34.5 KB, 2.1 MB (powers of 1024). */
    public String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** The link that switches to the other language and comes back here. */
    public String switchHref() {
        return "/lang?to=" + (lang == Lang.ZH ? "en" : "zh") + "&back=" + enc(path);
    }

    /** {@code url} when it is http(s), else null: an archived URL becomes a link only when it cannot run anything. */
    public String webLink(String url) {
        if (url == null) return null;
        String l = url.strip().toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://") ? url : null;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
