package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.newsvault.Newsvault;
import org.newsvault.store.ArticleQuery;

/** An export stopped part way (Ctrl-C) leaves no half export: the earlier one stays whole, the partial one goes. */
class ExportInterruptTest {
    @TempDir
    Path dir;

    @BeforeEach
    void importSeeds() throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            Importer.of(nv).run(List.of(TestArchives.seeds(dir.resolve("seeds"))), (f, o, r) -> {});
        }
    }

    /** Every file under {@code root} (or {@code root} itself) with its bytes, by relative path. */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(root)) {
            out.put("", new String(Files.readAllBytes(root), java.nio.charset.StandardCharsets.ISO_8859_1));
            return out;
        }
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aStoppedExportLeavesTheEarlierOneWholeAndNoPartialBeside(ExportFormat format) throws Exception {
        Path out = ExportTargetTest.outFor(dir.resolve("out"), format);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            Exporter exporter = Exporter.of(nv);
            // An earlier export of only part of the archive, so the stopped one would differ from it.
            ExportSummary old = exporter.export(format, new ArticleQuery(null, null, java.time.Instant.parse("2024-06-20T00:00:00Z")),
                out, true, n -> {});
            assertThat(old.interrupted()).isFalse();
            Map<String, String> before = snapshot(out);

            AtomicInteger checks = new AtomicInteger();
            AtomicInteger written = new AtomicInteger();
            ExportSummary stopped = exporter.export(format, ArticleQuery.ALL, out, true, n -> written.set((int) n),
                () -> checks.incrementAndGet() > 3);
            assertThat(stopped.interrupted()).isTrue();
            assertThat(stopped.articles()).isEqualTo(3).isEqualTo(written.get());
            assertThat(stopped.line()).isEqualTo("export stopped after 3 articles: the partial "
                + format.name().toLowerCase(java.util.Locale.ROOT) + " export was deleted, " + out + " is as it was");
            assertThat(snapshot(out)).isEqualTo(before);
            try (Stream<Path> beside = Files.list(out.getParent())) {
                assertThat(beside.map(p -> p.getFileName().toString())).containsExactly(out.getFileName().toString());
            }

            ExportSummary whole = exporter.export(format, ArticleQuery.ALL, out, true, n -> {});
            assertThat(whole.articles()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aStoppedFirstExportLeavesNothing(ExportFormat format) throws Exception {
        Path out = ExportTargetTest.outFor(dir.resolve("out"), format);
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            ExportSummary stopped = Exporter.of(nv).export(format, ArticleQuery.ALL, out, false, n -> {}, () -> true);
            assertThat(stopped.interrupted()).isTrue();
            assertThat(stopped.articles()).isZero();
        }
        try (Stream<Path> beside = Files.list(out.getParent())) {
            assertThat(beside).isEmpty();
        }
    }
}
