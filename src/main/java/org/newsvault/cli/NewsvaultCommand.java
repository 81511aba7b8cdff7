package org.newsvault.cli;

import java.nio.file.Path;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code newsvault} command: global options, and one subcommand class per verb. */
@Command(name = "newsvault", mixinStandardHelpOptions = true, version = "newsvault 0.1.0",
    description = "Keeps a permanent, clean archive of news that may be censored, edited or deleted.",
    subcommands = {CommandLine.HelpCommand.class})
public final class NewsvaultCommand {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
        description = "configuration file (default: config/newsvault.yaml)")
    Path config = ConfigLoader.DEFAULT_CONFIG;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "debug logging")
    boolean verbose;

    Settings settings() {
        return ConfigLoader.load(config);
    }

    public static int execute(String... args) {
        return new CommandLine(new NewsvaultCommand()).execute(args);
    }
}
