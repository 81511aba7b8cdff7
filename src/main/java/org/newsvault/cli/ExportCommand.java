package org.newsvault.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.export.Dates;
import org.newsvault.export.ExportFormat;
import org.newsvault.export.ExportSummary;
import org.newsvault.export.Exporter;
import org.newsvault.export.ImageMode;
import org.newsvault.store.ArticleQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault export --format F --out PATH}: the archive (or part of it) in another shape. */
@Command(name = "export", description = {"Export the archive: seed (article files + list pages), jekyll (a site),",
    "jsonl (one JSON object per article) or warc (the originals; .warc.gz compresses each record).",
    "Kept pictures: jsonl lists each article's images, warc holds their responses;",
    "jekyll --images local copies them to assets/images/ and points the posts at them.",
    "The export is written beside PATH and put in place when complete: a folder replaces an earlier export whole",
    "(a folder with other files in it is refused), an existing file only with --force.",
    "Ctrl-C or SIGTERM stops it: the partial export is deleted and PATH is left as it was.",
    "Exit status: 0 done, 1 failed (the output is left as before), 2 bad usage,",
    Interrupt.HELP + "."})
public final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--format", required = true, paramLabel = "F", description = "seed, jekyll, jsonl or warc")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "folder (seed, jekyll) or file (jsonl, warc)")
    Path out;

    @Option(names = "--images", paramLabel = "WHERE", defaultValue = "remote",
        description = "jekyll: remote (default: the outlets' URLs) or local (copies of the kept images in assets/images/)")
    String images;

    @Option(names = "--force", description = "replace an existing jsonl or warc file")
    boolean force;

    @Option(names = "--outlet", paramLabel = "ID", description = "only this outlet")
    String outlet;

    @Option(names = "--since", paramLabel = "DATE", description = "from this UTC day (YYYY-MM-DD) or ISO instant on")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "up to and including this UTC day, or before this ISO instant")
    String until;

    @Override
    public Integer call() throws Exception {
        ExportFormat f = ExportFormat.parse(format);
        ImageMode imageMode = ImageMode.parse(images);
        if (imageMode == ImageMode.LOCAL && f != ExportFormat.JEKYLL) {
            throw new IllegalArgumentException("--images local is for --format jekyll");
        }
        ArticleQuery q = new ArticleQuery(outlet, Dates.since(since), Dates.until(until));
        var settings = parent.settings();
        try (Interrupt interrupt = Interrupt.open(); Newsvault nv = Newsvault.open(settings)) {
            Exporter exporter = Exporter.of(nv);
            ExportSummary s;
            try (TerminalProgress progress = TerminalProgress.start("export", exporter.count(q), "articles")) {
                s = exporter.export(f, q, out, force, progress::stepTo, interrupt, imageMode);
            }
            if (s.interrupted() || interrupt.requested()) {
                System.out.println(interrupt.what() + ": " + s.line());
                return interrupt.status();
            }
            System.out.println(s.line());
            return 0;
        }
    }
}
