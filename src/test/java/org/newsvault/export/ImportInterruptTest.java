package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.Settings;
import org.newsvault.verify.Problem;
import org.newsvault.verify.Verifier;
import org.newsvault.verify.VerifyReport;

/** An import stopped part way (Ctrl-C) finishes what it started, leaves a consistent archive, and resumes. */
class ImportInterruptTest {
    static final int FILES = 150;

    @TempDir
    Path dir;

    /** {@code FILES} distinct articles, plus every tenth one again under another name (a duplicate). */
    Path articles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < FILES; i++) {
            String body = "<p>Paragraph " + i + " of a story about the harbour, told for the " + i + "th time.</p>";
            String text = ImporterTest.plain("1614834367000", "Story " + i, "https://example.org/news/" + i + ".html", body);
            Files.writeString(root.resolve(String.format("%04d.md", i)), text);
            if (i % 10 == 0) Files.writeString(root.resolve(String.format("%04d-again.md", i)), text);
        }
        return root;
    }

    /** Stops on the {@code n + 1}-th check: after {@code n} files, as a Ctrl-C the command turns into a stop would. */
    static BooleanSupplier after(int n) {
        AtomicInteger checks = new AtomicInteger();
        return () -> checks.incrementAndGet() > n;
    }

    static List<Problem> verify(Settings s) {
        List<Problem> found = new ArrayList<>();
        VerifyReport r = new Verifier(s.data(), s.archive(), false, false, found::add).run();
        assertThat(r.clean()).as("verify: %s", found).isTrue();
        return found;
    }

    static long blobs(Settings s) throws Exception {
        Path root = s.data().resolve("originals");
        if (!Files.isDirectory(root)) return 0;
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aStoppedImportFinishesItsFilesInFlightAndTheNextOneDoesTheRest() throws Exception {
        Path in = articles();
        int total = FILES + FILES / 10;
        Settings s = TestArchives.settings(dir);
        ImportSummary first;
        List<String> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Newsvault nv = Newsvault.open(s)) {
            first = Importer.of(nv).run(List.of(in), (f, o, r) -> reported.add(f.getFileName().toString()), after(60));
            // Everything decided is complete before run returns: rows marked written, no original without its article.
            assertThat(nv.articles.pendingFiles()).isEmpty();
            assertThat(ImporterTest.originals(nv)).isEqualTo(first.imported());
        }
        assertThat(first.files()).isEqualTo(total);
        assertThat(first.left()).isPositive();
        // The 60 files begun are finished (10 of them repeat an earlier one); the others are not touched.
        assertThat(first.imported()).isEqualTo(54);
        assertThat(first.duplicates()).isEqualTo(6);
        assertThat(first.left()).isEqualTo(total - 60);
        assertThat(first.done()).isEqualTo(60).isEqualTo(reported.size())
            .isEqualTo(first.imported() + first.duplicates() + first.skipped() + first.failed());
        assertThat(first.failed() + first.skipped()).isZero();
        assertThat(first.line()).contains(first.done() + " of " + total + " files")
            .contains(first.left() + " not imported yet: import the same paths again to finish");
        assertThat(blobs(s)).isEqualTo(first.imported());
        verify(s);

        ImportSummary second;
        try (Newsvault nv = Newsvault.open(s)) {
            second = Importer.of(nv).run(List.of(in), (f, o, r) -> {});
            assertThat(ImporterTest.rows(nv)).hasSize(FILES);
            assertThat(ImporterTest.originals(nv)).isEqualTo(FILES);
        }
        assertThat(second.left()).isZero();
        assertThat(second.imported()).isEqualTo(FILES - first.imported());
        assertThat(second.duplicates()).isEqualTo(total - FILES + first.imported());
        assertThat(second.line()).doesNotContain("not imported yet").contains("(" + total + " files in ");
        assertThat(blobs(s)).isEqualTo(FILES);
        verify(s);
    }

    @Test
    void aStopBeforeTheFirstFileWritesNothing() throws Exception {
        Path in = articles();
        Settings s = TestArchives.settings(dir);
        try (Newsvault nv = Newsvault.open(s)) {
            ImportSummary r = Importer.of(nv).run(List.of(in), (f, o, x) -> {}, () -> true);
            assertThat(r.done()).isZero();
            assertThat(r.left()).isEqualTo(r.files());
            assertThat(ImporterTest.rows(nv)).isEmpty();
        }
        assertThat(blobs(s)).isZero();
        verify(s);
    }
}
