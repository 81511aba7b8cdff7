package org.newsvault.config;

/**
 * The limits of kept images ({@code images:}); which outlets keep theirs is {@link OutletConfig#images()}.
 *
 * @param maxBytes      one image, after decompression; a larger one is cut while streaming and recorded TOO_LARGE
 * @param maxPerArticle all of one article's stored images together; an image past what is left is TOO_LARGE
 * @param maxCount      images listed per article; those past it are recorded TOO_LARGE without a fetch
 */
public record ImageSettings(long maxBytes, long maxPerArticle, int maxCount) {
    public static final ImageSettings DEFAULTS = new ImageSettings(10L << 20, 50L << 20, 40);
}
