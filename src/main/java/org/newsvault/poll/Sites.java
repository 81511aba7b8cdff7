package org.newsvault.poll;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which site a URL belongs to: its registrable domain, by a small public-suffix rule instead of the
 * full list. The last two labels ({@code www.rfa.org} → {@code rfa.org}, {@code cn.nytimes.com} →
 * {@code nytimes.com}), or three when the second-to-last is a common second-level label under a
 * two-letter country code ({@code www.bbc.co.uk} → {@code bbc.co.uk}, {@code news.com.au}). An IP
 * address or a one-label name ({@code localhost}) is its own site. The rule errs towards "another site"
 * for exotic suffixes, which only costs a comparison that would not have been needed. Pure.
 */
public final class Sites {
    private static final Set<String> SECOND_LEVEL = Set.of("com", "co", "org", "net", "gov", "edu", "ac", "or", "ne",
        "go", "gob", "mil", "nic", "ltd", "plc");

    private Sites() {}

    /** The registrable domain of {@code host}, lower case; "" for a null or empty host. */
    public static String registrableDomain(String host) {
        if (host == null) return "";
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.isEmpty() || h.startsWith("[") || h.indexOf(':') >= 0 || h.matches("[0-9.]+")) return h;
        String[] labels = h.split("\\.");
        int n = labels.length;
        if (n <= 2) return h;
        boolean ccSecondLevel = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]);
        int keep = ccSecondLevel ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, n - keep, n));
    }

    /** True when both URLs have a host and the same registrable domain; false for anything unparsable. */
    public static boolean sameSite(String url, String otherUrl) {
        String a = domainOf(url), b = domainOf(otherUrl);
        return !a.isEmpty() && a.equals(b);
    }

    private static String domainOf(String url) {
        if (url == null) return "";
        try {
            return registrableDomain(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
