package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.schedule.DaemonFixture.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.config.ConfigLoader;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;
import org.newsvault.schedule.FeedStatus;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.DataLock;

/** The commands end to end through {@link NewsvaultCommand#execute}, output captured. */
class CliTest {
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
        return runWith(fx.config, args);
    }

    Run runWith(Path config, String... args) {
        PrintStream out = System.out, err = System.err;
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--config";
            all[1] = config.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            int code = NewsvaultCommand.execute(all);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void feedsEditingNeverRewritesTheMainFile() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        byte[] before = Files.readAllBytes(fx.config);
        String a = fx.url("/ok-a.xml"), b = fx.url("/ok-b.xml"), c = fx.url("/ok-c.xml");

        assertThat(run("feeds", "add", "test", b).code()).isZero();
        assertThat(run("feeds", "add", "new-one", c, "--name", "新台", "--interval", "10m")).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("added outlet new-one with feed " + c);
        });
        assertThat(run("feeds", "disable", "test", a).out()).contains("is now disabled");
        Run list = run("feeds", "list");
        assertThat(list.out().lines().toList()).hasSize(4).first().asString().startsWith("OUTLET");
        assertThat(list.out()).containsPattern("test +" + a.replace(".", "\\.") + " +1h +no +never polled")
            .containsPattern("new-one +" + c.replace(".", "\\.") + " +10m +yes");

        Run dup = run("feeds", "add", "test", b);
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).isEqualTo("newsvault: test already has " + b + "\n");
        assertThat(run("feeds", "remove", "test", a).err()).contains("feeds disable test");
        assertThat(run("feeds").code()).isEqualTo(2);

        assertThat(run("feeds", "remove", "new-one", c).code()).isZero();
        assertThat(run("feeds", "enable", "test", a).code()).isZero();
        assertThat(run("feeds", "remove", "test", b).code()).isZero();
        assertThat(Files.readAllBytes(fx.config)).isEqualTo(before);
        assertThat(ConfigLoader.load(fx.config).outlets()).singleElement()
            .satisfies(o -> assertThat(o.feeds()).singleElement().satisfies(f -> assertThat(f.enabled()).isTrue()));
    }

    @Test
    void statusShowsEveryFeedAndMarksTheFailingOnes() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml", "/fail.xml");
        assertThat(run("poll").code()).isEqualTo(1);

        Run status = run("status");
        assertThat(status.code()).isEqualTo(1);
        List<String> lines = status.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("newsvault is not running");
        String header = lines.get(1);
        assertThat(header).startsWith("   OUTLET  FEED").contains("LAST POLL").contains("NEXT POLL").contains("ARTICLES");
        String ok = lines.get(2), failed = lines.get(3);
        // no daemon: the next-check time the poll stored is no countdown anyone keeps
        assertThat(ok).startsWith("   test    " + fx.url("/ok-a.xml")).contains("just now").doesNotContainPattern(" in \\d");
        assertThat(ok.substring(header.indexOf("NEXT POLL")).split(" +")[0]).isEqualTo("-");
        assertThat(failed).startsWith("!  test    " + fx.url("/fail.xml")).contains("never").contains("1x ").contains("500");
        for (String col : List.of("LAST POLL", "NEXT POLL", "ARTICLES")) {
            int at = header.indexOf(col);
            for (String row : List.of(ok, failed)) {
                assertThat(row.charAt(at - 1)).as(col).isEqualTo(' ');
                assertThat(row.charAt(at)).as(col).isNotEqualTo(' ');
            }
        }
        assertThat(lines.get(4)).isEqualTo("2 feeds: 1 ok, 1 failing, 0 disabled; 1 articles");
        assertThat(lines.get(5)).isEqualTo("articles per outlet: test 1");

        StatusSnapshot json = StatusSnapshot.fromJson(run("status", "--json").out());
        assertThat(json.daemon()).isFalse();
        assertThat(json.feeds()).extracting(FeedStatus::errorCount).containsExactly(0, 1);
        assertThat(json.feeds().get(0).articles()).isEqualTo(1);
        assertThat(json.feeds().get(1).lastError()).contains("500");
    }

    @Test
    void statusShowsAStoppedDaemonAsStoppedNotItsLastSchedule() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        assertThat(run("poll").code()).isZero();
        // what a daemon stopped 5 minutes ago left behind: its schedule, next poll 25s after it stopped
        Instant seen = Instant.now().minus(Duration.ofMinutes(5));
        FeedStatus f = StatusLoader.load(fx.settings()).snapshot().feeds().get(0);
        new StatusSnapshot(seen, true, List.of(new FeedStatus(f.outlet(), f.url(), true, f.lastPoll(), f.lastSuccess(), f.lastNew(),
            f.lastResult(), 0, null, Instant.now().plusSeconds(25), f.articles())))
            .write(Daemon.statusFile(fx.dir.resolve("data")));

        Run status = run("status");
        assertThat(status.code()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("daemon: stopped (last seen 5m ago)");
        assertThat(lines.get(2).substring(lines.get(1).indexOf("NEXT POLL")).split(" +")[0]).isEqualTo("-");
        assertThat(status.out()).doesNotContainPattern(" in \\d+s").doesNotContain("running");
        assertThat(StatusSnapshot.fromJson(run("status", "--json").out()).feeds().get(0).nextPoll()).isNull();
    }

    @Test
    void statusTellsALockWhoseHolderIsGoneFromARunningDaemon() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        assertThat(run("poll").code()).isZero();
        Path data = fx.dir.resolve("data");
        new StatusSnapshot(Instant.now(), true, List.of()).write(Daemon.statusFile(data));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (DataLock held = DataLock.acquire(data)) {
            // the lock is taken (as by a daemon in another pid namespace) but names a process that is not alive here
            Files.writeString(data.resolve("newsvault.lock"), String.valueOf(gone.pid()));
            assertThat(run("status").out()).startsWith("daemon: stopped (last seen just now)").doesNotContainPattern(" in \\d");
            Files.writeString(data.resolve("newsvault.lock"), String.valueOf(ProcessHandle.current().pid()));
            assertThat(run("status").out()).startsWith("newsvault is running (status as of just now)");
        }
    }

    @Test
    void pollWritesOneLinePerFeedToTheLogFileToo() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml", "/fail.xml");
        Run poll = run("poll");
        assertThat(poll.code()).isEqualTo(1);
        String log = Files.readString(fx.dir.resolve("data/logs/newsvault.log"));
        assertThat(log).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] PollCommand - test " + fx.url("/ok-a.xml").replace(".", "\\.") + ".*new 1")
            .containsPattern("INFO .*PollCommand - test " + fx.url("/fail.xml").replace(".", "\\.") + ".*500")
            .contains("poll total: 2 feeds, 1 new articles");
        // the terminal shows each feed line once, on stdout
        assertThat(poll.err()).doesNotContain("PollCommand");
        assertThat(poll.out()).contains(fx.url("/ok-a.xml"));
    }

    @Test
    void statusAndFeedsListWorkWhileTheDaemonRuns() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(100), Duration.ofSeconds(9), Duration.ofMillis(50)));
        Path statusFile = Daemon.statusFile(fx.dir.resolve("data"));
        await(Duration.ofSeconds(3), () -> StatusSnapshot.read(statusFile).map(s -> s.feeds().get(0).articles() == 1).orElse(false));
        Run status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith("newsvault is running (status as of").containsPattern("in (5\\dm|1h\\d*m?) ").contains("1 ok, 0 failing");
        assertThat(run("feeds", "list").out()).contains("new just now");
        // a feed added while the daemon runs is listed at once, before the daemon reloads
        assertThat(run("feeds", "add", "later", fx.url("/ok-later.xml")).code()).isZero();
        assertThat(run("feeds", "list").out()).containsPattern("later +" + fx.url("/ok-later.xml").replace(".", "\\.") + " +15m +yes +never polled");
        await(Duration.ofSeconds(3), () -> fx.count("/ok-later.xml") == 1);

        Run second = run("run");
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).startsWith("newsvault: another newsvault process").contains("stop it first");
    }

    @Test
    void opmlExportImportsBackIntoAnotherConfig() throws Exception {
        fx.writeConfig("30m", "/ok-a.xml", "/ok-b.xml");
        Path opml = dir.resolve("out.opml");
        assertThat(run("opml", "export", "--out", opml.toString()).code()).isZero();
        assertThat(Files.readString(opml)).contains("nv:outlet=\"test\"").contains("测试台");

        Path other = dir.resolve("other").resolve("newsvault.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "data: " + dir.resolve("other-data") + "\n");
        Run imp = runWith(other, "opml", "import", opml.toString());
        assertThat(imp.out()).startsWith("imported 2 feeds: 1 new outlets, 0 outlets extended; skipped 0 already configured");
        var back = ConfigLoader.load(other).outlet("test").orElseThrow();
        assertThat(back).usingRecursiveComparison().ignoringFields("source")
            .isEqualTo(ConfigLoader.load(fx.config).outlet("test").orElseThrow());
    }
}
