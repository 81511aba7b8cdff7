package org.newsvault.sanitize;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * Recognises images whose only purpose is to report the reader: 0–1 pixel images and images served
 * by known analytics and ad hosts.
 */
final class TrackingPixels {
    private static final List<String> HOST_SUFFIXES = List.of(
            "doubleclick.net", "google-analytics.com", "googletagmanager.com", "googlesyndication.com",
            "scorecardresearch.com", "quantserve.com", "chartbeat.net", "hm.baidu.com", "cnzz.com",
            "cnzz.net", "51.la", "amazon-adsystem.com", "adnxs.com", "moatads.com", "stats.wp.com",
            "pixel.wp.com", "bat.bing.com", "analytics.twitter.com");
    private static final List<String> HOST_PREFIXES = List.of("pixel.", "pixels.", "beacon.", "track.", "tracking.");
    private static final List<String> PATH_PARTS = List.of("/beacon", "/pixel.gif", "/~r/", "/~ff/");

    private TrackingPixels() {}

    static boolean isPixel(Element img, String absoluteSrc) {
        return tiny(img.attr("width")) || tiny(img.attr("height")) || isTrackerUrl(absoluteSrc);
    }

    static boolean isTrackerUrl(String url) {
        if (url == null || url.startsWith("data:")) return false;
        String host;
        String lower = url.toLowerCase(Locale.ROOT);
        try {
            host = URI.create(url.replace(" ", "%20")).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host != null) {
            host = host.toLowerCase(Locale.ROOT);
            for (String suffix : HOST_SUFFIXES) {
                if (host.equals(suffix) || host.endsWith("." + suffix)) return true;
            }
            for (String prefix : HOST_PREFIXES) {
                if (host.startsWith(prefix)) return true;
            }
            if ((host.equals("facebook.com") || host.endsWith(".facebook.com")) && lower.contains("/tr")) return true;
        }
        for (String part : PATH_PARTS) {
            if (lower.contains(part)) return true;
        }
        return false;
    }

    /** width="1", height="0px": a size attribute that makes the image invisible. */
    private static boolean tiny(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("px")) s = s.substring(0, s.length() - 2).trim();
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) return false;
        try {
            return Double.parseDouble(s) <= 1.0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
