package org.newsvault.syndicate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one feed document is: its stable id, its title (text), the page it mirrors and where the document itself
 * is served. Paths are relative to the base URL given to {@link Syndication} ({@code outlet/rfa}); a leading
 * {@code /} is read as relative to the base too, so a reading room served under a prefix keeps its links.
 *
 * @param id       stable across requests and restarts: {@code urn:newsvault:feed:…}
 * @param htmlPath the page this feed mirrors, or null
 * @param selfPath this document's own address, or null
 */
public record Channel(String id, String title, String htmlPath, String selfPath) {
    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }

    /** The same channel served at {@code path} (one channel, two formats). */
    public Channel at(String path) {
        return new Channel(id, title, htmlPath, path);
    }

    public static Channel outlet(String outletId, String outletName) {
        return new Channel("urn:newsvault:feed:outlet:" + outletId, outletName == null ? outletId : outletName,
            "outlet/" + outletId, null);
    }

    public static Channel day(LocalDate day, String title) {
        return new Channel("urn:newsvault:feed:day:" + day, title, "day/" + day, null);
    }

    /** The search feed's id names the query and its filters as the caller serialises them (its query string). */
    public static Channel search(String queryString, String title) {
        return new Channel("urn:newsvault:feed:search:" + java.net.URLEncoder.encode(queryString,
            java.nio.charset.StandardCharsets.UTF_8), title, "search?" + queryString, null);
    }

    /** The changes feed; {@code filter} names its outlet and kinds as the caller serialises them ("" for all). */
    public static Channel changes(String filter, String title) {
        return new Channel("urn:newsvault:feed:changes" + (filter == null || filter.isEmpty() ? ""
            : ":" + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)), title,
            "changes" + (filter == null || filter.isEmpty() ? "" : "?" + filter), null);
    }
}
