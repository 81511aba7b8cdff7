package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRow;

/**
 * Every real archive file of the shared corpus ({@code outlets/*}{@code /feed-items-nodebe4/}, older Jekyll writer)
 * goes through import and {@code export --format seed} byte for byte, and a second import adds nothing.
 * Writes the counts and the import speed to {@code target/corpus-import-export.txt}. Run with
 * {@code mvn -o test -Dtest=CorpusImportExportTest -DexcludedGroups=none -Dgroups=corpus}.
 */
@Tag("corpus")
class CorpusImportExportTest {
    @TempDir
    Path dir;

    @Test
    void everyCorpusFileImportsAndExportsByteForByte() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestArchives.CORPUS), "no corpus at " + TestArchives.CORPUS.toAbsolutePath());
        List<Path> inputs = new ArrayList<>();
        try (var outlets = Files.list(TestArchives.CORPUS)) {
            for (Path o : outlets.sorted().toList()) inputs.addAll(TestArchives.files(o.resolve("feed-items-nodebe4")));
        }
        Map<Path, String> problems = new ConcurrentHashMap<>();
        Map<Path, Long> linked = new ConcurrentHashMap<>();
        Path out = dir.resolve("out");
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            List<String> report = new ArrayList<>();
            Path corpus = TestArchives.CORPUS.toRealPath();
            ImportSummary first = Importer.of(nv).run(List.of(TestArchives.CORPUS), (f, o, r) -> {
                if (o == ImportOutcome.DUPLICATE) linked.put(f, 0L);
                if (r != null) problems.put(f, o + ": " + r);
            });
            report.add("corpus import: " + first.line());
            assertThat(problems).isEmpty();
            // real archives carry no executable markup: none is sanitized or rewritten, all stay byte for byte
            assertThat(first.sanitized() + first.rewritten()).isZero();
            assertThat(first.files()).isEqualTo(inputs.size());
            assertThat(first.imported() + first.duplicates()).isEqualTo(inputs.size());

            ImportSummary second = Importer.of(nv).run(List.of(TestArchives.CORPUS), (f, o, r) -> {});
            report.add("corpus re-import: " + second.line());
            assertThat(second.imported()).isZero();
            assertThat(second.duplicates()).isEqualTo(inputs.size());

            Exporter.of(nv).export(ExportFormat.SEED, ArticleQuery.ALL, out, n -> {});
            Map<String, Path> byName = new HashMap<>();
            for (Path p : inputs) byName.put(p.getFileName().toString(), p);
            List<ArticleRow> rows = new ArrayList<>();
            nv.articles.stream(ArticleQuery.ALL, rows::add);
            for (ArticleRow row : rows) {
                Path source = byName.get(Path.of(row.filePath()).getFileName().toString());
                assertThat(source).as(row.filePath()).isNotNull();
                assertThat(out.resolve("articles").resolve(row.filePath())).hasBinaryContent(Files.readAllBytes(source));
            }
            report.add("corpus round trip: " + rows.size() + " of " + inputs.size() + " files exported byte for byte; "
                + linked.size() + " linked to an earlier file of the same URL or text (their bytes kept as originals):");
            linked.keySet().stream().sorted().forEach(p -> report.add("  " + corpus.relativize(p)));
            Files.write(Path.of("target", "corpus-import-export.txt"), report);
            report.forEach(System.out::println);
            assertThat(rows).hasSize((int) first.imported());
            for (Path p : linked.keySet()) {
                byte[] bytes = Files.readAllBytes(p);
                assertThat(nv.originals.read(org.newsvault.model.ContentHash.sha256Hex(bytes))).as(p.toString()).isEqualTo(bytes);
            }
        }
    }
}
