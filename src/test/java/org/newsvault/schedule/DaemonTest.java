package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.schedule.DaemonFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.model.FeedState;

/** The daemon in-process against MockWebServer, with 1s intervals. */
class DaemonTest {
    static final Daemon.Options FAST = new Daemon.Options(Duration.ofMillis(150), Duration.ofSeconds(9), Duration.ofMillis(200));

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

    FeedState state(String path) {
        return daemon.newsvault().feeds.ensure("test", fx.url(path));
    }

    @Test
    void pollsRightAtStartThenEveryInterval() throws Exception {
        fx.writeConfig("1s", "/ok-a.xml", "/ok-b.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        long started = System.nanoTime(); // opening the store (migrations, recovery) is not part of the schedule
        await(Duration.ofSeconds(2), () -> fx.count("/ok-a.xml") >= 1 && fx.count("/ok-b.xml") >= 1);
        long first = fx.hits.get("/ok-a.xml").get(0);
        assertThat(Duration.ofNanos(first - started)).isLessThan(Duration.ofMillis(600));
        await(Duration.ofSeconds(3), () -> fx.count("/ok-a.xml") >= 2);
        long second = fx.hits.get("/ok-a.xml").get(1);
        assertThat(Duration.ofNanos(second - first)).isBetween(Duration.ofMillis(800), Duration.ofMillis(2000));
        assertThat(daemon.health().ok()).isTrue();
        // each poll ends by moving the feed's trigger to its next time
        await(Duration.ofSeconds(2), () -> daemon.nextPoll("test", fx.url("/ok-a.xml")).isPresent());
        assertThat(daemon.newsvault().articles.count()).isEqualTo(2);
    }

    @Test
    void aSlowFeedIsNeverPolledTwiceAtOnce() throws Exception {
        fx.slowDelay = Duration.ofMillis(1200);
        fx.writeConfig("1s", "/slow.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        await(Duration.ofSeconds(2), () -> fx.count("/slow.xml") == 1);
        Thread.sleep(3000);
        List<Long> hits = List.copyOf(fx.hits.get("/slow.xml"));
        // poll (1.2s) + interval (~1s) per round: two polls, where a fixed-rate timer would have fired three or four times
        assertThat(hits).hasSizeBetween(2, 3);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(Duration.ofNanos(hits.get(i) - hits.get(i - 1))).isGreaterThan(Duration.ofMillis(1200 + 800));
        }
    }

    @Test
    void aFailingFeedBacksOffAndTheSchedulerFollowsNextCheckAt() throws Exception {
        fx.writeConfig("1s", "/ok-flaky.xml");
        fx.failing = true;
        daemon = Daemon.start(fx.settings(), FAST);
        await(Duration.ofSeconds(2), () -> state("/ok-flaky.xml").errorCount() == 1);
        FeedState s = state("/ok-flaky.xml");
        assertThat(s.lastError()).contains("500");
        assertThat(Duration.between(s.lastPollAt(), s.nextCheckAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        await(Duration.ofSeconds(2), () -> daemon.nextPoll("test", fx.url("/ok-flaky.xml")).isPresent());
        Instant scheduled = daemon.nextPoll("test", fx.url("/ok-flaky.xml")).orElseThrow();
        assertThat(Duration.between(scheduled, s.nextCheckAt()).abs()).isLessThan(Duration.ofMillis(5));
        Thread.sleep(1500);
        assertThat(fx.count("/ok-flaky.xml")).as("no poll during the backoff").isEqualTo(1);

        var outlet = daemon.settings().outlet("test").orElseThrow();
        Duration previous = Duration.between(s.lastPollAt(), s.nextCheckAt());
        for (int i = 2; i <= 4; i++) {
            daemon.newsvault().refresher.refresh(outlet, outlet.feeds().get(0));
            FeedState f = state("/ok-flaky.xml");
            Duration backoff = Duration.between(f.lastPollAt(), f.nextCheckAt());
            assertThat(f.errorCount()).isEqualTo(i);
            assertThat(backoff).isGreaterThanOrEqualTo(previous);
            previous = backoff;
        }
        assertThat(previous).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
        fx.failing = false;
        daemon.newsvault().refresher.refresh(outlet, outlet.feeds().get(0));
        FeedState ok = state("/ok-flaky.xml");
        assertThat(ok.errorCount()).isZero();
        assertThat(ok.lastError()).isNull();
        assertThat(Duration.between(ok.lastPollAt(), ok.nextCheckAt())).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
    }

    @Test
    void stopsWithinTenSecondsAndReleasesTheDataDirectory() throws Exception {
        fx.slowDelay = Duration.ofMillis(2000);
        fx.writeConfig("1s", "/ok-a.xml", "/slow.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        await(Duration.ofSeconds(2), () -> fx.count("/slow.xml") == 1 && fx.count("/ok-a.xml") >= 1);
        long t0 = System.nanoTime();
        daemon.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(daemon.isStopped()).isTrue();
        assertThat(daemon.health().ok()).isFalse();
        try (Newsvault nv = Newsvault.open(fx.settings())) {
            // the slow poll in flight at stop was finished, not cut off
            assertThat(nv.feeds.ensure("test", fx.url("/slow.xml")).lastResult()).isEqualTo("new");
        }
        daemon.stop(); // idempotent
    }

    @Test
    void aSecondInstanceOnTheSameDataIsRefused() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        assertThatThrownBy(() -> Daemon.start(fx.settings(), FAST))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another newsvault process")
            .hasMessageContaining("stop it first");
        assertThat(daemon.health().ok()).isTrue();
    }

    @Test
    void rechecksDueArticlesInTheBackground() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(150), Duration.ofSeconds(9),
            Duration.ofMillis(50), Duration.ofMillis(200)));
        await(Duration.ofSeconds(3), () -> daemon.newsvault().articles.count() == 1);
        Object checked = daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement()) {
                st.execute("UPDATE article SET next_recheck_at = DATEADD(MINUTE, -1, CURRENT_TIMESTAMP)");
            }
            return null;
        });
        assertThat(checked).isNull();
        await(Duration.ofSeconds(3), () -> daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT last_checked_at FROM article")) {
                rs.next();
                return rs.getObject(1) != null;
            }
        }));
        assertThat(fx.count("/a/okaxml")).isPositive();
        await(Duration.ofSeconds(2), () -> daemon.metrics().text().contains("newsvault_rechecks_total{result=\"unchanged\"} 1.0"));
    }

    @Test
    void configChangesApplyWithoutRestart() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        await(Duration.ofSeconds(2), () -> fx.count("/ok-a.xml") == 1);

        fx.writeConfig("1h", "/ok-b.xml");
        await(Duration.ofSeconds(3), () -> fx.count("/ok-b.xml") == 1 && daemon.nextPoll("test", fx.url("/ok-b.xml")).isPresent());
        await(Duration.ofSeconds(1), () -> daemon.nextPoll("test", fx.url("/ok-a.xml")).isEmpty());
        assertThat(daemon.settings().outlet("test").orElseThrow().feeds()).hasSize(1);

        String good = Files.readString(fx.config);
        Files.writeString(fx.config, good + "  - id: BAD\n");
        assertThat(daemon.reload()).isFalse();
        assertThat(daemon.settings().outlet("test")).isPresent();
        assertThat(daemon.nextPoll("test", fx.url("/ok-b.xml"))).isPresent();

        fx.writeConfig("1s", "/ok-b.xml");
        assertThat(daemon.reload()).isTrue();
        // interval shortened from 1h: the next poll moves up to within the new interval
        assertThat(daemon.nextPoll("test", fx.url("/ok-b.xml")).orElseThrow()).isBefore(Instant.now().plusSeconds(2));
        await(Duration.ofSeconds(3), () -> fx.count("/ok-b.xml") >= 2);
    }

    @Test
    void anEmptyOrOutletlessConfigIsRefusedOnReloadAndEveryFeedStaysScheduled() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml", "/ok-b.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        // both first polls done (1h interval: no other poll runs during the test), both rescheduled
        await(Duration.ofSeconds(3), () -> fx.count("/ok-a.xml") == 1 && fx.count("/ok-b.xml") == 1
            && daemon.nextPoll("test", fx.url("/ok-a.xml")).isPresent() && daemon.nextPoll("test", fx.url("/ok-b.xml")).isPresent());
        String good = Files.readString(fx.config);

        for (String bad : List.of("", "# emptied by a failed deploy\n", "data: " + dir.resolve("data") + "\noutlets: []\n")) {
            Files.writeString(fx.config, bad);
            assertThat(daemon.reload()).as("reload of %s", bad).isFalse();
            assertThat(daemon.settings().outlet("test")).isPresent();
            assertThat(daemon.nextPoll("test", fx.url("/ok-a.xml"))).isPresent();
            assertThat(daemon.nextPoll("test", fx.url("/ok-b.xml"))).isPresent();
        }
        // the watcher sees the same bad file and keeps the running config too
        Thread.sleep(500);
        assertThat(daemon.nextPoll("test", fx.url("/ok-a.xml"))).isPresent();

        Files.writeString(fx.config, good.replace("- " + fx.url("/ok-b.xml"), "- {url: " + fx.url("/ok-b.xml") + ", enabled: false}"));
        assertThat(daemon.reload()).isTrue();
        assertThat(daemon.nextPoll("test", fx.url("/ok-b.xml"))).isEmpty();
        assertThat(daemon.nextPoll("test", fx.url("/ok-a.xml"))).isPresent();
    }

    @Test
    void healthNamesADeletedDatabaseFileAndItsPollsFail() throws Exception {
        fx.writeConfig("1s", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        await(Duration.ofSeconds(2), () -> fx.count("/ok-a.xml") >= 1);
        assertThat(daemon.health().ok()).isTrue();

        Path db = dir.resolve("data").resolve("newsvault.mv.db");
        Files.delete(db);

        var h = daemon.health();
        assertThat(h.ok()).isFalse();
        assertThat(h.databaseWritable()).isFalse();
        assertThat(h.reasons()).containsExactly("database file " + db + " was deleted or replaced");
        assertThat(h.json()).contains("\"database\":\"not writable\"", "was deleted or replaced");
        assertThatThrownBy(() -> daemon.newsvault().outlets.upsert("other", "Other"))
            .hasMessageContaining("was deleted or replaced");
    }

    @Test
    void healthNamesAnArchiveDirectoryThatTakesNoFiles() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), FAST);
        assertThat(daemon.health().ok()).isTrue();
        Path archive = dir.resolve("archive");
        if (Files.exists(archive)) Files.move(archive, dir.resolve("archive-moved"));
        Files.writeString(archive, "a file where the archive directory was");

        var h = daemon.health();
        assertThat(h.ok()).isFalse();
        assertThat(h.databaseWritable()).isTrue();
        assertThat(h.reasons()).singleElement().asString().startsWith("archive directory " + archive + " is not writable: ");
    }
}
