package org.newsvault.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;

/**
 * Polls every enabled feed of the given outlets once, all at once (each host served as fast as its politeness
 * allows, by the fetcher's frontier), reporting the feeds in order as they finish.
 */
public final class PollRun {
    private PollRun() {}

    public static List<FeedReport> pollAll(List<OutletConfig> outlets, FeedRefresher refresher, ExecutorService pool,
                                           Consumer<FeedReport> onFeed) {
        List<Future<FeedReport>> futures = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        for (OutletConfig o : outlets) {
            for (FeedConfig f : o.feeds()) {
                if (f.enabled()) {
                    // the pool only starts each feed; its requests wait in the fetcher's frontier, holding no thread
                    futures.add(CompletableFuture.supplyAsync(() -> refresher.refreshAsync(o, f), pool)
                        .thenCompose(r -> r));
                    keys.add(new String[] {o.id(), f.url()});
                }
            }
        }
        List<FeedReport> reports = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            FeedReport r;
            try {
                r = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // refresh() does not throw; an Error still fails this feed alone, the others are reported
                Throwable t = e.getCause();
                r = new FeedReport(keys.get(i)[0], keys.get(i)[1], FeedReport.Result.FAILED, 0, 0, 0, false, 0,
                    List.of(), FeedRefresher.internalError(t),
                    Duration.ZERO, 0);
            }
            onFeed.accept(r);
            reports.add(r);
        }
        return reports;
    }
}
