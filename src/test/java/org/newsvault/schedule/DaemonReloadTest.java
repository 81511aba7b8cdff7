package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.schedule.DaemonFixture.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload reaches the background re-checks: outlet rules and {@code watch.enabled} as now configured. */
class DaemonReloadTest {
    /** Re-check passes every 200 ms. */
    static final Daemon.Options OPTIONS = new Daemon.Options(Duration.ofMillis(150), Duration.ofSeconds(9),
        Duration.ofMillis(50), Duration.ofMillis(200));

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

    /** The fixture's config, with {@code outletExtra} added to outlet {@code test} and {@code top} at the end. */
    private void writeConfig(String outletExtra, String top) throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        String base = Files.readString(fx.config, StandardCharsets.UTF_8);
        Files.writeString(fx.config, base + outletExtra + top, StandardCharsets.UTF_8);
    }

    private void makeDue() {
        daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement()) {
                st.execute("UPDATE article SET next_recheck_at = DATEADD(MINUTE, -1, CURRENT_TIMESTAMP)");
            }
            return null;
        });
    }

    private java.sql.Timestamp lastChecked() {
        return daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT last_checked_at FROM article")) {
                rs.next();
                return rs.getTimestamp(1);
            }
        });
    }

    @Test
    void aReloadedOutletsRemoveRuleIsUsedByTheNextRecheck() throws Exception {
        writeConfig("", "");
        daemon = Daemon.start(fx.settings(), OPTIONS);
        await(Duration.ofSeconds(3), () -> daemon.newsvault().articles.count() == 1);
        makeDue();
        // with the rules it started with, the page reads as the archived article
        await(Duration.ofSeconds(3), () -> daemon.metrics().text().contains("newsvault_rechecks_total{result=\"unchanged\"} 1.0"));

        // every paragraph of the page removed: the same page now reads as having lost its text
        writeConfig("    remove: [\"article p\"]\n", "");
        assertThat(daemon.reload()).isTrue();
        assertThat(daemon.settings().outlet("test").orElseThrow().remove()).containsExactly("article p");
        int pageHits = fx.count("/a/okaxml");
        makeDue();
        // the same page, read with the new rule, has no text left: a miss (deleted once confirmed)
        await(Duration.ofSeconds(3), () -> daemon.metrics().text()
            .contains("newsvault_rechecks_total{result=\"awaiting_confirmation\"} 1.0"));
        assertThat(fx.count("/a/okaxml")).isGreaterThan(pageHits);
        assertThat(daemon.metrics().text()).contains("newsvault_rechecks_total{result=\"unchanged\"} 1.0");
    }

    @Test
    void watchEnabledFalseOnReloadStopsTheRechecksAndTrueStartsThemAgain() throws Exception {
        writeConfig("", "");
        daemon = Daemon.start(fx.settings(), OPTIONS);
        await(Duration.ofSeconds(3), () -> daemon.newsvault().articles.count() == 1);

        writeConfig("", "watch:\n  enabled: false\n");
        assertThat(daemon.reload()).isTrue();
        assertThat(daemon.settings().watch().enabled()).isFalse();
        makeDue();
        int pageHits = fx.count("/a/okaxml");
        Thread.sleep(1000); // five re-check periods
        assertThat(lastChecked()).as("no re-check while watch.enabled is false").isNull();
        assertThat(fx.count("/a/okaxml")).isEqualTo(pageHits);

        writeConfig("", "watch:\n  enabled: true\n");
        assertThat(daemon.reload()).isTrue();
        await(Duration.ofSeconds(3), () -> lastChecked() != null);
        assertThat(fx.count("/a/okaxml")).isGreaterThan(pageHits);
    }
}
