package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.RevisionRow;

/**
 * {@code --format seed}: every article file as the archive holds it ({@code <out>/articles/<file_path>}, its
 * own variant; an imported file byte for byte), the files of its earlier versions if it was edited
 * ({@code <name>.revisions/<n>.md}), and {@code <out>/lists/<site>.md} per outlet. Articles go under
 * {@code articles/} because that is where the list pages of FORMAT.md link ({@code /articles/<outlet>/<file>}),
 * the layout of the public archives this mirrors.
 */
final class SeedSink implements ArticleSink {
    private final Path out;
    private final Path articles;
    private final Map<String, String> outletNames;
    private final Revisions revisions;
    private final ListPages lists = new ListPages();
    private long files;
    private long versions;

    SeedSink(Path out, Map<String, String> outletNames, Revisions revisions) {
        this.out = out;
        this.articles = out.resolve("articles");
        this.outletNames = outletNames;
        this.revisions = revisions;
    }

    @Override
    public void accept(ArticleRow row) throws IOException {
        OutputPaths.write(OutputPaths.inside(articles, row.filePath()), ArticleWriter.render(row.file()));
        for (RevisionRow r : revisions.of(row.id())) {
            OutputPaths.write(OutputPaths.inside(articles, r.revision().filePath()), ArticleWriter.render(r.file()));
            versions++;
        }
        lists.add(row);
        files++;
    }

    @Override
    public String finish() throws IOException {
        int pages = lists.write(out.resolve("lists"), outletNames);
        return files + " files, " + (versions > 0 ? versions + " revision files, " : "") + pages + " list page"
            + (pages == 1 ? "" : "s");
    }
}
