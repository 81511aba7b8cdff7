package org.newsvault.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.RevisionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes revision files a crash left unwritten: renders every revision row not marked written and
 * deletes temp files beside them. The article's own file is finished by {@code poll.Recovery}, since
 * recording a revision marks the article row unwritten too. Cost is proportional to the half-done
 * work. Run once at start, after {@code poll.Recovery} ({@link Rechecker#of} runs it).
 */
public final class RevisionRecovery {
    private static final Logger log = LoggerFactory.getLogger(RevisionRecovery.class);

    private RevisionRecovery() {}

    /** @return how many revision files were completed */
    public static int run(Path archiveRoot, RevisionRepository revisions) {
        return run(archiveRoot, revisions, org.newsvault.model.TempNames.Leftovers.process());
    }

    /** Leaving alone the temp files of live nodes other than this one ({@code scope}). */
    public static int run(Path archiveRoot, RevisionRepository revisions, org.newsvault.model.TempNames.Leftovers scope) {
        RevisionFiles files = new RevisionFiles(archiveRoot, revisions, null);
        int done = 0;
        Set<Path> dirs = new HashSet<>();
        for (RevisionRow r : revisions.pendingFiles()) {
            try {
                Path file = files.resolve(r.revision().filePath());
                dirs.add(file.getParent());
                files.writeRevision(r);
                done++;
            } catch (IOException | RuntimeException e) {
                log.error("article {} revision {}: cannot write its file: {}", r.revision().articleId(), r.revision().n(),
                    e.getMessage());
            }
        }
        for (Path d : dirs) org.newsvault.poll.Recovery.deleteTemps(d, scope);
        if (done > 0) log.info("recovery: completed {} revision file(s) left by an interrupted run", done);
        return done;
    }
}
