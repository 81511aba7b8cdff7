package org.newsvault.images;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.store.ImageRepository.NewImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which images of an article the archive keeps: those {@link ImageRefs} finds in its body (and its lead image), when
 * its outlet keeps images ({@code images: true}, the default). Reads the current settings at every call, so a reload
 * applies to the next article.
 */
public final class ImageLister {
    private static final Logger log = LoggerFactory.getLogger(ImageLister.class);

    private final Supplier<Settings> settings;

    public ImageLister(Supplier<Settings> settings) {
        this.settings = settings;
    }

    /** Whether {@code outletId} keeps images (an outlet not in the config, e.g. imported, keeps them: the default). */
    public boolean keeps(String outletId) {
        return settings.get().outlet(outletId).map(OutletConfig::images).orElse(true);
    }

    public int maxCount() {
        return settings.get().images().maxCount();
    }

    /** The article's images to list; empty when its outlet keeps none. Never throws: hostile markup lists nothing. */
    public List<NewImage> of(String outletId, String body, String articleUrl, String leadImage) {
        if (!keeps(outletId)) return List.of();
        return refs(body, articleUrl, leadImage);
    }

    /** The images of a body, whatever the outlet's setting (a revision records them either way). */
    public static List<NewImage> refs(String body, String articleUrl, String leadImage) {
        boolean none = (body == null || !body.contains("<img") && !body.contains("poster=")) && leadImage == null;
        if (none) return List.of(); // most text-only articles: no parse at all
        try {
            URI base = articleUrl == null ? null : URI.create(articleUrl);
            return ImageRefs.of(body, base, leadImage).stream()
                .map(r -> new NewImage(r.url(), r.role(), r.position())).toList();
        } catch (RuntimeException e) {
            log.debug("images of {} not listed: {}", articleUrl, e.toString());
            return List.of();
        }
    }
}
