package org.newsvault.config;

import java.time.Duration;
import java.util.List;
import org.newsvault.extract.ExtractRules;
import org.newsvault.render.Variant;

/**
 * One outlet as configured. Outlet-specific behaviour lives here as data, never as code.
 *
 * @param id         {@code [a-z0-9-]+}, unique; the outlet's folder in the archive
 * @param name       display name: front matter author fallback, tags, categories
 * @param feeds      feed URLs (http, https or file)
 * @param content    CSS selector of the body on the article page, or null (then the feed's content is
 *                   used when it is full text, and the generic extractor otherwise)
 * @param remove     selectors dropped from the body
 * @param interval   polling interval for the daemon
 * @param format     article file variant for new articles
 * @param proxy      proxy for this outlet (overrides the global one), {@code direct}, or null
 * @param imageProxy rewrite image URLs through images.weserv.nl so readers behind the firewall load them
 * @param categories the user's folders for this outlet (an OPML import keeps a feed reader's folders here, and
 *                   {@code opml export} writes them back as folders); the first is the main one
 * @param source     the config file this outlet was read from (CLI edits go back to the right file)
 * @param images     keep the images of its new articles ({@code images:}, default true; see {@link ImageSettings})
 */
public record OutletConfig(String id, String name, List<FeedConfig> feeds, String content, List<String> remove,
                           Duration interval, Variant format, String proxy, boolean imageProxy,
                           List<String> categories, java.nio.file.Path source, boolean images) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    public OutletConfig {
        feeds = List.copyOf(feeds);
        remove = remove == null ? List.of() : List.copyOf(remove);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** An outlet whose images are kept (the default). */
    public OutletConfig(String id, String name, List<FeedConfig> feeds, String content, List<String> remove,
                        Duration interval, Variant format, String proxy, boolean imageProxy, List<String> categories,
                        java.nio.file.Path source) {
        this(id, name, feeds, content, remove, interval, format, proxy, imageProxy, categories, source, true);
    }

    /** An outlet in no category (the shape every caller had before categories existed). */
    public OutletConfig(String id, String name, List<FeedConfig> feeds, String content, List<String> remove,
                        Duration interval, Variant format, String proxy, boolean imageProxy, java.nio.file.Path source) {
        this(id, name, feeds, content, remove, interval, format, proxy, imageProxy, List.of(), source, true);
    }

    public ExtractRules extractRules() {
        return new ExtractRules(content, remove);
    }
}
