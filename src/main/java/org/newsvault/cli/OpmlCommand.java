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
@Command(name = "opml", description = {"Import feeds from, or export them to, an OPML file.",
    "See `newsvault opml import --help` and `newsvault opml export --help`."},
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

    @Command(name = "import", description = {
        "Add the feeds of an OPML file from another reader (Miniflux, FreshRSS, Feedly, newsboat, ...) to config/outlets.d/.",
        "Feeds are grouped by site: the feeds of one site (the host of their htmlUrl, else the feed's domain) become one outlet named after the site, and the reader's folder is kept as the outlet's category.",
        "With --group-by folder, each folder becomes one outlet instead.",
        "A new outlet's id comes from the site's title (else its host) and never takes the id of another site's outlet.",
        "A file written by `opml export` goes back to the same outlets with all their settings.",
        "Only http and https feeds are taken; file:, javascript: and data: URLs are refused with a line naming the outline.",
        "A feed already configured (compared with scheme, host case, default port and tracking parameters normalised) is skipped with a line naming the outlet that has it.",
        "Outlets already in the config only gain feeds; their settings are not changed.",
        "Prints one line per skipped or refused outline, then a summary.",
        "Exit status: 0 every feed of the file is configured now (imported, or there already), 1 some outline was not imported (each is named above the summary) or the file is not readable OPML, 2 bad usage or a config that does not load."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        OpmlCommand opml;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the OPML file")
        Path file;

        @Option(names = "--group-by", paramLabel = "site|folder", defaultValue = "site",
            description = "site: one outlet per site, folders kept as categories (default); folder: one outlet per folder")
        String groupBy;

        @Override
        public Integer call() throws IOException {
            Opml.Grouping grouping;
            try {
                grouping = Opml.Grouping.parse(groupBy);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Opml.Document doc = Opml.read(file, grouping);
            var r = new FeedEditor(opml.parent.config).importOutlets(doc.outlets());
            doc.problems().forEach(System.out::println);
            r.lines().forEach(System.out::println);
            int ignoredKeys = doc.problems().size() - doc.invalid() - doc.repeated();
            System.out.printf("imported %d feeds: %d new outlets, %d outlets extended; skipped %d already configured,"
                + " %d repeated in the file, %d not http(s)%s%n",
                r.feedsAdded(), r.outletsCreated(), r.outletsExtended(), r.duplicates(), doc.repeated(), doc.invalid(),
                (r.refused() > 0 ? "; " + r.refused() + " not imported" : "")
                    + (ignoredKeys > 0 ? "; " + ignoredKeys + " nv: settings ignored" : ""));
            return doc.invalid() + r.refused() + ignoredKeys > 0 ? 1 : 0;
        }
    }

    @Command(name = "export", description = {
        "Write every configured feed as OPML 2.0, for other readers and for `opml import`.",
        "Each outlet's feeds sit in the folder of its first category (outlets without one at the top level), titled with the outlet's name.",
        "Attributes in the nv: namespace carry the outlet id and every setting that differs from the default (interval, content, remove, format, proxy, image-proxy, categories, enabled), so an import gives back the same outlets.",
        "Exit status: 0 written, 1 the file could not be written, 2 a config that does not load."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        OpmlCommand opml;

        @Option(names = "--out", paramLabel = "FILE", description = "write here (replacing the file whole) instead of standard output")
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
