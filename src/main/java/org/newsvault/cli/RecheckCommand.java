package org.newsvault.cli;

import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.watch.CheckResult;
import org.newsvault.watch.RecheckSummary;
import org.newsvault.watch.Rechecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault recheck}: one re-check pass now, a line per article that changed, then a summary. */
@Command(name = "recheck", description = {"Check archived articles again now for edits and deletions.",
    "By default the articles that are due on the re-check schedule; --all checks every article.",
    "Exit status: 0 done, 1 some articles could not be checked for a reason other than the network,",
    "2 bad configuration or usage."})
public final class RecheckCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet's articles")
    String outlet;

    @Option(names = "--all", description = "every article, whatever its schedule (imported ones too)")
    boolean all;

    @Override
    public Integer call() {
        var settings = parent.settings();
        try (Newsvault nv = Newsvault.open(settings)) {
            if (outlet != null && settings.outlet(outlet).isEmpty() && !nv.outlets.all().containsKey(outlet)) {
                throw new IllegalArgumentException("no outlet '" + outlet + "' in the config or the archive");
            }
            Rechecker rechecker = Rechecker.of(nv);
            java.util.function.Consumer<CheckResult> print = r -> {
                if (r.outcome() != CheckResult.Outcome.UNCHANGED || r.statusChanged()) System.out.println(r.line());
            };
            RecheckSummary s = all ? rechecker.runAll(outlet, print) : rechecker.runAllDue(outlet, print);
            System.out.println(s.line());
            return s.errors() > 0 ? 1 : 0;
        }
    }
}
