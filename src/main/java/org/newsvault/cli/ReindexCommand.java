package org.newsvault.cli;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.search.IndexFollower;
import org.newsvault.search.LiveIndex;
import org.newsvault.search.SearchIndex;
import org.newsvault.store.IndexFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault reindex}: the search index rebuilt from the database, which is the truth. */
@Command(name = "reindex", description = {"Rebuild the search index (data/index) from the database.",
    "The new index is built beside the old one and swapped in whole; a crash leaves the old one. The daemon does",
    "this by itself when the index is missing or unreadable, so this is for an index you do not trust.",
    "It needs the index to itself: stop a running daemon first.",
    "Exit status: 0 rebuilt, 1 could not (the daemon holds the index, a database error)."})
public final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Override
    public Integer call() {
        var settings = parent.settings();
        long start = System.nanoTime();
        try (Newsvault nv = Newsvault.open(settings);
             SearchIndex index = SearchIndex.open(settings.searchIndex(), SearchIndex.Options.manual(Clock.systemUTC()))) {
            IndexFeed feed = new IndexFeed(nv.db);
            long n;
            try (TerminalProgress bar = TerminalProgress.start("reindex", feed.current().article(), "articles")) {
                n = IndexFollower.rebuild(index, feed, bar::stepTo);
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "reindex: %,d articles in %.1f s (%,.0f articles/s) into %s%n", n, s, n / Math.max(s, 0.001),
                settings.searchIndex());
            return 0;
        }
    }
}
