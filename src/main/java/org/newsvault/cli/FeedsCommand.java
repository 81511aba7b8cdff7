package org.newsvault.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.newsvault.config.FeedEditor;
import org.newsvault.config.OutletConfig;
import org.newsvault.schedule.FeedStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code newsvault feeds list|add|remove|enable|disable}. Edits go to {@code config/outlets.d/<outlet>.yaml}
 * (rules in {@link FeedEditor}); the main config file is never rewritten. A running daemon picks the change
 * up within seconds.
 */
@Command(name = "feeds", description = {"List and edit the configured feeds.",
    "Edits are written to config/outlets.d/<outlet>.yaml; your config/newsvault.yaml is never rewritten.",
    "A running daemon picks up every change within seconds."},
    subcommands = {FeedsCommand.ListFeeds.class, FeedsCommand.Add.class, FeedsCommand.Remove.class,
        FeedsCommand.Enable.class, FeedsCommand.Disable.class})
public final class FeedsCommand implements Runnable {
    @ParentCommand
    NewsvaultCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: list, add, remove, enable or disable");
    }

    FeedEditor editor() {
        return new FeedEditor(parent.config);
    }

    @Command(name = "list", description = {"Show every configured feed with its outlet, interval, whether it is enabled, and the last poll's result.",
        "Exit status: 0 listed, 1 the database could not be read, 2 a config that does not load."})
    static final class ListFeeds implements Callable<Integer> {
        @ParentCommand
        FeedsCommand feeds;

        @Override
        public Integer call() {
            var settings = feeds.parent.settings();
            var loaded = StatusLoader.load(settings);
            Instant now = Instant.now();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"OUTLET", "FEED", "INTERVAL", "ENABLED", "LAST RESULT"});
            for (FeedStatus f : loaded.snapshot().feeds()) {
                OutletConfig o = settings.outlet(f.outlet()).orElse(null);
                String interval = o == null ? "?" : org.newsvault.config.Opml.format(o.interval());
                String last = f.lastResult() == null ? "never polled"
                    : f.lastResult() + " " + StatusTable.ago(f.lastPoll(), now)
                        + (f.failing() ? " (" + f.errorCount() + "x: " + StatusTable.cut(String.valueOf(f.lastError()), 60) + ")" : "");
                rows.add(new String[] {f.outlet(), f.url(), interval, f.enabled() ? "yes" : "no", last});
            }
            System.out.print(Columns.align(rows));
            return 0;
        }
    }

    @Command(name = "add", description = {"Add a feed to an outlet, creating the outlet when it is new.",
        "A URL that is configured already, also when written differently (scheme, host case, default port, tracking parameters, as the config check compares them), is refused with the outlet that has it.",
        "--name, --content, --interval and --category apply to outlets created by the CLI.",
        "Exit status: 0 added, 2 refused (a duplicate, a bad URL, id or option, an outlet the CLI does not edit) or a config that does not load."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        FeedsCommand feeds;

        @Parameters(index = "0", paramLabel = "OUTLET", description = "outlet id: a-z, 0-9 and '-'")
        String outlet;

        @Parameters(index = "1", paramLabel = "URL", description = "feed URL (http, https or file)")
        String url;

        @Option(names = "--name", description = "display name of a new outlet (default: its id)")
        String name;

        @Option(names = "--content", paramLabel = "SELECTOR", description = "CSS selector of the article body on its page")
        String content;

        @Option(names = "--interval", paramLabel = "DURATION", description = "polling interval, e.g. 30m (default 15m)")
        String interval;

        @Option(names = "--category", paramLabel = "NAME",
            description = "a category (folder) of the outlet, as `opml export` writes it; repeat for several")
        List<String> categories = new ArrayList<>();

        @Override
        public Integer call() {
            System.out.println(feeds.editor().add(outlet, url, name, content, interval, categories));
            return 0;
        }
    }

    @Command(name = "remove", description = {"Remove a feed added with the CLI.",
        "Feeds written in config/newsvault.yaml are removed there, or switched off with `feeds disable`.",
        "An outlet created by the CLI goes away with its last feed; its archive stays.",
        "Exit status: 0 removed, 2 refused (no such outlet or feed, a feed of a hand-written file) or a config that does not load."})
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        FeedsCommand feeds;

        @Parameters(index = "0", paramLabel = "OUTLET", description = "outlet id")
        String outlet;

        @Parameters(index = "1", paramLabel = "URL", description = "feed URL, found also when written differently (scheme, host case, default port)")
        String url;

        @Override
        public Integer call() {
            System.out.println(feeds.editor().remove(outlet, url));
            return 0;
        }
    }

    @Command(name = "enable", description = {"Poll a disabled feed again.",
        "Exit status: 0 enabled (or it already was), 2 refused (no such outlet or feed) or a config that does not load."})
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        FeedsCommand feeds;

        @Parameters(index = "0", paramLabel = "OUTLET", description = "outlet id")
        String outlet;

        @Parameters(index = "1", paramLabel = "URL", description = "feed URL, found also when written differently (scheme, host case, default port)")
        String url;

        @Override
        public Integer call() {
            System.out.println(feeds.editor().setEnabled(outlet, url, true));
            return 0;
        }
    }

    @Command(name = "disable", description = {"Stop polling a feed, keeping it (and its archive) configured.",
        "Exit status: 0 disabled (or it already was), 2 refused (no such outlet or feed) or a config that does not load."})
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        FeedsCommand feeds;

        @Parameters(index = "0", paramLabel = "OUTLET", description = "outlet id")
        String outlet;

        @Parameters(index = "1", paramLabel = "URL", description = "feed URL, found also when written differently (scheme, host case, default port)")
        String url;

        @Override
        public Integer call() {
            System.out.println(feeds.editor().setEnabled(outlet, url, false));
            return 0;
        }
    }
}
