package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsvault import} and {@code export} as a user runs them: exit codes, result lines, one-line errors. */
class ImportExportCommandTest {
    static final List<String> SEEDS = List.of("000_016469c714a2c238.txt", "001_3facb4a6a5838063.txt",
        "002_6c8018e4e619dbc1.txt", "003_b2868bf1b7a93490.txt", "004_e53f636a1fba136f.txt");

    @TempDir
    Path dir;
    Path config;
    Path seeds;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n");
        seeds = Files.createDirectories(dir.resolve("seeds"));
        for (String s : SEEDS) {
            try (InputStream in = getClass().getResourceAsStream("/export/seeds/" + s)) {
                Files.write(seeds.resolve(s), in.readAllBytes());
            }
        }
    }

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NewsvaultCommand.execute(Stream.concat(Stream.of("--config", config.toString()), Stream.of(args))
                .toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void importThenExportSeedGivesTheSeedsBack() throws Exception {
        Run imported = run("import", seeds.toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).startsWith("imported 5, duplicate 0, skipped 0 (5 files in ");

        Run again = run("import", seeds.toString());
        assertThat(again.out()).startsWith("imported 0, duplicate 5, skipped 0");
        // imported articles came through no feed; status counts them from the article table, per outlet
        assertThat(run("status").out()).contains("0 feeds: 0 ok, 0 failing, 0 disabled; 5 articles\n")
            .containsPattern("articles per outlet: \\S+ \\d+");

        Path out = dir.resolve("out");
        Run exported = run("export", "--format", "seed", "--out", out.toString());
        assertThat(exported.code()).isZero();
        assertThat(exported.out()).isEqualTo("exported 5 articles as seed to " + out + " (5 files, 4 list pages)\n");
        for (String s : SEEDS) {
            try (Stream<Path> w = Files.walk(out)) {
                Path p = w.filter(f -> f.getFileName().toString().equals(s)).findFirst().orElseThrow();
                assertThat(p).hasBinaryContent(Files.readAllBytes(seeds.resolve(s)));
            }
        }
    }

    @Test
    void skippedFilesAreNamedAndMakeTheExitStatusOne() throws Exception {
        Files.writeString(seeds.resolve("notes.md"), "just some notes\n");
        Run r = run("import", seeds.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("skipped " + seeds.toRealPath().resolve("notes.md") + ": line 1: expected --- or <!--stamp-->");
        assertThat(r.out()).startsWith("imported 5, duplicate 0, skipped 1");
    }

    @Test
    void badUsageIsOneLineAndStatusTwo() {
        assertThat(run("import", dir.resolve("missing").toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("newsvault: no such file or folder: " + dir.resolve("missing") + "\n");
        });
        assertThat(run("export", "--format", "pdf", "--out", dir.resolve("x").toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--format must be seed, jekyll, jsonl or warc, not 'pdf'");
        });
        assertThat(run("export", "--format", "jsonl", "--out", dir.resolve("x").toString(), "--since", "last week")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--since: 'last week' is not YYYY-MM-DD");
        });
        assertThat(run("export", "--format", "jsonl", "--out", dir.resolve("x").toString(), "--outlet", "nope")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("no outlet 'nope' in the archive");
        });
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForceAndAForeignFolderNever() throws Exception {
        assertThat(run("import", seeds.toString()).code()).isZero();
        Path jsonl = dir.resolve("all.jsonl");
        assertThat(run("export", "--format", "jsonl", "--out", jsonl.toString()).code()).isZero();
        assertThat(run("export", "--format", "jsonl", "--out", jsonl.toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--out " + jsonl + " exists; add --force to replace it");
        });
        assertThat(run("export", "--format", "jsonl", "--out", jsonl.toString(), "--force").code()).isZero();
        assertThat(run("export", "--format", "seed", "--out", seeds.toString(), "--force")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("not an earlier newsvault export");
        });
        assertThat(Files.list(seeds).count()).isEqualTo(SEEDS.size());
    }
}
