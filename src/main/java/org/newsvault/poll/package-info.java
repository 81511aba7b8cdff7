/**
 * The orchestrator: {@link org.newsvault.poll.FeedRefresher} takes one feed through fetch → parse → per item
 * ({@link org.newsvault.poll.EntryProcessor}: page → extract → sanitize → hash → archive) and records the
 * outcome. The only package that calls the stages. {@link org.newsvault.poll.ArticleArchiver} is the one place
 * an article is made permanent; {@link org.newsvault.poll.Revisions} is the port through which a better-sourced
 * text becomes a revision (implemented by the watch package, which depends on this one).
 */
package org.newsvault.poll;
