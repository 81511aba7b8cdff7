/**
 * The watch: archived articles are fetched again on a decaying schedule ({@link
 * org.newsvault.watch.RecheckSchedule}) to answer "what did this article say then, and when did it
 * change or vanish?". A real edit of the text or title becomes a revision (every version kept, in the
 * database and as files under {@code <name>.revisions/}); 404/410, a redirect to a home page or a page
 * without the article become a deletion once confirmed; nothing is ever removed from the archive.
 * {@link org.newsvault.watch.Rechecker} runs the checks; {@link org.newsvault.watch.ArticleHistory}
 * and {@link org.newsvault.watch.TextDiff} show the results. {@link org.newsvault.watch.SourceRevisions}
 * lets the poll store a better-sourced text (the article's own site over a third party, the page over a
 * kept teaser) through the same revision path.
 */
package org.newsvault.watch;
