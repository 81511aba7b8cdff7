package org.newsvault.cli;

import java.nio.file.Path;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code newsvault} command: global options, and one subcommand class per verb. */
// scope INHERIT: every subcommand, nested ones included, takes --help and --version as well
@Command(name = "newsvault", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "newsvault 0.1.0",
    description = "Keeps a permanent, clean archive of news that may be censored, edited or deleted.",
    subcommands = {CommandLine.HelpCommand.class, PollCommand.class, RunCommand.class, FeedsCommand.class,
        SearchCommand.class, ReindexCommand.class,
        OpmlCommand.class, StatusCommand.class, RecheckCommand.class, ChangesCommand.class, DiffCommand.class,
        ImportCommand.class, ExportCommand.class, ListCommand.class, ShowCommand.class, VerifyCommand.class,
        CompactCommand.class, MigrateDbCommand.class, ImagesCommand.class, BenchCommand.class, ServeCommand.class, HashPasswordCommand.class})
public final class NewsvaultCommand {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
        description = "configuration file (default: config/newsvault.yaml)")
    Path config = ConfigLoader.DEFAULT_CONFIG;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "debug logging")
    boolean verbose;

    Settings settings() {
        Logging.verbose(verbose);
        return ConfigLoader.load(config);
    }

    /** The config for {@code poll} and {@code run}: refused when it has no outlet (the daemon's reload does the same). */
    Settings pollSettings() {
        Logging.verbose(verbose);
        return ConfigLoader.loadForPolling(config);
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new NewsvaultCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Expected failures (bad config, a locked data dir, a missing outlet) are one line, not a trace.
            cmd.getErr().println("newsvault: " + oneLine(e));
            if (parsed.matchedOption("--verbose") != null) e.printStackTrace(cmd.getErr());
            return e instanceof org.newsvault.config.ConfigException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        cl.setExecutionStrategy(parsed -> {
            // The lock file names the command holding the archive, for the messages of the others.
            var leaf = parsed;
            while (leaf.subcommand() != null) leaf = leaf.subcommand();
            org.newsvault.store.DataLock.describeProcessAs(leaf.commandSpec().qualifiedName(" ").replaceFirst("^newsvault ?", ""));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // NoSuchFileException, AccessDeniedException...: the message is only the path; name the cause too
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null && m.equals(f.getFile())) {
            m = m + ": " + org.newsvault.model.IoReasons.of(f);
        }
        return m.lines().findFirst().orElse(m);
    }
}
