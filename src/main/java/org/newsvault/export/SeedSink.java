package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.newsvault.render.ArticleWriter;
import org.newsvault.store.ArticleRow;

/**
 * {@code --format seed}: every article file as the archive holds it ({@code <out>/<file_path>}, its own
 * variant; an imported file byte for byte), and {@code <out>/lists/<site>.md} per outlet.
 */
final class SeedSink implements ArticleSink {
    private final Path out;
    private final Map<String, String> outletNames;
    private final ListPages lists = new ListPages();
    private long files;

    SeedSink(Path out, Map<String, String> outletNames) {
        this.out = out;
        this.outletNames = outletNames;
    }

    @Override
    public void accept(ArticleRow row) throws IOException {
        OutputPaths.write(OutputPaths.inside(out, row.filePath()), ArticleWriter.render(row.file()));
        lists.add(row);
        files++;
    }

    @Override
    public String finish() throws IOException {
        int pages = lists.write(out.resolve("lists"), outletNames);
        return files + " files, " + pages + " list page" + (pages == 1 ? "" : "s");
    }
}
