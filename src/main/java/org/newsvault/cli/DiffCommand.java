package org.newsvault.cli;

import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.store.ArticleRow;
import org.newsvault.watch.ArticleHistory;
import org.newsvault.watch.TextDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault diff ARTICLE}: what changed between two versions of an article, character by character. */
@Command(name = "diff", description = {"Show what changed between two versions of an article:",
    "the title, then each changed paragraph with [-removed-]{+added+} (colored on a terminal).",
    "Versions are numbered from 1, the article as first archived; see `newsvault changes`."})
public final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Parameters(paramLabel = "ARTICLE", description = "article id, or a URL it was archived under")
    String article;

    @Option(names = "--from", paramLabel = "N", description = "older version (default: the one before --to)")
    Integer from;

    @Option(names = "--to", paramLabel = "M", description = "newer version (default: the latest)")
    Integer to;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
        description = "auto (on a terminal), always or never")
    String color;

    @Override
    public Integer call() {
        boolean useColor = switch (color) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null;
            default -> throw new IllegalArgumentException("--color must be auto, always or never, not '" + color + "'");
        };
        try (Newsvault nv = Newsvault.open(parent.settings())) {
            ArticleHistory history = ArticleHistory.of(nv);
            ArticleRow a = history.find(article)
                .orElseThrow(() -> new IllegalArgumentException("no archived article '" + article + "'"));
            int latest = history.latest(a.id());
            System.out.println("article " + a.id() + "  " + a.outletId() + "  " + a.file().url() + "  (" + a.status() + ")");
            if (latest == 1 && from == null && to == null) {
                System.out.println("one version: unchanged since it was archived " + ChangesCommand.TIME.format(a.fetchedAt()));
                return 0;
            }
            int m = to == null ? latest : to;
            int n = from == null ? m - 1 : from;
            var older = history.version(a, n).orElseThrow(() -> noVersion(n, latest));
            var newer = history.version(a, m).orElseThrow(() -> noVersion(m, latest));
            System.out.println("version " + n + " (" + ChangesCommand.TIME.format(older.fetchedAt()) + ") → version " + m
                + " (" + ChangesCommand.TIME.format(newer.fetchedAt()) + ")");
            System.out.println(older.title().equals(newer.title()) ? "title: " + newer.title() + " (unchanged)"
                : "title: " + TextDiff.inline(older.title(), newer.title(), useColor));
            String body = TextDiff.paragraphs(TextDiff.paragraphs(older.bodyHtml()), TextDiff.paragraphs(newer.bodyHtml()),
                useColor);
            System.out.print(body.isEmpty() ? "text: unchanged\n" : body);
            return 0;
        }
    }

    private static IllegalArgumentException noVersion(int n, int latest) {
        return new IllegalArgumentException("no version " + n + ": the article has versions 1 to " + latest);
    }
}
