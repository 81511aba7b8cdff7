package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        Logging.closeFile();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.newsvault").setLevel(Level.INFO);
    }

    @Test
    void logsGoToARollingFileUnderData() throws Exception {
        Path file = Logging.toFile(dir.resolve("data"));
        assertThat(file).isEqualTo(dir.resolve("data/logs/newsvault.log").toAbsolutePath());
        var log = LoggerFactory.getLogger("org.newsvault.poll.Test");
        log.info("rfa https://www.rfa.org/mandarin/rss2.xml: new 3");
        log.debug("not at INFO");
        Logging.verbose(true);
        log.debug("verbose now");
        Logging.closeFile();
        String text = Files.readString(file);
        assertThat(text).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] Test - rfa https://www.rfa.org/mandarin/rss2.xml: new 3\n")
            .contains("DEBUG").contains("verbose now").doesNotContain("not at INFO");
    }
}
