package org.newsvault.sanitize;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * URL checks shared by every URL-bearing attribute: absolute against the page, protocol-relative
 * made https, schemes allow-listed. Parsing follows what browsers do with hostile input (tabs and
 * newlines inside a URL are ignored, leading control characters trimmed), so {@code jav&#x09;ascript:}
 * is seen as {@code javascript:} and rejected.
 */
final class SafeUrls {
    static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    static final Set<String> WEB_SCHEMES = Set.of("http", "https");

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern RASTER_DATA =
            Pattern.compile("^data:image/(png|jpe?g|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=\\s]+$",
                    Pattern.CASE_INSENSITIVE);

    private SafeUrls() {}

    /** The absolute URL, or null when it is empty, unparseable or of a scheme not in {@code schemes}. */
    static String absolute(String raw, URL base, Set<String> schemes) {
        String value = browserView(raw);
        if (value.isEmpty()) return null;
        if (value.startsWith("//")) value = "https:" + value;
        var scheme = SCHEME.matcher(value);
        if (scheme.find()) {
            return schemes.contains(scheme.group(1).toLowerCase(Locale.ROOT)) ? value : null;
        }
        if (base == null) return null;
        try {
            String abs = new URL(base, value).toExternalForm();
            var s = SCHEME.matcher(abs);
            return s.find() && schemes.contains(s.group(1).toLowerCase(Locale.ROOT)) ? abs : null;
        } catch (MalformedURLException e) {
            return null;
        }
    }

    /** True for an inline raster image; SVG is refused because it can carry script. */
    static boolean isRasterDataImage(String raw) {
        return RASTER_DATA.matcher(browserView(raw)).matches();
    }

    static URL base(java.net.URI baseUrl) {
        if (baseUrl == null || !baseUrl.isAbsolute()) return null;
        try {
            return baseUrl.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL as a browser reads it: C0 controls and spaces trimmed at both ends, tab/CR/LF removed. */
    static String browserView(String raw) {
        if (raw == null) return "";
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') sb.append(c);
        }
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) <= ' ') start++;
        while (end > start && sb.charAt(end - 1) <= ' ') end--;
        return sb.substring(start, end);
    }
}
