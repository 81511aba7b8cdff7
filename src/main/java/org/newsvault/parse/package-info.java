/**
 * Parse stage: feed bytes → {@link org.newsvault.parse.ParsedFeed} of normalised
 * {@link org.newsvault.model.Entry} records. {@link org.newsvault.parse.RomeFeedParser} reads RSS
 * 0.9x/1.0/2.0 and Atom 0.3/1.0 with ROME on a hardened XML parser (no DOCTYPE, no external entities),
 * works out the charset from BOM, HTTP header and XML declaration (GB2312/GBK read as GB18030, Big5 as
 * windows-950), resolves links against the feed URL and xml:base, and falls back to jsoup's lenient XML
 * parser for feeds that are not well-formed. {@link org.newsvault.parse.JsonFeedReader} reads JSON Feed
 * 1.0/1.1 into the same records. A bad item is skipped with a reason, never the feed; a feed that cannot
 * be read is one {@link org.newsvault.parse.ParseException} line, the only exception that leaves the stage,
 * and each feed is read under a {@link org.newsvault.model.WorkBudget}.
 */
package org.newsvault.parse;
