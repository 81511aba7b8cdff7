package org.newsvault.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, in memory (RAMJobStore: the feeds' state lives in H2 already). Each enabled feed is one job with
 * one one-shot trigger; after every poll the job moves its trigger to the feed's {@code next_check_at}, so
 * the database decides when a feed is polled next: interval with jitter, or backoff. A feed is therefore
 * never polled twice at once and overruns never pile up.
 */
final class FeedScheduler {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What reconcile changed. */
    record Changes(int added, int removed, int rescheduled) {
        boolean any() {
            return added + removed + rescheduled > 0;
        }
    }

    private final Scheduler quartz;
    private final FeedJob.Poll poll;
    private final Map<FeedKey, Duration> intervals = new ConcurrentHashMap<>();
    private Thread stopper;

    FeedScheduler(int threads, FeedJob.Poll poll) {
        this.poll = poll;
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "newsvault-" + INSTANCES.incrementAndGet());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        // A trigger late by more than this (threads all busy) fires once as soon as a thread is free.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "nv-poll");
        // Abandoned polls must not keep the JVM alive after a bounded shutdown.
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        try {
            this.quartz = new StdSchedulerFactory(p).getScheduler();
            quartz.setJobFactory((bundle, s) -> new FeedJob(this, poll));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    void start() {
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    boolean running() {
        try {
            return quartz.isStarted() && !quartz.isShutdown() && !quartz.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Makes the scheduled jobs match {@code wanted} (feed → interval): new feeds are scheduled at
     * {@code firstPoll}, gone ones deleted (a poll already running finishes, then is not rescheduled), and a
     * feed whose interval changed is polled no later than one new interval from now.
     */
    synchronized Changes reconcile(Map<FeedKey, Duration> wanted, BiFunction<FeedKey, Duration, Instant> firstPoll) {
        int added = 0, removed = 0, rescheduled = 0;
        try {
            for (JobKey k : quartz.getJobKeys(GroupMatcher.anyJobGroup())) {
                FeedKey f = FeedKey.of(k);
                if (!wanted.containsKey(f)) {
                    quartz.deleteJob(k);
                    intervals.remove(f);
                    removed++;
                }
            }
            for (var e : wanted.entrySet()) {
                FeedKey f = e.getKey();
                Duration interval = e.getValue();
                if (!quartz.checkExists(f.job())) {
                    quartz.scheduleJob(JobBuilder.newJob(FeedJob.class).withIdentity(f.job()).build(),
                        trigger(f, firstPoll.apply(f, interval)));
                    intervals.put(f, interval);
                    added++;
                } else if (!interval.equals(intervals.put(f, interval))) {
                    Instant soonest = Instant.now().plus(interval);
                    Optional<Instant> next = nextPoll(f);
                    if (next.isPresent() && next.get().isAfter(soonest)) moveTo(f, soonest);
                    rescheduled++;
                }
            }
        } catch (SchedulerException e) {
            log.error("scheduler: {}", e.getMessage());
        }
        return new Changes(added, removed, rescheduled);
    }

    /** Moves the feed's next poll; a feed removed meanwhile stays removed (its trigger is gone). */
    void moveTo(FeedKey feed, Instant at) {
        try {
            quartz.rescheduleJob(feed.trigger(), trigger(feed, at));
        } catch (SchedulerException e) {
            log.debug("cannot reschedule {}: {}", feed, e.getMessage());
        }
    }

    /** After a poll that threw instead of reporting: try again after one step of backoff. */
    Instant retryAfterError(FeedKey feed) {
        Duration interval = intervals.getOrDefault(feed, Duration.ofMinutes(15));
        return Instant.now().plus(NextCheck.backoff(interval, 1, null));
    }

    Optional<Instant> nextPoll(FeedKey feed) {
        try {
            Trigger t = quartz.getTrigger(feed.trigger());
            return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    Map<FeedKey, Duration> scheduled() {
        return new HashMap<>(intervals);
    }

    int executing() {
        try {
            return quartz.getCurrentlyExecutingJobs().size();
        } catch (SchedulerException e) {
            return 0;
        }
    }

    /**
     * Stops firing and waits up to {@code bound} for running polls to finish; called again, waits again for the
     * same shutdown. Polls are never interrupted: an interrupt inside H2 closes its file channel and breaks the store.
     *
     * @return true when every poll finished in time
     */
    boolean shutdown(Duration bound) {
        Thread t;
        synchronized (this) {
            // one shutdown, waited for as often as the caller likes (Quartz ignores a second shutdown call)
            if (stopper == null) {
                stopper = new Thread(() -> {
                    try {
                        quartz.shutdown(true);
                    } catch (SchedulerException e) {
                        log.warn("scheduler shutdown: {}", e.getMessage());
                    }
                }, "nv-scheduler-stop");
                stopper.setDaemon(true);
                stopper.start();
            }
            t = stopper;
        }
        try {
            t.join(Math.max(1, bound.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static Trigger trigger(FeedKey f, Instant at) {
        return TriggerBuilder.newTrigger().withIdentity(f.trigger()).forJob(f.job()).startAt(Date.from(at))
            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
    }
}
