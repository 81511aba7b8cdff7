/**
 * Article page HTML → article body and metadata.
 *
 * <p>{@link org.newsvault.extract.ArticleExtractor} orchestrates: {@link org.newsvault.extract.MetadataReader}
 * reads title, author and date first (before anything is removed), {@link org.newsvault.extract.LazyImages}
 * turns lazy-loaded images into real ones, {@link org.newsvault.extract.Boilerplate} drops page chrome,
 * then either the outlet's CSS selector or the generic {@link org.newsvault.extract.ContentScorer}
 * (a Readability-style scorer that counts Chinese punctuation) picks the body, and
 * {@link org.newsvault.extract.ArticleCleaner} removes what is left of widgets inside it.
 * {@link org.newsvault.extract.FullText} decides whether a feed item needs its page fetched at all.
 * The output is not sanitized: the sanitizer always runs last.
 */
package org.newsvault.extract;
