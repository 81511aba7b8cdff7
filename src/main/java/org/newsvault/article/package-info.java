/**
 * HTML → the archived body, each document parsed once: an article page (decode → parse → extract → sanitize →
 * hash, all on that one tree) or a feed item's body (parse → teaser check → optional removals → sanitize →
 * hash). {@link org.newsvault.article.ArticleReader} is the one place both the poll ({@code poll.EntryProcessor})
 * and the re-checks ({@code watch.PageReader}) turn HTML into an article; it depends on the stages it runs
 * ({@code extract}, {@code sanitize}, {@code model}), never on the ones that call it.
 */
package org.newsvault.article;
