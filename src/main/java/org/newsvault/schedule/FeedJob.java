package org.newsvault.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed, then the feed's next poll: its one-shot trigger is moved to the time the poll
 * recorded as {@code next_check_at} (the interval with jitter after a success, the backoff after a failure).
 * Never concurrent with itself, so a poll that overruns delays the next one instead of stacking up.
 */
@DisallowConcurrentExecution
final class FeedJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(FeedJob.class);

    /** What a fired job does; returns when to poll the feed next, or null when it is no longer scheduled. */
    interface Poll {
        Instant poll(FeedKey feed);
    }

    private final FeedScheduler scheduler;
    private final Poll poll;

    FeedJob(FeedScheduler scheduler, Poll poll) {
        this.scheduler = scheduler;
        this.poll = poll;
    }

    @Override
    public void execute(JobExecutionContext context) {
        FeedKey feed = FeedKey.of(context.getJobDetail().getKey());
        Instant next = null;
        try {
            next = poll.poll(feed);
        } catch (RuntimeException e) {
            // The refresher records feed failures itself; this is the store or a bug. Try again later.
            log.error("outlet={} feed_url={} poll failed: {}", feed.outletId(), feed.url(), e.toString());
            next = scheduler.retryAfterError(feed);
        } finally {
            if (next != null) scheduler.moveTo(feed, next);
        }
    }
}
