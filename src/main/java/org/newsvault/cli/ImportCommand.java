package org.newsvault.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.newsvault.Newsvault;
import org.newsvault.export.ImportListener;
import org.newsvault.export.ImportOutcome;
import org.newsvault.export.ImportSummary;
import org.newsvault.export.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault import PATH...}: existing archive files (either variant) into the archive. */
@Command(name = "import", description = {"Import article files of existing archives (files or folders, either variant).",
    "Files already archived (same URL or same text) are linked, not added; files not in the format are reported",
    "and skipped. Prints one line per skipped file and a summary.",
    "Ctrl-C or SIGTERM stops it cleanly: the files under way are finished, the rest left untouched, and running",
    "the same import again does the rest (the files already imported count as duplicates).",
    "Exit status: 0 every file imported or already there, 1 some file skipped or failed, 2 bad usage,",
    Interrupt.HELP + "."})
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "article files or folders (walked recursively)")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        var settings = parent.settings();
        TerminalProgress[] progress = {null};
        try (Interrupt interrupt = Interrupt.open()) {
            ImportSummary s;
            try (Newsvault nv = Newsvault.open(settings)) {
                s = Importer.of(nv).run(paths, new ImportListener() {
                    @Override
                    public void started(int files) {
                        progress[0] = TerminalProgress.start("import", files, "files");
                    }

                    @Override
                    public void finished(Path file, ImportOutcome outcome, String reason) {
                        if (reason != null) progress[0].println(outcome.name().toLowerCase(Locale.ROOT) + " " + file + ": " + reason);
                        progress[0].step();
                    }
                }, () -> interrupt.getAsBoolean() || nv.db.daemonGone());
            } finally {
                if (progress[0] != null) progress[0].close();
            }
            if (interrupt.requested()) {
                System.out.println(interrupt.what() + ": " + s.line());
                return interrupt.status();
            }
            System.out.println(s.line());
            return s.skipped() + s.failed() > 0 ? 1 : 0;
        }
    }
}
