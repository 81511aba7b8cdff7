package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGINT to a real {@code newsvault import} in a child JVM: it finishes the files under way, prints the
 * interrupted summary and exits 130; {@code verify} is clean and the same import again does the rest.
 */
class InterruptSignalTest {
    static final int FILES = 1500;

    @TempDir
    Path dir;

    Process start(Path config, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "--config", config.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(false).start();
    }

    @Test
    void ctrlCStopsAnImportCleanly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")), "needs kill(1)");
        Path config = dir.resolve("newsvault.yaml");
        Path archive = dir.resolve("archive");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + archive + "\n");
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(in.resolve(String.format("%05d.md", i)), "<!--1614834367000-->\n[Story " + i
                + "](https://example.org/news/" + i + ".html)\n------\n\n<p>Paragraph " + i + " of a story about the harbour.</p>\n");
        }

        Process p = start(config, "import", in.toString());
        // The first article file on disk: the import is under way, its handlers installed long before.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hasArticle(archive) && p.isAlive() && System.nanoTime() < until) Thread.sleep(5);
        assertThat(p.isAlive()).as("the import ended before it could be interrupted").isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(p.waitFor(Interrupt.GRACE.toSeconds() + 5, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isEqualTo(130);
        assertThat(err).contains("newsvault: interrupted by Ctrl-C; finishing the work in flight");
        assertThat(out).startsWith("interrupted by Ctrl-C: imported ").contains(" not imported yet");

        Process verify = start(config, "verify");
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String report = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as(report).isZero();

        Process again = start(config, "import", in.toString());
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String rest = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.exitValue()).as(rest).isZero();
        assertThat(rest).containsPattern("^imported \\d+, duplicate \\d+, skipped 0 \\(" + FILES + " files in ");
    }

    static boolean hasArticle(Path archive) throws Exception {
        if (!Files.isDirectory(archive)) return false;
        try (Stream<Path> w = Files.walk(archive)) {
            return w.anyMatch(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f));
        }
    }
}
