/**
 * Feeds out: Atom 1.0 and JSON Feed 1.1 documents of the archive's listings (an outlet, the daily digest, a
 * search result) and of its changes (the censorship watch: subscribe to deletions). Pure: the caller reads the
 * store ({@link org.newsvault.store.Reading}) and serves the bytes; this package only writes documents.
 * Every text is text (escaped by ROME and Jackson), every link absolute from the caller's base URL, every id
 * stable, and no archived HTML goes out but the sanitized body, and that only when the caller asks for it.
 */
package org.newsvault.syndicate;
