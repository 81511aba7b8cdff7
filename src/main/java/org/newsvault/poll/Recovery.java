package org.newsvault.poll;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.TempNames;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes or discards work a crash left half-done, before anything else runs: renders the file of
 * every row committed without one, and deletes leftover temp files (staged blobs in {@code data/tmp},
 * and article temp files beside those rows' files — the only places a temp can be, since a row is
 * committed before its file's temp is created). Cost is proportional to the half-done work, not to
 * the archive.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /** @return how many article files were completed */
    public static int run(Path dataDir, Path archiveRoot, ArticleRepository articles, ArticleArchiver archiver) {
        return run(dataDir, archiveRoot, articles, archiver, TempNames.Leftovers.process());
    }

    /**
     * With several nodes on one archive, {@code scope} keeps recovery off the work of the live ones: their temp
     * files (named after their node) and the rows they committed a moment ago, whose files they are writing now.
     */
    public static int run(Path dataDir, Path archiveRoot, ArticleRepository articles, ArticleArchiver archiver,
                          TempNames.Leftovers scope) {
        deleteTemps(OriginalStore.tmpDir(dataDir), scope);
        int done = 0;
        Set<Path> dirs = new HashSet<>();
        for (ArticleRow row : articles.pendingFiles()) {
            if (!scope.mayFinish(row.fetchedAt())) continue;
            Path file = archiveRoot.resolve(row.filePath());
            dirs.add(file.getParent());
            try {
                archiver.writeFile(row.id(), row);
                done++;
            } catch (IOException | RuntimeException e) {
                log.error("article {}: cannot write {}: {}", row.id(), file, e.getMessage());
            }
        }
        for (Path d : dirs) deleteTemps(d, scope);
        if (done > 0) log.info("recovery: completed {} article file(s) left by an interrupted run", done);
        return done;
    }

    /** Deletes temp files ({@code .*.tmp-*} or {@code *.tmp-*}) in one folder. */
    static void deleteTemps(Path dir) {
        deleteTemps(dir, TempNames.Leftovers.ALL);
    }

    /** Deletes the temp files in one folder that {@code scope} says are leftovers (not a live node's). */
    public static void deleteTemps(Path dir, TempNames.Leftovers scope) {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp-*")) {
            for (Path p : ds) if (scope.mayDelete(p)) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot clean temp files in {}: {}", dir, e.getMessage());
        }
    }
}
