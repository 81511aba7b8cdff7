/**
 * The orchestrator: {@link org.newsvault.poll.FeedRefresher} takes one feed through fetch → parse → per item
 * ({@link org.newsvault.poll.EntryProcessor}: page → extract → sanitize → hash → archive) and records the
 * outcome. The only package that calls the stages.
 */
package org.newsvault.poll;
