package org.newsvault.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.newsvault.Newsvault;
import org.newsvault.archive.OriginalStore;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.Database;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.OutletRepository;

/**
 * {@code newsvault export}: streams the selected articles, oldest first, into one {@link ExportFormat}.
 * Nothing is collected on the way (list pages keep 300 entries per outlet, Jekyll names one day's), so a
 * large archive exports in constant memory. {@code out} is a folder for seed and jekyll, a file for
 * jsonl and warc; either is written beside and put in place when complete ({@link ExportTarget}).
 */
public final class Exporter {
    private final ArticleRepository articles;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final OutletRepository outlets;
    private final Database db;
    private final ImageRepository images;

    public Exporter(ArticleRepository articles, OriginalRepository originalRows, OriginalStore originals,
                    OutletRepository outlets, Database db, ImageRepository images) {
        this.images = images;
        this.articles = articles;
        this.originalRows = originalRows;
        this.originals = originals;
        this.outlets = outlets;
        this.db = db;
    }

    public static Exporter of(Newsvault nv) {
        return new Exporter(nv.articles, nv.originalRows, nv.originals, nv.outlets, nv.db, new ImageRepository(nv.db));
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
        return export(format, query, out, false, progress);
    }

    /**
     * Writes the export beside {@code out} and puts it in place when complete ({@link ExportTarget}): a failed or
     * killed export leaves {@code out} as it was. A folder export replaces an earlier export whole.
     *
     * @param force replace an existing jsonl or warc file (folders are replaced only when they are exports)
     * @throws IllegalArgumentException when {@code query} names an outlet the archive does not have, or {@code out}
     *                                  holds something an export must not replace
     */
    public ExportSummary export(ExportFormat format, ArticleQuery query, Path out, boolean force, LongConsumer progress)
        throws IOException {
        return export(format, query, out, force, progress, () -> false);
    }

    /**
     * As {@link #export(ExportFormat, ArticleQuery, Path, boolean, LongConsumer)}, stopping once {@code stop} says so
     * (checked once per article): the partial export is deleted, {@code out} is left as it was, and the summary says
     * how far it got ({@link ExportSummary#interrupted}).
     */
    public ExportSummary export(ExportFormat format, ArticleQuery query, Path out, boolean force, LongConsumer progress,
                                BooleanSupplier stop) throws IOException {
        return export(format, query, out, force, progress, stop, ImageMode.REMOTE);
    }

    /**
     * As above; {@code images} LOCAL (jekyll only) copies the kept images beside the posts and points the posts at
     * them.
     *
     * @throws IllegalArgumentException also for LOCAL with another format than jekyll (the seed export is the
     *                                  article files byte for byte; jsonl and warc carry the images their own way)
     */
    public ExportSummary export(ExportFormat format, ArticleQuery query, Path out, boolean force, LongConsumer progress,
                                BooleanSupplier stop, ImageMode images) throws IOException {
        if (images == ImageMode.LOCAL && format != ExportFormat.JEKYLL) {
            throw new IllegalArgumentException("--images local is for --format jekyll (" + format.name().toLowerCase(java.util.Locale.ROOT)
                + " exports keep the article files or list the images themselves)");
        }
        Map<String, String> names = outlets.all();
        if (query.outletId() != null && !names.containsKey(query.outletId())) {
            throw new IllegalArgumentException("no outlet '" + query.outletId() + "' in the archive");
        }
        long[] n = {0};
        try (ExportTarget target = ExportTarget.open(format, out, force)) {
            String detail;
            try (ArticleSink sink = open(format, query, target.path(), out, names, images)) {
                try {
                    articles.stream(query, row -> {
                        if (stop.getAsBoolean()) throw new Stopped();
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
                } catch (Stopped e) {
                    return new ExportSummary(format, n[0], out, "stopped; nothing written", true);
                }
                detail = sink.finish();
            }
            target.commit();
            return new ExportSummary(format, n[0], out, detail, false);
        }
    }

    /** Ends the stream of rows early; never leaves this class. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** A sink writing into {@code into} (the temp folder or file), for an export that becomes {@code out}. */
    private ArticleSink open(ExportFormat format, ArticleQuery query, Path into, Path out, Map<String, String> names,
                             ImageMode imageMode) throws IOException {
        return switch (format) {
            case SEED -> new SeedSink(into, names, new Revisions(db));
            case JEKYLL -> imageMode == ImageMode.LOCAL ? new JekyllSink(into, names, images, originals) : new JekyllSink(into, names);
            case JSONL -> new JsonlSink(into, names, new Revisions(db), images);
            case WARC -> new WarcSink(into, out.getFileName().toString(), query.equals(ArticleQuery.ALL), originalRows,
                originals, new Revisions(db), images);
        };
    }
}
