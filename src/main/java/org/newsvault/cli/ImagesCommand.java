package org.newsvault.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.newsvault.Newsvault;
import org.newsvault.images.ImageBackfill;
import org.newsvault.images.ImageFetcher;
import org.newsvault.images.ImageLister;
import org.newsvault.model.ImageState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code newsvault images}: the kept images of archived articles. */
@Command(name = "images", description = {"The images of archived articles (see README \"Images\")."},
    subcommands = {ImagesCommand.Fetch.class})
public final class ImagesCommand implements Runnable {
    @ParentCommand
    NewsvaultCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: fetch");
    }

    @Command(name = "fetch", description = {
        "Fetch the images of archived articles that have none listed: imported ones, and those archived before",
        "images were kept (new articles get theirs by themselves). Outlets with images: false are passed over.",
        "Resumable: run it again after a stop and it goes on where it was. Works while the daemon runs.",
        "On a terminal a progress bar shows the articles done, and the images stored and failed so far.",
        "Exit status: 0 done (images that failed are retried later by the daemon or the next run),",
        "2 bad configuration or usage, " + Interrupt.HELP + "."})
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        ImagesCommand images;

        @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet's articles")
        String outlet;

        @Override
        public Integer call() {
            var settings = images.parent.settings();
            if (outlet != null && settings.outlet(outlet).map(o -> !o.images()).orElse(false)) {
                throw new IllegalArgumentException("outlet '" + outlet + "' has images: false in the config");
            }
            try (Interrupt interrupt = Interrupt.open(); Newsvault nv = Newsvault.open(settings)) {
                if (outlet != null && settings.outlet(outlet).isEmpty() && !nv.outlets.all().containsKey(outlet)) {
                    throw new IllegalArgumentException("no outlet '" + outlet + "' in the config or the archive");
                }
                ImageBackfill backfill = new ImageBackfill(nv.images, nv.originalRows, nv.originals, nv.imageFetcher,
                    new ImageLister(() -> settings), nv.clock);
                ImageBackfill.Result r;
                try (TerminalProgress progress = TerminalProgress.start("images", backfill.count(outlet), "articles")) {
                    AtomicLong stored = new AtomicLong();
                    AtomicLong failed = new AtomicLong();
                    ImageFetcher.Listener counts = (url, state, rows) -> {
                        if (state == ImageState.STORED) stored.addAndGet(rows);
                        else if (state != ImageState.PENDING) failed.addAndGet(rows);
                        progress.message(stored.get() + " images stored, " + failed.get() + " not");
                    };
                    r = backfill.run(outlet, interrupt, n -> {
                        for (long i = 0; i < n; i++) progress.step();
                    }, counts);
                }
                if (interrupt.requested()) {
                    System.out.println(interrupt.what() + ": " + r.line() + "; the rest is fetched by the next run");
                    return interrupt.status();
                }
                System.out.println(r.line());
                return 0;
            }
        }
    }
}
