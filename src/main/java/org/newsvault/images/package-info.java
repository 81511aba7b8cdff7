/**
 * The images stage: lists the images of each archived article ({@link org.newsvault.images.ImageRefs}), and fetches
 * and keeps them in the background at the fetcher's lowest priority, so they never hold up a feed or a page. The
 * bytes are originals of kind {@code image} (content-addressed, one blob per distinct image); each (article, URL)
 * has an {@code article_image} row with its state ({@link org.newsvault.model.ImageState}).
 */
package org.newsvault.images;
