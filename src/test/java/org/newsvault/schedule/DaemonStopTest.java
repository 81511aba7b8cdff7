package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.schedule.DaemonFixture.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.fetch.Frontier;
import org.newsvault.model.FeedState;

/**
 * Stopping a daemon whose polls wait in the fetch frontier: thirty feeds on one host that may be asked once every
 * ten minutes, so at the stop one feed has been fetched and twenty-nine or more requests are queued behind the host's gap,
 * each holding a poll thread. The stop must not wait out those gaps (it would take the whole stop budget and abandon
 * the polls): the queued requests are dropped at once, never sent, and nothing is recorded against their feeds.
 */
class DaemonStopTest {
    static final int FEEDS = 30;
    static final Duration STOP_BUDGET = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    DaemonFixture fx;
    Daemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        fx.close();
    }

    @Test
    void stopDropsRequestsQueuedBehindAHostsGapAndLeavesNoThreads() throws Exception {
        StringBuilder yaml = new StringBuilder()
            .append("data: ").append(dir.resolve("data")).append('\n')
            .append("archive: ").append(dir.resolve("archive")).append('\n')
            .append("http:\n  connect-timeout: 2s\n  read-timeout: 5s\n  call-timeout: 10s\n  retries: 0\n")
            .append("  per-host: 1\n  per-host-gap: 10m\n")
            .append("outlets:\n  - id: test\n    name: 测试台\n    interval: 1h\n    feeds:\n");
        for (int i = 0; i < FEEDS; i++) yaml.append("      - ").append(fx.url("/ok-" + i + ".xml")).append('\n');
        Files.writeString(fx.config, yaml.toString(), StandardCharsets.UTF_8);

        Set<Thread> before = Thread.getAllStackTraces().keySet();
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(150), STOP_BUDGET,
            Duration.ofMillis(200)));
        try {
            // one feed fetched, the others (and that feed's item page, if it wants one) waiting for the host
            await(Duration.ofSeconds(60), () -> queued() >= FEEDS - 1 && fx.server.getRequestCount() == 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + daemon.newsvault().fetcher.hostLoads() + ", requests "
                + fx.hits.keySet());
        }

        // what /metrics shows meanwhile: the host's queue and how long its oldest request has waited
        String metrics = daemon.metrics().text();
        assertThat(metrics).containsPattern("newsvault_host_queue_depth\\{host=\"localhost\"} (29|3\\d)\\.0")
            .containsPattern("newsvault_host_oldest_wait_seconds\\{host=\"localhost\"} [0-9.]+")
            .contains("newsvault_host_requests_total{host=\"localhost\"} 1.0");

        long t0 = System.nanoTime();
        daemon.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // Waiting out the queue would take 29 gaps of ten minutes: half the stop budget, until the requests in
        // flight are cancelled (and, before that fallback, the whole budget, then the polls abandoned).
        assertThat(took).as("stop with 29 requests queued").isLessThan(STOP_BUDGET.dividedBy(4));
        assertThat(fx.server.getRequestCount()).as("queued requests are dropped, never sent").isEqualTo(1);
        assertThat(daemon.newsvault().fetcher.hostLoads()).allSatisfy(l -> {
            assertThat(l.waiting()).as(l.host()).isZero();
            assertThat(l.inFlight()).as(l.host()).isZero();
        });
        await(Duration.ofSeconds(5), () -> started(before).isEmpty());
        assertThat(started(before)).as("threads the daemon started").isEmpty();

        try (Newsvault nv = Newsvault.open(fx.settings())) { // the data directory was released
            int polled = 0;
            for (int i = 0; i < FEEDS; i++) {
                FeedState s = nv.feeds.ensure("test", fx.url("/ok-" + i + ".xml"));
                if (s.lastPollAt() != null) { // the one fetched (its item's page, if it wanted one, was dropped)
                    polled++;
                } else {
                    // not polled because of the stop: no error, no backoff, polled right at the next start
                    assertThat(s.errorCount()).as(s.url()).isZero();
                    assertThat(s.lastError()).as(s.url()).isNull();
                }
            }
            assertThat(polled).isEqualTo(1);
        }
    }

    private int queued() {
        return daemon.newsvault().fetcher.hostLoads().stream().mapToInt(Frontier.HostLoad::waiting).sum();
    }

    /** Live threads of ours (nv-*: fetch, poll, entry, feed, re-check, ...) that were not there before the start. */
    private static List<String> started(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("nv-"))
            .map(Thread::getName).sorted().collect(Collectors.toList());
    }
}
