package org.newsvault.export;

import java.util.Locale;

/** {@code export --images}: where the Jekyll posts' images come from. */
public enum ImageMode {
    /** The outlets' URLs, as the article files have them (the default). */
    REMOTE,
    /** Copies of the kept images beside the posts ({@code assets/images/}), the posts pointing at them. */
    LOCAL;

    public static ImageMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--images must be remote or local, not '" + s + "'");
        }
    }
}
