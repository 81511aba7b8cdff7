package org.newsvault.model;

import java.util.Locale;

/** Where an article's image was referenced. */
public enum ImageRole {
    /** {@code img}/{@code srcset}/{@code picture}/{@code source}/figure in the body. */
    BODY,
    /** The page's or feed's lead image ({@code og:image}, enclosure, {@code media:thumbnail}) not in the body. */
    LEAD,
    /** A video's {@code poster}. */
    POSTER;

    public String dbValue() { return name().toLowerCase(Locale.ROOT); }

    public static ImageRole fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
