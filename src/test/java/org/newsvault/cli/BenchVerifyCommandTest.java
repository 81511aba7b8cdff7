package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigLoader;

/** {@code verify} and {@code bench} through {@link NewsvaultCommand#execute}: exit codes and output. */
class BenchVerifyCommandTest {
    record Run(int code, String out) {}

    @TempDir
    Path dir;

    Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        var o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new Run(NewsvaultCommand.execute(args), o.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    Path config() throws Exception {
        Path c = dir.resolve("newsvault.yaml");
        Files.writeString(c, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\noutlets: []\n");
        return c;
    }

    @Test
    void verifyExitsOneWithoutADatabaseZeroWhenCleanAndRepairsOrphans() throws Exception {
        Path c = config();
        Run none = run("--config", c.toString(), "verify");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).contains("database: ", "no newsvault database here");

        try (Newsvault nv = Newsvault.open(ConfigLoader.load(c))) {
            assertThat(nv.articles.count()).isZero();
        }
        Run clean = run("--config", c.toString(), "verify");
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).isEqualTo("verify: 0 articles, 0 originals, 0 archive files checked: no problems\n");

        Path stray = Files.createDirectories(dir.resolve("archive/rfa/2024")).resolve("2024-06-20-0123456789.md");
        Files.writeString(stray, "stray\n");
        Run found = run("--config", c.toString(), "verify");
        assertThat(found.code()).isEqualTo(1);
        assertThat(found.out()).startsWith("orphan file: rfa/2024/2024-06-20-0123456789.md: no article row owns this file\n");
        Run repaired = run("--config", c.toString(), "verify", "--repair");
        assertThat(repaired.code()).isZero();
        assertThat(repaired.out()).contains("(repaired: moved to .orphans/rfa/2024/2024-06-20-0123456789.md)");
        assertThat(stray).doesNotExist();
        assertThat(dir.resolve("archive/.orphans/rfa/2024/2024-06-20-0123456789.md")).hasContent("stray\n");
    }

    @Test
    void benchRunsFromTheCommandLineAndWritesJson() throws Exception {
        Path json = dir.resolve("bench.json");
        Run r = run("bench", "--feeds", "1", "--items", "2", "--archive-size", "10", "--stage-sample", "1",
            "--corpus", dir.resolve("no-corpus").toString(), "--work", dir.resolve("work").toString(), "--json", json.toString());
        assertThat(r.code()).as("0 all targets met, 3 some missed").isIn(0, 3);
        assertThat(r.out()).contains("full pipeline", "targets:", "corpus: bundled sample");
        assertThat(Files.readString(json)).contains("\"pipeline\"", "\"targets\"");
    }
}
