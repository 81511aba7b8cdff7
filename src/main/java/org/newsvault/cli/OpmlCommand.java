package org.newsvault.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.newsvault.config.FeedEditor;
import org.newsvault.config.Opml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code newsvault opml import FILE} and {@code newsvault opml export [--out FILE]}. */
@Command(name = "opml", description = "Import feeds from, or export them to, an OPML file.",
    subcommands = {OpmlCommand.Import.class, OpmlCommand.Export.class})
public final class OpmlCommand implements Runnable {
    @ParentCommand
    NewsvaultCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: import or export");
    }

    @Command(name = "import", description = {"Add the feeds of an OPML file (http and https only) as outlets in",
        "config/outlets.d/. Each folder becomes an outlet (id from its title, else the feed's host);",
        "feeds already configured are skipped."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        OpmlCommand opml;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            Opml.Document doc = Opml.read(file);
            var r = new FeedEditor(opml.parent.config).importOutlets(doc.outlets());
            System.out.printf("imported %d feeds: %d new outlets, %d outlets extended; skipped %d already configured,"
                + " %d repeated in the file, %d not http(s)%n",
                r.feedsAdded(), r.outletsCreated(), r.outletsExtended(), r.duplicates(), doc.repeated(), doc.invalid());
            r.skipped().forEach(s -> System.out.println("not imported: " + s));
            return 0;
        }
    }

    @Command(name = "export", description = "Write every configured feed as OPML 2.0, one folder per outlet.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        OpmlCommand opml;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;

        @Override
        public Integer call() throws IOException {
            String xml = Opml.write(opml.parent.settings().outlets(), Instant.now());
            if (out == null) {
                System.out.print(xml);
            } else {
                Path abs = out.toAbsolutePath();
                Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
                Files.writeString(tmp, xml, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.err.println("wrote " + out);
            }
            return 0;
        }
    }
}
