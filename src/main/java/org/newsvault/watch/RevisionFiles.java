package org.newsvault.watch;

import java.io.IOException;
import java.nio.file.Path;
import org.newsvault.poll.ArticleArchiver;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.RevisionRow;

/**
 * Where revisions live on disk, and writing them.
 *
 * <p>Layout: {@code archive/<outlet>/<year>/<name>.md} is always the latest version (the path never
 * changes), and {@code archive/<outlet>/<year>/<name>.revisions/<n>.md} is version n as a full article
 * file: {@code 1.md} is byte for byte the file first archived, the highest number is the same as
 * {@code <name>.md}. Every version keeps its own file, so a version's path never changes once written.
 *
 * <p>Files are written after the rows are committed ({@link RevisionRepository#recordEdit}) and each
 * is marked written after its atomic rename, so a crash leaves only rows that
 * {@link RevisionRecovery} renders again.
 */
final class RevisionFiles {
    private final Path archiveRoot;
    private final RevisionRepository revisions;
    private final ArticleArchiver archiver;

    RevisionFiles(Path archiveRoot, RevisionRepository revisions, ArticleArchiver archiver) {
        this.archiveRoot = archiveRoot;
        this.revisions = revisions;
        this.archiver = archiver;
    }

    /** The file of version {@code n} of the article whose file is {@code articleFilePath}. */
    static String path(String articleFilePath, int n) {
        String base = articleFilePath.endsWith(".md")
            ? articleFilePath.substring(0, articleFilePath.length() - 3) : articleFilePath;
        return base + ".revisions/" + n + ".md";
    }

    /** Writes the committed versions' files, then the article's own file (the latest version). */
    void write(RevisionRepository.Recorded rec) throws IOException {
        for (RevisionRow r : rec.revisions()) writeRevision(r);
        archiver.writeFile(rec.article().id(), rec.article());
    }

    void writeRevision(RevisionRow r) throws IOException {
        ArticleWriter.writeAtomically(resolve(r.revision().filePath()), r.file());
        revisions.markFileWritten(r.id());
    }

    Path resolve(String relative) {
        Path root = archiveRoot.toAbsolutePath().normalize();
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("revision path outside the archive: " + relative);
        }
        return p;
    }
}
