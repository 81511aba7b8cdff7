package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.schedule.DaemonFixture;
import org.newsvault.store.WatchRepository;

/**
 * Ctrl-C during {@code import}, {@code export} and {@code recheck}, in process: the command's {@link Interrupt} trips
 * after a number of items, as the signal handler would set it, and the command drains, prints its summary so far and
 * exits 130; the archive is left consistent and the next run does the rest.
 */
class InterruptCommandTest {
    record Run(int code, String out, String err) {}

    @TempDir
    Path dir;
    DaemonFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
        String[] feeds = new String[8];
        for (int i = 0; i < feeds.length; i++) feeds[i] = "/ok" + (char) ('a' + i);
        fx.writeConfig("15m", feeds);
    }

    @AfterEach
    void tearDown() throws Exception {
        Interrupt.factory = Interrupt::onSignals;
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
            String[] all = Stream.concat(Stream.of("--config", fx.config.toString()), Stream.of(args)).toArray(String[]::new);
            return new Run(NewsvaultCommand.execute(all), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The command run with Ctrl-C "pressed" once {@code n} items are under way. */
    Run interruptedAfter(int n, String... args) {
        Interrupt.factory = () -> Interrupt.afterChecks(n);
        try {
            return run(args);
        } finally {
            Interrupt.factory = Interrupt::onSignals;
        }
    }

    Path articles(int n) throws Exception {
        Path root = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < n; i++) {
            Files.writeString(root.resolve(String.format("%04d.md", i)), "<!--1614834367000-->\n[Story " + i
                + "](https://example.org/news/" + i + ".html)\n------\n\n<p>Paragraph " + i + " of a story about the harbour.</p>\n");
        }
        return root;
    }

    static long count(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("%s in %s", regex, out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void ctrlCDuringImportPrintsTheSummarySoFarLeavesNothingPendingAndTheNextImportFinishes() throws Exception {
        Path in = articles(300);
        Run stopped = interruptedAfter(50, "import", in.toString());
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(130);
        assertThat(stopped.out()).startsWith("interrupted by Ctrl-C: imported ").contains(" of 300 files in ")
            .contains(" not imported yet: import the same paths again to finish").hasLineCount(1);
        long first = count(stopped.out(), "imported (\\d+),");
        assertThat(first).isEqualTo(50);
        assertThat(stopped.out()).contains("(50 of 300 files in ").contains("; 250 not imported yet");

        Run verify = run("verify");
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).doesNotContain("pending").doesNotContain("orphan");

        Run again = run("import", in.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("imported " + (300 - first) + ", duplicate " + first + ", skipped 0 (300 files in ");
        assertThat(run("verify").code()).isZero();
    }

    @Test
    void ctrlCDuringExportLeavesTheEarlierExportWhole() throws Exception {
        assertThat(run("import", articles(20).toString()).code()).isZero();
        Path out = dir.resolve("seed");
        assertThat(run("export", "--format", "seed", "--out", out.toString(), "--until", "2021-03-01").code()).isZero();
        Map<String, String> before = snapshot(out);

        Run stopped = interruptedAfter(5, "export", "--format", "seed", "--out", out.toString());
        assertThat(stopped.code()).isEqualTo(130);
        assertThat(stopped.out()).isEqualTo("interrupted by Ctrl-C: export stopped after 5 articles: the partial seed export"
            + " was deleted, " + out + " is as it was\n");
        assertThat(snapshot(out)).isEqualTo(before);
        try (Stream<Path> beside = Files.list(dir)) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".seed"));
        }
        assertThat(run("export", "--format", "seed", "--out", out.toString()).out()).startsWith("exported 20 articles as seed");
    }

    @Test
    void ctrlCDuringRecheckRecordsTheChecksInFlightAndLeavesTheRestForLater() throws Exception {
        assertThat(run("poll").code()).isZero();
        Run stopped = interruptedAfter(3, "recheck", "--all");
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(130);
        assertThat(stopped.out()).startsWith("interrupted by Ctrl-C: checked ").endsWith("; the articles not reached are left for the next pass\n");
        long checked = count(stopped.out(), "checked (\\d+):");
        assertThat(checked).isBetween(1L, 7L);
        try (Newsvault nv = Newsvault.open(fx.settings())) {
            WatchRepository w = new WatchRepository(nv.db);
            List<Long> ids = w.after(0, null, 100);
            assertThat(ids).hasSize(8);
            long recorded = ids.stream().filter(id -> w.state(id).orElseThrow().lastCheckedAt() != null).count();
            assertThat(recorded).isEqualTo(checked);
        }
        Run all = run("recheck", "--all");
        assertThat(all.code()).isZero();
        assertThat(all.err()).as("no bar without a terminal").doesNotContain("\r").doesNotContain("recheck");
        assertThat(all.out()).startsWith("checked 8: 8 unchanged");
    }

    @Test
    void everyInterruptibleCommandDocumentsItsInterruptStatus() {
        for (String cmd : new String[] {"import", "export", "recheck"}) {
            assertThat(run(cmd, "--help").out().replaceAll("\\s+", " ")).as(cmd)
                .contains("130 interrupted by Ctrl-C, 143 by SIGTERM");
        }
    }

    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readString(p));
        }
        return out;
    }
}
