package org.newsvault.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;

/** Polls every enabled feed of the given outlets once, in parallel, reporting each feed as it finishes. */
public final class PollRun {
    private PollRun() {}

    public static List<FeedReport> pollAll(List<OutletConfig> outlets, FeedRefresher refresher, ExecutorService pool,
                                           Consumer<FeedReport> onFeed) {
        List<Future<FeedReport>> futures = new ArrayList<>();
        for (OutletConfig o : outlets) {
            for (FeedConfig f : o.feeds()) {
                if (f.enabled()) futures.add(pool.submit(() -> refresher.refresh(o, f)));
            }
        }
        List<FeedReport> reports = new ArrayList<>();
        for (Future<FeedReport> f : futures) {
            try {
                FeedReport r = f.get();
                onFeed.accept(r);
                reports.add(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException("poll: " + e.getCause(), e.getCause());
            }
        }
        return reports;
    }
}
