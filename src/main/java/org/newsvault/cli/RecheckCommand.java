package org.newsvault.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
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
    "On a terminal a progress bar shows the articles checked, changed, gone and failed so far.",
    "Ctrl-C or SIGTERM stops it: the checks under way finish and are recorded, the others are left as they were.",
    "Exit status: 0 done, 1 some articles could not be checked for a reason other than the network,",
    "2 bad configuration or usage, " + Interrupt.HELP + "."})
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
        try (Interrupt interrupt = Interrupt.open(); Newsvault nv = Newsvault.open(settings)) {
            if (outlet != null && settings.outlet(outlet).isEmpty() && !nv.outlets.all().containsKey(outlet)) {
                throw new IllegalArgumentException("no outlet '" + outlet + "' in the config or the archive");
            }
            Rechecker rechecker = Rechecker.of(nv);
            RecheckSummary s;
            try (TerminalProgress progress = TerminalProgress.start("recheck", rechecker.count(outlet, all), "articles")) {
                Consumer<CheckResult> onArticle = new Counts(progress);
                s = all ? rechecker.runAll(outlet, onArticle, interrupt) : rechecker.runAllDue(outlet, onArticle, interrupt);
            }
            if (interrupt.requested()) {
                System.out.println(interrupt.what() + ": " + s.line() + "; the articles not reached are left for the next pass");
                return interrupt.status();
            }
            System.out.println(s.line());
            return s.errors() > 0 ? 1 : 0;
        }
    }

    /** Prints the articles that changed and keeps the bar's counts; results come from one thread at a time. */
    static final class Counts implements Consumer<CheckResult> {
        private final TerminalProgress progress;
        /** checked, changed (edited), gone (deleted or missing), failed (unreachable or error) */
        private final AtomicIntegerArray n = new AtomicIntegerArray(4);

        Counts(TerminalProgress progress) {
            this.progress = progress;
        }

        @Override
        public void accept(CheckResult r) {
            if (r.outcome() != CheckResult.Outcome.UNCHANGED || r.statusChanged()) progress.printOut(r.line());
            n.incrementAndGet(0);
            switch (r.outcome()) {
                case EDITED -> n.incrementAndGet(1);
                case DELETED, MISSING -> n.incrementAndGet(2);
                case UNREACHABLE, ERROR -> n.incrementAndGet(3);
                default -> { }
            }
            progress.message(n.get(1) + " changed, " + n.get(2) + " gone, " + n.get(3) + " failed");
            progress.step();
        }
    }
}
