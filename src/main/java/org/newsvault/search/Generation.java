package org.newsvault.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * One generation of the index, open: its directory, its writer (null when opened read-only) and a
 * {@link SearcherManager} for near-real-time searchers. Every commit records the schema, the time and
 * whether the writer was closed cleanly, which is how a crash is detected on the next open.
 */
final class Generation implements Closeable {
    static final String KEY_SCHEMA = "newsvault.schema";
    static final String KEY_CLEAN = "newsvault.clean";
    static final String KEY_COMMITTED = "newsvault.committed";

    final String name;
    final Directory dir;
    final IndexWriter writer;
    final SearcherManager searchers;

    private Generation(String name, Directory dir, IndexWriter writer, SearcherManager searchers) {
        this.name = name;
        this.dir = dir;
        this.writer = writer;
        this.searchers = searchers;
    }

    static Generation openWriter(Path root, String name, boolean create, double ramBufferMb) throws IOException {
        Directory dir = FSDirectory.open(root.resolve(name));
        IndexWriter w = null;
        try {
            IndexWriterConfig cfg = new IndexWriterConfig(new SearchAnalyzer(SearchAnalyzer.Mode.INDEX))
                    .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setCommitOnClose(false)
                    .setRAMBufferSizeMB(ramBufferMb);
            w = new IndexWriter(dir, cfg);
            return new Generation(name, dir, w, new SearcherManager(w, null));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w, dir);
            throw e;
        }
    }

    static Generation openReader(Path root, String name) throws IOException {
        Directory dir = FSDirectory.open(root.resolve(name));
        try {
            return new Generation(name, dir, null, new SearcherManager(DirectoryReader.open(dir), null));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(dir);
            throw e;
        }
    }

    void commit(boolean clean, Instant now) throws IOException {
        writer.setLiveCommitData(Map.of(KEY_SCHEMA, Fields.SCHEMA, KEY_CLEAN, Boolean.toString(clean),
                KEY_COMMITTED, Long.toString(now.toEpochMilli())).entrySet(), true);
        writer.commit();
    }

    @Override
    public void close() throws IOException {
        // Without commitOnClose, closing drops what was not committed: callers commit first.
        IOUtils.close(searchers, writer, dir);
    }
}
