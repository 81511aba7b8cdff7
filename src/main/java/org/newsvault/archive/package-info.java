/**
 * Files on disk beside the database: the original bytes of every fetch (content-addressed, gzip) and the
 * recovery that keeps the article files and the database in agreement after a crash.
 */
package org.newsvault.archive;
