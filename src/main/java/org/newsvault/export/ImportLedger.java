package org.newsvault.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.newsvault.store.ArticleRepository;

/**
 * The dedupe decision of an import, made one file at a time (in file order, so repeated imports decide
 * alike) while the writes of earlier files are still under way. A file is a duplicate when its canonical
 * URL or its text is already in the archive <em>or</em> in an earlier file whose row is not committed yet;
 * a new article gets an archive path nobody else has (its own file name under its outlet, with
 * {@code -2}, {@code -3}, … when that is taken by another article, an earlier file or a file on disk).
 *
 * <p>Claims come from one thread (the decider); writers on other threads only remove their entries, and
 * only after their commit. So a claim that looks at the in-flight maps before the database sees every
 * earlier article in one of the two, without a lock around the (slow) database reads.
 */
final class ImportLedger implements AutoCloseable {
    /** The decision for one file. */
    sealed interface Claim {
        /** Already archived as {@code articleId}. */
        record Known(long articleId) implements Claim {}

        /** Same article as an earlier file of this import, not yet committed: its id comes with {@code first}. */
        record Waiting(CompletableFuture<Long> first) implements Claim {}

        /** New: write it at {@code filePath} (relative to the archive root) and complete {@code done} with its id. */
        record Fresh(String filePath, CompletableFuture<Long> done) implements Claim {}
    }

    /** Longest file name kept, in UTF-8 bytes (file systems allow 255; suffixes need room). */
    static final int MAX_NAME_BYTES = 200;

    private final ArticleRepository.Lookups articles;
    private final Path archiveRoot;
    private final Map<String, CompletableFuture<Long>> byUrl = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> byHash = new ConcurrentHashMap<>();
    private final Set<String> paths = ConcurrentHashMap.newKeySet();

    /** @param articles lookups on a connection of their own, used from the claiming thread only; closed with this */
    ImportLedger(ArticleRepository.Lookups articles, Path archiveRoot) {
        this.articles = articles;
        this.archiveRoot = archiveRoot;
    }

    Claim claim(ImportedFile f, String outletId) {
        // In-flight first, database second: an entry leaves the map only after its commit, so an article
        // missing from the map here is either in the database already or not claimed by anyone.
        CompletableFuture<Long> first = byUrl.get(f.canonicalUrl());
        if (first == null && f.hasText()) first = byHash.get(f.contentHash());
        if (first != null) return new Claim.Waiting(first);
        Optional<Long> known = articles.findBySighting(f.canonicalUrl());
        if (known.isEmpty() && f.hasText()) known = articles.findByContentHash(f.contentHash());
        if (known.isPresent()) return new Claim.Known(known.get());
        String path = freePath(outletId, safeName(f.source().getFileName().toString()));
        CompletableFuture<Long> done = new CompletableFuture<>();
        byUrl.put(f.canonicalUrl(), done);
        if (f.hasText()) byHash.putIfAbsent(f.contentHash(), done);
        paths.add(path);
        return new Claim.Fresh(path, done);
    }

    /** The file's row is committed (or will never be): the database answers for it from now on. */
    void settled(ImportedFile f, Claim.Fresh claim) {
        byUrl.remove(f.canonicalUrl(), claim.done());
        byHash.remove(f.contentHash(), claim.done());
        paths.remove(claim.filePath());
    }

    private String freePath(String outletId, String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String path = outletId + "/" + name;
        for (int n = 2; taken(path); n++) path = outletId + "/" + stem + "-" + n + ext;
        return path;
    }

    private boolean taken(String path) {
        return paths.contains(path) || articles.filePathTaken(path) || Files.exists(archiveRoot.resolve(path));
    }

    /**
     * The file's own name, made safe to keep in the archive on any system it may be copied to: no control or
     * reserved characters, no name Windows reserves ({@link OutputPaths#portable}), not hidden, not mistaken for a
     * temp file by recovery ({@code *.tmp-*}), at most {@value #MAX_NAME_BYTES} bytes.
     */
    static String safeName(String name) {
        String s = OutputPaths.portable(name).replace(".tmp-", "-tmp-");
        if (s.startsWith(".")) s = "_" + s;
        if (s.isEmpty() || s.equals("_.") || s.equals("_..")) s = "article.md";
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            String stem = s.substring(0, s.length() - ext.length());
            while (stem.getBytes(StandardCharsets.UTF_8).length + ext.length() > MAX_NAME_BYTES) {
                stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
            }
            s = OutputPaths.portable(stem + ext);
        }
        return s;
    }

    @Override
    public void close() {
        articles.close();
    }
}
