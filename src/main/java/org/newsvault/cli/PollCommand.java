package org.newsvault.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.images.ImageSummary;
import org.newsvault.poll.FeedReport;
import org.newsvault.poll.PollRun;
import org.slf4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault poll}: every configured feed once, one line per feed, a total, then exit. */
@Command(name = "poll", description = {"Poll every configured feed once and archive what is new; the lines also go to <data>/logs/newsvault.log.",
    "On a terminal a progress bar shows the feeds done so far.",
    "Then the new articles' images are fetched (and any due for a retry), unless --no-images.",
    "Exit status: 0 all feeds ok, 1 at least one feed failed (everything else was still archived),",
    "2 bad configuration or usage."})
public final class PollCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet")
    String outlet;

    @Option(names = "--no-images", description = "do not fetch the new articles' images now (the daemon or the next"
        + " poll fetches them)")
    boolean noImages;

    @Override
    public Integer call() {
        var settings = parent.pollSettings();
        var outlets = outlet == null ? settings.outlets()
            : List.of(settings.outlet(outlet).orElseThrow(() -> new IllegalArgumentException("no outlet '" + outlet + "' in the config")));
        try (Newsvault nv = Newsvault.openAlone(settings, java.time.Clock.systemUTC())) {
            // After open: a poll refused because the daemon holds the data must not attach to the daemon's log file.
            Logging.toFile(settings.data());
            Logger log = Logging.fileOnly(PollCommand.class);
            long feeds = outlets.stream().flatMap(o -> o.feeds().stream()).filter(f -> f.enabled()).count();
            List<FeedReport> reports;
            try (TerminalProgress progress = TerminalProgress.start("poll", feeds, "feeds")) {
                reports = PollRun.pollAll(outlets, nv.refresher, nv.feedPool, r -> {
                    progress.printOut(r.line());
                    progress.step();
                    log.info("{}", r.line());
                });
            }
            int failed = (int) reports.stream().filter(r -> r.result() == FeedReport.Result.FAILED).count();
            int archived = reports.stream().mapToInt(FeedReport::archived).sum();
            int dup = reports.stream().mapToInt(FeedReport::duplicates).sum();
            System.out.printf("total: %d feeds, %d new articles, %d duplicates, %d feeds failed%n",
                reports.size(), archived, dup, failed);
            log.info("poll total: {} feeds, {} new articles, {} duplicates, {} feeds failed", reports.size(), archived, dup, failed);
            if (!noImages) {
                // The new articles' images, before exiting: a one-shot poll leaves nothing half-kept for a daemon that may
                // never run. Their requests queued behind nothing else now; failures are retried by the next poll or run.
                ImageSummary images;
                try (TerminalProgress progress = TerminalProgress.start("images", nv.images.countDue(nv.clock.instant()),
                    "images")) {
                    images = nv.imageFetcher.fetchAllDue(() -> false, (url, state, rows) -> {
                        for (int i = 0; i < rows; i++) progress.step();
                    });
                }
                if (images.rows() > 0) {
                    System.out.println("images: " + images.line());
                    log.info("poll images: {}", images.line());
                }
            }
            return failed > 0 ? 1 : 0;
        } finally {
            Logging.closeFile();
        }
    }
}
