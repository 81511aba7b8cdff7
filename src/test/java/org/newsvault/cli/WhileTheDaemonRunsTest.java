package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.schedule.DaemonFixture.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.StoreException;

/**
 * Every command against a running daemon (in this JVM: the data lock is held, so the commands go through the
 * daemon's database server exactly as another process would), with the results it gives offline.
 */
class WhileTheDaemonRunsTest {

    @TempDir
    Path dir;
    DaemonFixture fx;
    Daemon daemon;
    Path seeds;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
        fx.writeConfig("1h", "/ok-a.xml");
        seeds = org.newsvault.export.TestArchives.seeds(dir.resolve("seeds"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        fx.close();
        Logging.closeFile();
    }

    Cli.Run run(String... args) {
        return Cli.run(fx.config, args);
    }

    private void startDaemon() throws InterruptedException {
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(100), Duration.ofSeconds(9), Duration.ofMillis(50)));
        Path statusFile = Daemon.statusFile(fx.dir.resolve("data"));
        await(Duration.ofSeconds(5), () -> StatusSnapshot.read(statusFile).map(s -> s.feeds().get(0).articles() == 1).orElse(false));
    }

    @Test
    void readingAndWritingCommandsWorkWhileTheDaemonRunsWithTheOfflineResults() throws Exception {
        startDaemon();
        assertThat(Files.readString(fx.dir.resolve("data/newsvault.lock"))).endsWith(" run");

        // a feed added by the CLI is polled by the running daemon
        assertThat(run("feeds", "add", "later", fx.url("/ok-later.xml")).code()).isZero();
        Path statusFile = Daemon.statusFile(fx.dir.resolve("data"));
        await(Duration.ofSeconds(8), () -> StatusSnapshot.read(statusFile)
            .map(s -> s.feeds().stream().mapToLong(f -> f.articles()).sum() == 2).orElse(false));

        Cli.Run imported = run("import", seeds.toString());
        assertThat(imported.err()).isEmpty();
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).startsWith("imported 5, duplicate 0, skipped 0");

        // status counts every article per outlet from the daemon's database, imported ones included
        Cli.Run status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith("newsvault is running").contains("; 7 articles\n").contains("articles per outlet: cdt 1, dw 1, later 1, nytimes 1, rfa 2, test 1\n");

        Cli.Run verify = run("verify");
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("7 articles").contains("no problems");

        Path liveSeed = dir.resolve("live-seed");
        Cli.Run export = run("export", "--format", "seed", "--out", liveSeed.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("exported 7 articles as seed");

        Cli.Run changes = run("changes");
        assertThat(changes.code()).as(changes.err()).isZero();
        Cli.Run recheck = run("recheck", "--outlet", "test", "--all");
        assertThat(recheck.code()).as(recheck.err() + recheck.out()).isZero();
        Cli.Run diff = run("diff", fx.url("/a/oka"));
        assertThat(diff.err()).doesNotContain("another newsvault process");

        // what needs the archive alone says so, naming the daemon
        Cli.Run poll = run("poll");
        assertThat(poll.code()).isEqualTo(1);
        assertThat(poll.err()).contains("another newsvault process (pid " + ProcessHandle.current().pid() + ", run)")
            .contains("stop it first");
        assertThat(run("compact").err()).contains(", run)").contains("stop it first");

        daemon.stop();
        daemon = null;
        assertThat(fx.dir.resolve("data/daemon.endpoint")).doesNotExist();

        // offline: the same export, byte for byte; verify clean; the import finds everything there
        Path offSeed = dir.resolve("off-seed");
        assertThat(run("export", "--format", "seed", "--out", offSeed.toString()).code()).isZero();
        Map<String, String> live = tree(liveSeed);
        assertThat(live).hasSize(7 + 6); // 7 articles and the list pages of 6 outlets
        assertThat(live.equals(tree(offSeed))).as("the live export equals the offline one").isTrue();
        Cli.Run offVerify = run("verify");
        assertThat(offVerify.code()).as(offVerify.out()).isZero();
        assertThat(run("import", seeds.toString()).out()).startsWith("imported 0, duplicate 5");
    }

    @Test
    void aCommandWhoseDaemonStopsIsToldWhyAndANewOneOpensTheArchiveAlone() throws Exception {
        startDaemon();
        try (Newsvault nv = Newsvault.open(fx.settings())) {
            assertThat(nv.alone()).isFalse();
            assertThat(nv.articles.countByOutlet()).containsEntry("test", 1L);
            daemon.stop();
            daemon = null;
            assertThatThrownBy(() -> nv.articles.countByOutlet()).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed the archive while this command ran; run it again");
        }
        try (Newsvault nv = Newsvault.open(fx.settings())) {
            assertThat(nv.alone()).isTrue();
            assertThat(nv.articles.countByOutlet()).containsEntry("test", 1L);
        }
    }

    @Test
    void anOfflineCommandHoldingTheArchiveIsNamedAndNotWaitedFor() throws Exception {
        try (Newsvault offline = Newsvault.open(fx.settings())) {
            assertThat(offline.alone()).isTrue();
            // the lock file names no daemon: nobody serves the database, so the second command is refused at once
            long start = System.nanoTime();
            assertThatThrownBy(() -> Newsvault.open(fx.settings())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another newsvault process (pid " + ProcessHandle.current().pid())
                .hasMessageContaining("only a running daemon shares the archive");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theEndpointIsTheDaemonsUsersOnlyAndAWrongPasswordIsRefused() throws Exception {
        startDaemon();
        Path endpoint = fx.dir.resolve("data/daemon.endpoint");
        assertThat(java.nio.file.Files.getPosixFilePermissions(endpoint))
            .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        var e = org.newsvault.store.DaemonEndpoint.read(fx.dir.resolve("data")).orElseThrow();
        assertThat(e.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + e.port() + "/newsvault",
            "NV_CLIENT", "0".repeat(48))).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("Wrong user name or password");
        // nothing but the archive's own database is served, and none is created
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + e.port() + "/other",
            "NV_CLIENT", e.password())).isInstanceOf(java.sql.SQLException.class);
        assertThat(fx.dir.resolve("data/other.mv.db")).doesNotExist();
    }

    /** Every file under {@code root} with its bytes, by relative path (not the export's own stamp with its time). */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : (Iterable<Path>) w.filter(Files::isRegularFile)
                .filter(f -> !f.getFileName().toString().equals(".newsvault-export"))::iterator) {
                out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
