package org.newsvault.sanitize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes click-tracking query parameters from link URLs, keeping every other parameter as written
 * (same order, same encoding) so the link still works.
 */
final class TrackingParams {
    private static final Set<String> NAMES = Set.of(
            "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
            "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "spm", "ref_src", "ref_url",
            "isappinstalled", "vd_source", "share_source", "share_medium", "wt_mc", "wt.mc_id");
    /** WeChat appends {@code from=timeline} etc.; {@code from} with other values may be meaningful. */
    private static final Set<String> WECHAT_FROM = Set.of("timeline", "singlemessage", "groupmessage", "message");

    private TrackingParams() {}

    static String strip(String url) {
        if (url == null) return null;
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String beforeHash = hash < 0 ? url : url.substring(0, hash);
        int q = beforeHash.indexOf('?');
        if (q < 0) return url;
        List<String> kept = new ArrayList<>();
        for (String pair : beforeHash.substring(q + 1).split("&")) {
            if (!pair.isEmpty() && !isTracking(pair)) kept.add(pair);
        }
        String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
        return beforeHash.substring(0, q) + query + fragment;
    }

    static boolean isTracking(String pair) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : pair.substring(eq + 1).toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || NAMES.contains(name)
                || (name.equals("from") && WECHAT_FROM.contains(value));
    }
}
