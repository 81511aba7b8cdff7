package org.newsvault.images;

import org.newsvault.model.ImageRole;

/**
 * One image an article references.
 *
 * @param url      absolute http(s) URL of the original (an image-proxy URL already undone)
 * @param position order of first appearance in the article (0-based; the lead image, when not in the body, last)
 */
public record ImageRef(String url, ImageRole role, int position) {}
