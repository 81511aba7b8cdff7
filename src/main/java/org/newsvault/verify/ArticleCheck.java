package org.newsvault.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.Original;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.OriginalRepository;

/** Checks one streamed article row against its file and its original; repairs the file from the row. */
final class ArticleCheck implements Consumer<ArticleRow> {
    /** Originals already looked up (a feed's original is shared by all its items); bounded. */
    private static final int CACHE = 10_000;

    private final Path archive;
    private final ArticleRepository articles;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final ArticleArchiver archiver;
    private final boolean repair;
    private final boolean live;
    private int inFlight;
    private final Consumer<Problem> out;
    private final Map<Long, String> originalState = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> e) {
            return size() > CACHE;
        }
    };
    private long count;

    ArticleCheck(Path archive, ArticleRepository articles, OriginalRepository originalRows, OriginalStore originals,
                 ArticleArchiver archiver, boolean repair, Consumer<Problem> out) {
        this(archive, articles, originalRows, originals, archiver, repair, false, out);
    }

    /** @param live the daemon runs and writes beside us: its unmarked rows are in flight, not problems */
    ArticleCheck(Path archive, ArticleRepository articles, OriginalRepository originalRows, OriginalStore originals,
                 ArticleArchiver archiver, boolean repair, boolean live, Consumer<Problem> out) {
        this.live = live;
        this.archive = archive.toAbsolutePath().normalize();
        this.articles = articles;
        this.originalRows = originalRows;
        this.originals = originals;
        this.archiver = archiver;
        this.repair = repair;
        this.out = out;
    }

    long count() {
        return count;
    }

    /** Rows skipped as the daemon's work in flight ({@code live} only). */
    int inFlight() {
        return inFlight;
    }

    @Override
    public void accept(ArticleRow row) {
        count++;
        checkFile(row);
        checkOriginal(row);
    }

    private void checkFile(ArticleRow row) {
        String where = row.filePath() + " (article " + row.id() + ")";
        Path file = archive.resolve(row.filePath()).normalize();
        if (!file.startsWith(archive) || file.equals(archive)) {
            out.accept(new Problem(Problem.Kind.BAD_PATH, "article " + row.id(), "file path '" + row.filePath()
                + "' points outside the archive; left alone", null));
            return;
        }
        if (live && !row.fileWritten()) {
            // The daemon marks a row once its file is forced (at the end of the feed): until then it is its
            // work in flight, and a repair here would mark a file no one has forced.
            inFlight++;
            return;
        }
        byte[] expected = ArticleWriter.render(row.file());
        try {
            if (!Files.isRegularFile(file)) {
                Problem p = row.fileWritten()
                    ? new Problem(Problem.Kind.MISSING_FILE, where, "no file", null)
                    : new Problem(Problem.Kind.PENDING_FILE, where, "row committed, file never written (an interrupted run)", null);
                out.accept(repair ? p.repairedBy(rewrite(row)) : p);
            } else if (!row.fileWritten() && (Files.size(file) != expected.length
                || !Arrays.equals(Files.readAllBytes(file), expected))) {
                // Not marked: the write was never confirmed on disk (files are forced per feed, before their
                // marks), so a power cut may have left it empty or short. Startup renders it again.
                Problem p = new Problem(Problem.Kind.PENDING_FILE, where,
                    "row committed, file not yet forced to disk and incomplete (an interrupted run)", null);
                out.accept(repair ? p.repairedBy(rewrite(row)) : p);
            } else if (Files.size(file) != expected.length || !Arrays.equals(Files.readAllBytes(file), expected)) {
                Problem p = new Problem(Problem.Kind.DIFFERENT_FILE, where, "bytes differ from the row's rendering", null);
                if (repair) {
                    Path aside = ArchiveWalk.moveAside(archive, file);
                    p = p.repairedBy("moved to " + archive.relativize(aside) + ", " + rewrite(row));
                }
                out.accept(p);
            } else if (!row.fileWritten()) {
                Problem p = new Problem(Problem.Kind.PENDING_FILE, where, "file complete, row not yet marked written", null);
                if (repair) {
                    articles.markFileWritten(row.id());
                    p = p.repairedBy("marked written");
                }
                out.accept(p);
            }
        } catch (IOException | RuntimeException e) {
            out.accept(new Problem(Problem.Kind.MISSING_FILE, where, "cannot check or repair: " + oneLine(e), null));
        }
    }

    private String rewrite(ArticleRow row) throws IOException {
        archiver.writeFile(row.id(), row);
        return "re-rendered from the database";
    }

    private void checkOriginal(ArticleRow row) {
        Long id = row.originalId();
        if (id == null) return;
        String state = originalState.get(id);
        if (state == null) {
            Optional<Original> o = originalRows.find(id);
            state = o.isEmpty() ? "no original row " + id
                : originals.has(o.get().sha256()) ? "" : "original " + id + " (" + o.get().sha256() + ") is not on disk";
            originalState.put(id, state);
        }
        if (!state.isEmpty()) {
            out.accept(new Problem(Problem.Kind.MISSING_ORIGINAL, "article " + row.id(), state + "; cannot be recreated", null));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
