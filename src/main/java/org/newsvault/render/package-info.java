/**
 * The render stage: the article file format of FORMAT.md, in both directions.
 *
 * <p>{@link org.newsvault.render.ArticleFiles} turns a new article's values into an
 * {@link org.newsvault.render.ArticleFile}; {@link org.newsvault.render.ArticleWriter} is the one
 * place that turns an {@code ArticleFile} into bytes and puts them on disk atomically;
 * {@link org.newsvault.render.ArticleFileReader} turns any valid file (ours or an older archive's)
 * back into the {@code ArticleFile} that reproduces it byte for byte;
 * {@link org.newsvault.render.ArchivePaths} names files and renders the per-outlet list pages.
 */
package org.newsvault.render;
