package org.newsvault.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongConsumer;
import org.newsvault.Newsvault;
import org.newsvault.archive.OriginalStore;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.Database;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.OutletRepository;

/**
 * {@code newsvault export}: streams the selected articles, oldest first, into one {@link ExportFormat}.
 * Nothing is collected on the way (list pages keep 300 entries per outlet, Jekyll names one day's), so a
 * large archive exports in constant memory. {@code out} is a folder for seed and jekyll, a file for
 * jsonl and warc (written beside and renamed into place when complete).
 */
public final class Exporter {
    private final ArticleRepository articles;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final OutletRepository outlets;
    private final Database db;

    public Exporter(ArticleRepository articles, OriginalRepository originalRows, OriginalStore originals,
                    OutletRepository outlets, Database db) {
        this.articles = articles;
        this.originalRows = originalRows;
        this.originals = originals;
        this.outlets = outlets;
        this.db = db;
    }

    public static Exporter of(Newsvault nv) {
        return new Exporter(nv.articles, nv.originalRows, nv.originals, nv.outlets, nv.db);
    }

    /** How many articles {@code query} selects (for a progress bar). */
    public long count(ArticleQuery query) {
        return articles.count(query);
    }

    /**
     * @param progress told once per article written
     * @throws IllegalArgumentException when {@code query} names an outlet the archive does not have
     */
    public ExportSummary export(ExportFormat format, ArticleQuery query, Path out, LongConsumer progress) throws IOException {
        Map<String, String> names = outlets.all();
        if (query.outletId() != null && !names.containsKey(query.outletId())) {
            throw new IllegalArgumentException("no outlet '" + query.outletId() + "' in the archive");
        }
        long[] n = {0};
        try (ArticleSink sink = open(format, query, out, names)) {
            try {
                articles.stream(query, row -> {
                    try {
                        sink.accept(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    n[0]++;
                    progress.accept(n[0]);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return new ExportSummary(format, n[0], out, sink.finish());
        }
    }

    private ArticleSink open(ExportFormat format, ArticleQuery query, Path out, Map<String, String> names) throws IOException {
        return switch (format) {
            case SEED -> new SeedSink(out, names, new Revisions(db));
            case JEKYLL -> new JekyllSink(out, names);
            case JSONL -> new JsonlSink(out, names, new Revisions(db));
            case WARC -> new WarcSink(out, query.equals(ArticleQuery.ALL), originalRows, originals, new Revisions(db));
        };
    }
}
