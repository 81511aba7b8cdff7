package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;

/** {@code newsvault compact}, and {@code poll}/{@code run} refusing a config without outlets. */
class CompactCommandTest {
    record Run(int code, String out, String err) {}

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
        Logging.closeFile();
    }

    Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--config";
            all[1] = fx.config.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return new Run(NewsvaultCommand.execute(all), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void compactPrintsTheSizesAndKeepsTheArticles() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml", "/ok-b.xml");
        assertThat(run("poll").code()).isZero();
        Path db = dir.resolve("data").resolve("newsvault.mv.db");

        Run r = run("compact");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("compact: " + java.util.regex.Pattern.quote(db.toString())
            + " from [0-9,.]+ (KB|MB) to [0-9,.]+ (KB|MB) \\((nothing to reclaim|[0-9.]+x smaller)\\)\n");
        assertThat(run("status").out()).contains("2 articles");
        assertThat(run("compact", "--defrag").code()).isZero();
        assertThat(Files.size(db)).isPositive();
    }

    @Test
    void compactIsRefusedWhileTheDaemonRuns() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(100), Duration.ofSeconds(9), Duration.ofMillis(50)));

        Run r = run("compact");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("another newsvault process", "stop it first");
    }

    @Test
    void compactWithoutADatabaseSaysSo() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        Run r = run("compact");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no newsvault database in");
    }

    @Test
    void pollAndRunRefuseAConfigWithoutOutlets() throws Exception {
        Files.writeString(fx.config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\noutlets: []\n");
        for (String cmd : new String[] {"poll", "run"}) {
            Run r = run(cmd);
            assertThat(r.code()).as(cmd).isEqualTo(2);
            assertThat(r.err()).as(cmd).startsWith("newsvault: " + fx.config + ":3: outlets: none configured");
        }
        Files.writeString(fx.config, "");
        assertThat(run("poll").err()).startsWith("newsvault: " + fx.config + ":1: outlets: none configured (the file is empty)");
        // reading commands still work on it
        assertThat(run("feeds", "list").code()).isZero();
    }
}
