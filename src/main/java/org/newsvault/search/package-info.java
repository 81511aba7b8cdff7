/**
 * The full-text index of the archive (Apache Lucene 9.12): Chinese found in either script, Latin words,
 * phrases, filters, paging and escaped snippets. The index is a cache of the database: it can be lost,
 * found unreadable or rebuilt at any time ({@link org.newsvault.search.Reindexer}) and never decides what
 * the archive holds. No dependency on the store: callers hand over {@link org.newsvault.search.SearchDocument}s.
 */
package org.newsvault.search;
