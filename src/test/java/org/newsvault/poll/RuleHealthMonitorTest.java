package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.config.ExtractionSettings;
import org.newsvault.extract.Extraction;
import org.newsvault.store.Database;
import org.newsvault.store.ExtractionOutcomes;
import org.slf4j.LoggerFactory;

class RuleHealthMonitorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T14:02:00Z"), ZoneOffset.UTC);
    @TempDir Path data;
    final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(RuleHealthMonitor.class);

    @BeforeEach
    void listen() {
        seen.start();
        logger.addAppender(seen);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(seen);
    }

    @Test
    void turnsStaleOnceKeepsItAcrossAFreshMonitorAndRecoversOnce() {
        try (Database db = Database.open(data)) {
            var store = new ExtractionOutcomes(db);
            var settings = new ExtractionSettings(10, 0.5);
            var m = new RuleHealthMonitor(store, () -> settings, CLOCK);
            for (int i = 0; i < 10; i++) m.record("cdt", "https://cdt.example/" + i, Extraction.SELECTOR_MATCHED);
            for (int i = 0; i < 8; i++) m.record("cdt", "https://cdt.example/b" + i, Extraction.SELECTOR_MISSED);
            assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "outlet=cdt extraction rules look stale since 2026-11-30 14:02 UTC (6 of last 10 pages: selector matched"
                    + " nothing): its pages may have changed markup");
            assertThat(store.kept().get("cdt").staleSince()).isEqualTo(CLOCK.instant());
            // A restart: the kept verdict is read, not announced again.
            var again = new RuleHealthMonitor(store, () -> settings, CLOCK);
            again.record("cdt", "https://cdt.example/b9", Extraction.GENERIC_SHORT);
            assertThat(seen.list).hasSize(1);
            for (int i = 0; i < 10; i++) again.record("cdt", "https://cdt.example/g" + i, Extraction.SELECTOR_MATCHED);
            assertThat(seen.list).hasSize(2);
            assertThat(seen.list.get(1).getLevel().toString()).isEqualTo("INFO");
            assertThat(seen.list.get(1).getFormattedMessage()).startsWith("outlet=cdt extraction rules healthy again");
            assertThat(store.kept().get("cdt").staleSince()).isNull();
            assertThat(again.counts().get("cdt")).containsEntry(Extraction.SELECTOR_MATCHED, 10L)
                .containsEntry(Extraction.GENERIC_SHORT, 1L);
            assertThat(RuleHealthMonitor.verdicts(store, settings, CLOCK).get("cdt").stale()).isFalse();
        }
    }

    @Test
    void aStoreThatFailsCostsOneLineNotThePoll() {
        Database db = Database.open(data);
        var m = new RuleHealthMonitor(new ExtractionOutcomes(db), () -> ExtractionSettings.DEFAULTS, CLOCK);
        db.close();
        assertThatCode(() -> m.record("cdt", "https://cdt.example/1", Extraction.SELECTOR_MISSED)).doesNotThrowAnyException();
        assertThat(seen.list).hasSize(1);
        assertThat(seen.list.get(0).getLevel().toString()).isEqualTo("WARN");
        assertThat(seen.list.get(0).getFormattedMessage()).startsWith("outlet=cdt rule health: cannot record page"
            + " https://cdt.example/1: ");
    }
}
