package org.newsvault.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging set up at run time (logback.xml only has the stderr appender): {@code --verbose} turns
 * {@code org.newsvault} to DEBUG, and the daemon adds {@code data/logs/newsvault.log}, rolled daily and at
 * {@value #MAX_FILE}, gzipped, kept {@value #KEEP_DAYS} days and at most {@value #TOTAL_CAP} in all.
 */
final class Logging {
    static final String FILE_APPENDER = "FILE";
    static final String MAX_FILE = "10MB";
    static final int KEEP_DAYS = 14;
    static final String TOTAL_CAP = "100MB";

    private Logging() {}

    static void verbose(boolean on) {
        if (on && LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger("org.newsvault").setLevel(Level.DEBUG);
        }
    }

    /** Adds the rolling log file under {@code dataDir/logs}; returns the file, or null when logback is absent. */
    static Path toFile(Path dataDir) {
        return toFile(dataDir, null);
    }

    /**
     * With several nodes sharing the data directory, each logs to its own file: {@code newsvault-<node>.log}
     * ({@code node} null: {@code newsvault.log}).
     */
    static Path toFile(Path dataDir, String node) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return null;
        var root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        Path dir = dataDir.resolve("logs").toAbsolutePath();
        String base = node == null ? "newsvault" : "newsvault-" + node;
        Path file = dir.resolve(base + ".log");
        if (root.getAppender(FILE_APPENDER) != null) root.detachAppender(FILE_APPENDER);

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve(base + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(MAX_FILE));
        policy.setMaxHistory(KEEP_DAYS);
        policy.setTotalSizeCap(FileSize.valueOf(TOTAL_CAP));
        policy.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }

    /**
     * A logger that writes to the log file only, not to stderr: for lines a command already prints on stdout
     * (poll's one line per feed), so the terminal does not show them twice while the file still gets them.
     */
    static Logger fileOnly(Class<?> owner) {
        Logger log = LoggerFactory.getLogger(owner);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            var logger = ctx.getLogger(owner);
            var file = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(FILE_APPENDER);
            logger.detachAppender(FILE_APPENDER);
            logger.setAdditive(file == null);
            if (file != null) logger.addAppender(file);
        }
        return log;
    }

    /** Detaches and closes the log file (tests, and a daemon stopped in-process). */
    static void closeFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            var root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            var a = root.getAppender(FILE_APPENDER);
            if (a != null) {
                root.detachAppender(a);
                for (var l : ctx.getLoggerList()) {
                    if (l.detachAppender(a)) l.setAdditive(true);
                }
                a.stop();
            }
        }
    }
}
