package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;

/** {@code newsvault migrate-db} end to end, H2 into H2. */
class MigrateDbCommandTest {
    @TempDir
    Path dir;
    DaemonFixture fx;
    Daemon daemon;
    Path source;
    String target;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
        fx.writeConfig("1h", "/ok-a.xml", "/ok-b.xml");
        source = dir.resolve("data").resolve("newsvault.mv.db");
        target = "jdbc:h2:file:" + dir.resolve("copy").resolve("newsvault");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        fx.close();
        Logging.closeFile();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void copiesTheArchiveAndPrintsALinePerTable() throws Exception {
        assertThat(Cli.run(fx.config, "poll").code()).isZero();
        String before = sha256(source);

        Cli.Run r = Cli.run(fx.config, "migrate-db", "--to", target, "--yes");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("migrate-db: article +2 rows copied, equal\n")
            .containsPattern("migrate-db: outlet +\\d+ rows copied, equal\n")
            .containsPattern("migrate-db: claim_lock +1 rows already there, equal\n")
            .containsPattern("migrate-db: 15 tables, [0-9,]+ rows, schema version 11, into " + java.util.regex.Pattern.quote(target)
                + ": every table equal\n$");
        assertThat(sha256(source)).isEqualTo(before);
        // the copy is an archive of its own: its status shows the articles
        Path copyConfig = dir.resolve("copy.yaml");
        Files.writeString(copyConfig, Files.readString(fx.config).replace(dir.resolve("data").toString(), dir.resolve("copy").toString()));
        assertThat(Cli.run(copyConfig, "status").out()).contains("2 articles");

        Cli.Run again = Cli.run(fx.config, "migrate-db", "--to", target, "--yes");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("migrate-db: article +2 rows already there, equal\n");
    }

    @Test
    void asksFirstAndWithoutATerminalNeedsYes() throws Exception {
        assertThat(Cli.run(fx.config, "poll").code()).isZero();
        Cli.Run r = Cli.run(fx.config, "migrate-db", "--to", target);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("migrate-db: nothing copied (no terminal to ask: add --yes)\n");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    @Test
    void isRefusedWhileTheDaemonRuns() throws Exception {
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(100), Duration.ofSeconds(9), Duration.ofMillis(50)));
        Cli.Run r = Cli.run(fx.config, "migrate-db", "--to", target, "--yes");
        assertThat(r.code()).isEqualTo(1);
        // (the daemon in this JVM logs to the same stderr)
        assertThat(r.err().lines()).contains("newsvault: migrate-db: another newsvault process (pid " + ProcessHandle.current().pid()
            + ", run) is using " + dir.resolve("data") + "; stop it first (the archive is copied while nothing writes to it)");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    @Test
    void refusesTheArchivesOwnFileAndAMissingDatabase() throws Exception {
        Cli.Run none = Cli.run(fx.config, "migrate-db", "--to", target, "--yes");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).startsWith("newsvault: no newsvault database in " + dir.resolve("data"));

        assertThat(Cli.run(fx.config, "poll").code()).isZero();
        Cli.Run self = Cli.run(fx.config, "migrate-db", "--to", "jdbc:h2:file:" + dir.resolve("data").resolve("newsvault")
            + ";MODE=Regular", "--yes");
        assertThat(self.code()).isEqualTo(2);
        assertThat(self.err()).startsWith("newsvault: --to names the archive's own database");
    }
}
