package org.newsvault.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault status}: every configured feed's health at a glance. */
@Command(name = "status", description = {"Show every feed: last poll, last success, last new article, next poll,",
    "articles archived, and the error streak and last error of failing feeds (marked !).",
    "Works while `newsvault run` is running (from the status file it keeps) and when it is not.",
    "Exit status: 0 no enabled feed failing, 1 some feed failing, 2 bad configuration."})
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() {
        var settings = parent.settings();
        StatusLoader.Loaded loaded = StatusLoader.load(settings);
        var snap = loaded.snapshot();
        if (json) {
            System.out.println(snap.toJson());
        } else {
            Instant now = Instant.now();
            System.out.println(loaded.running()
                ? "newsvault is running (status as of " + StatusTable.ago(snap.at(), now) + ")"
                : loaded.lastSeen() != null ? "daemon: stopped (last seen " + StatusTable.ago(loaded.lastSeen(), now) + ")"
                : "newsvault is not running");
            System.out.print(StatusTable.render(snap.feeds(), loaded.articlesByOutlet(), now, Ansi.AUTO));
            System.out.print(StatusTable.nodes(snap.nodes()));
            String images = StatusLoader.imagesLine(loaded.images());
            if (images != null) System.out.println(images);
        }
        return snap.feeds().stream().anyMatch(f -> f.enabled() && f.failing()) ? 1 : 0;
    }
}
