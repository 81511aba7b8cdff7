package org.newsvault.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.newsvault.Newsvault;
import org.newsvault.store.ArticleQuery;

/** An export is complete or absent: interrupted, killed, repeated, or pointed at the wrong folder. */
class ExportTargetTest {
    /** Far above any pid_max: a process that no longer runs. */
    static final long DEAD = 999_999_999L;

    @TempDir
    Path dir;

    @BeforeEach
    void importSeeds() throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(Importer.of(nv).run(List.of(TestArchives.seeds(dir.resolve("seeds"))), (f, o, r) -> {}).imported()).isEqualTo(5);
        }
    }

    ExportSummary export(ExportFormat format, Path out, boolean force) throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            return Exporter.of(nv).export(format, ArticleQuery.ALL, out, force, n -> {});
        }
    }

    void sql(String statement) throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            nv.db.read(c -> c.createStatement().executeUpdate(statement));
        }
    }

    static Path outFor(Path dir, ExportFormat f) {
        return dir.resolve(switch (f) {
            case SEED -> "seed";
            case JEKYLL -> "site";
            case JSONL -> "all.jsonl";
            case WARC -> "all.warc.gz";
        });
    }

    /** Every file under {@code root} (or {@code root} itself) with its bytes. */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (Files.isRegularFile(root)) {
            out.put("", Files.readAllBytes(root));
            return out;
        }
        for (Path p : TestArchives.files(root)) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        return out;
    }

    /** What an export left beside its target: nothing, when it is done. */
    static List<String> leftovers(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + target.getFileName())).sorted().toList();
        }
    }

    static void assertSameTree(Map<String, byte[]> actual, Map<String, byte[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualTo(v));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void anExportThatFailsMidwayLeavesTheEarlierExportAsItWasAndNothingBeside(ExportFormat format) throws Exception {
        Path out = outFor(dir, format);
        export(format, out, false);
        Map<String, byte[]> before = snapshot(out);
        // article 2 (DW, 2024-06-20) comes third of five, oldest first: the export fails with two written
        sql("UPDATE article SET variant = CONCAT('X', variant) WHERE id = 2");
        assertThatThrownBy(() -> export(format, out, true)).isInstanceOf(IllegalArgumentException.class);
        assertSameTree(snapshot(out), before);
        assertThat(leftovers(out)).isEmpty();

        sql("UPDATE article SET variant = SUBSTRING(variant, 2) WHERE id = 2");
        assertThat(export(format, out, true).articles()).isEqualTo(5);
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void aSinkThatThrowsMidwayLeavesNoTargetWhereThereWasNone() throws Exception {
        Path out = dir.resolve("seed");
        sql("UPDATE article SET file_path = '../escape.md' WHERE id = 2");
        assertThatThrownBy(() -> export(ExportFormat.SEED, out, false)).isInstanceOf(IOException.class)
            .hasMessageContaining("unsafe file path");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("escape.md")).doesNotExist();
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void whatAKilledExportLeftIsRemovedByTheNextOneButALiveExportIsNotTouched() throws Exception {
        Path out = dir.resolve("seed");
        Path killedTree = dir.resolve(".seed.partial-" + DEAD);
        TestArchives.write(killedTree.resolve("articles/rfa/half.md"), "half");
        Path killedSwap = dir.resolve(".seed.old-" + DEAD);
        TestArchives.write(killedSwap.resolve("articles/rfa/old.md"), "old");
        Path jsonl = dir.resolve("all.jsonl");
        Path killedFile = dir.resolve(".all.jsonl.partial-" + DEAD + "-7");
        Path olderVersionsTemp = dir.resolve(".all.jsonl.18c3f09a2b.partial");
        Files.writeString(killedFile, "{\"half\":");
        Files.writeString(olderVersionsTemp, "{\"half\":");
        // a pid that runs a process started after the leftover was written: reused, so the leftover is stale
        Path reused = dir.resolve(".all.jsonl.partial-" + ProcessHandle.current().parent().orElseThrow().pid() + "-1");
        Files.writeString(reused, "x");
        Files.setLastModifiedTime(reused, FileTime.from(Instant.EPOCH));
        // the same pid, written after that process started: an export running now, left alone
        Path live = dir.resolve(".all.jsonl.partial-" + ProcessHandle.current().parent().orElseThrow().pid() + "-2");
        Files.writeString(live, "x");

        export(ExportFormat.SEED, out, false);
        export(ExportFormat.JSONL, jsonl, false);
        assertThat(leftovers(out)).isEmpty();
        assertThat(leftovers(jsonl)).containsExactly(live.getFileName().toString());
        assertThat(out.resolve("articles/rfa/half.md")).doesNotExist();
        assertThat(out.resolve("lists")).isDirectory();
    }

    @Test
    void aReExportReplacesTheOldOneWholeSoNoStaleFileSurvives() throws Exception {
        Path out = dir.resolve("seed");
        export(ExportFormat.SEED, out, false);
        Map<String, byte[]> first = snapshot(out);
        assertThat(first).containsKey(ExportTarget.MARKER);
        TestArchives.write(out.resolve("articles/rfa/deleted-since.md"), "an article no longer selected");
        TestArchives.write(out.resolve("notes.txt"), "left by hand");
        // a narrower export over the old one: only what it selects remains
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(Exporter.of(nv).export(ExportFormat.SEED, new ArticleQuery("rfa", null, null), out, false, n -> {})
                .articles()).isEqualTo(2);
        }
        assertThat(TestArchives.files(out.resolve("articles"))).extracting(p -> out.relativize(p).toString())
            .containsExactlyInAnyOrder("articles/rfa/000_016469c714a2c238.txt", "articles/rfa/003_b2868bf1b7a93490.txt");
        assertThat(out.resolve("notes.txt")).doesNotExist();
        export(ExportFormat.SEED, out, false);
        Map<String, byte[]> again = snapshot(out);
        again.remove(ExportTarget.MARKER);
        first.remove(ExportTarget.MARKER);
        assertSameTree(again, first);
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void aFolderThatIsNotAnExportIsRefusedAndLeftAlone() throws Exception {
        Path home = dir.resolve("home");
        TestArchives.write(home.resolve("thesis.tex"), "years of work");
        assertThatThrownBy(() -> export(ExportFormat.SEED, home, false)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--out " + home + " is a folder with other files in it, not an earlier newsvault export (it has no "
                + ".newsvault-export); export into a new or empty folder");
        assertThatThrownBy(() -> export(ExportFormat.JEKYLL, home, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(home.resolve("thesis.tex")).hasContent("years of work");
        assertThat(leftovers(home)).isEmpty();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(export(ExportFormat.JEKYLL, empty, false).articles()).isEqualTo(5);
        assertThat(empty.resolve("_config.yml")).exists();

        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> export(ExportFormat.SEED, file, false)).hasMessageContaining("is a file");
        assertThatThrownBy(() -> export(ExportFormat.JSONL, empty, true)).hasMessageContaining("is a folder");
    }

    @Test
    void exportsFromBeforeTheMarkerAreStillRecognised() throws Exception {
        Path seed = dir.resolve("seed");
        Path site = dir.resolve("site");
        export(ExportFormat.SEED, seed, false);
        export(ExportFormat.JEKYLL, site, false);
        Files.delete(seed.resolve(ExportTarget.MARKER));
        Files.delete(site.resolve(ExportTarget.MARKER));
        assertThat(export(ExportFormat.SEED, seed, false).articles()).isEqualTo(5);
        assertThat(export(ExportFormat.JEKYLL, site, false).articles()).isEqualTo(5);
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws Exception {
        Path jsonl = dir.resolve("all.jsonl");
        Files.writeString(jsonl, "mine\n");
        assertThatThrownBy(() -> export(ExportFormat.JSONL, jsonl, false)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--out " + jsonl + " exists; add --force to replace it");
        assertThat(jsonl).hasContent("mine");
        export(ExportFormat.JSONL, jsonl, true);
        List<String> lines = new ArrayList<>(Files.readAllLines(jsonl, UTF_8));
        assertThat(lines).hasSize(5);
        assertThat(leftovers(jsonl)).isEmpty();
    }
}
