package org.newsvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.newsvault.search.Reindexer;
import org.newsvault.search.SearchDocument;

/**
 * The floor under the index build: the same documents indexed in memory (no database) by our index
 * ({@link Reindexer}: our analysis, every field) and by bare Lucene with its own CJK bigram analyzer (a title and a
 * stored body with positions, no filters of ours), side by side in one run. What the build from the database costs
 * beyond the first is reading the rows and turning their HTML into text; what the first costs beyond the second is
 * our analysis and fields. Bare Lucene's rate is about what any bigram index of these bodies can do on this machine.
 */
final class IndexFloor {
    record Rates(int documents, double oursPerSecond, double barePerSecond) {}

    private IndexFloor() {}

    static Rates measure(Path work, Corpus corpus, int n) throws IOException, InterruptedException {
        List<SearchDocument> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Corpus.Story s = corpus.story(i);
            docs.add(new SearchDocument(i + 1, BenchConfig.ARCHIVE_OUTLET, s.title(), "", s.text() + "\n第 " + (i + 1) + " 篇",
                List.of("https://bench.invalid/a/" + (i + 1)), Instant.ofEpochSecond(1_700_000_000L + 60L * i), "live", "full"));
        }
        bare(Files.createTempDirectory(work, "floor-warm"), docs.subList(0, Math.min(n, 2_000)));
        double bare = bare(Files.createTempDirectory(work, "floor-bare"), docs);
        long t = System.nanoTime();
        Reindexer.rebuild(Files.createTempDirectory(work, "floor-ours"), docs, Reindexer.Progress.NONE);
        double ours = n / ((System.nanoTime() - t) / 1e9);
        return new Rates(n, ours, bare);
    }

    /** Documents per second: one writer, a thread per core (as the rebuild has), committed at the end. */
    private static double bare(Path dir, List<SearchDocument> docs) throws IOException, InterruptedException {
        FieldType text = new FieldType(TextField.TYPE_STORED);
        text.freeze();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long t = System.nanoTime();
        try (var d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new CJKAnalyzer(CharArraySet.EMPTY_SET))
                 .setRAMBufferSizeMB(64))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int first = k;
                    parts.add(pool.submit(() -> {
                        for (int i = first; i < docs.size(); i += threads) {
                            SearchDocument s = docs.get(i);
                            Document doc = new Document();
                            doc.add(new StringField("id", Long.toString(s.id()), Field.Store.YES));
                            doc.add(new Field("title", s.title(), text));
                            doc.add(new Field("body", s.body(), text));
                            w.addDocument(doc);
                        }
                        return null;
                    }));
                }
                for (Future<?> p : parts) p.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("bare Lucene build failed", e.getCause());
            } finally {
                pool.shutdown();
            }
            w.commit();
        }
        return docs.size() / ((System.nanoTime() - t) / 1e9);
    }
}
