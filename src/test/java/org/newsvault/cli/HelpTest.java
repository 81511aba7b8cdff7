package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} works on every command and nested command (it used to fail with "Unknown option"). */
class HelpTest {
    @Test
    void everyCommandAndNestedCommandTakesHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new NewsvaultCommand()), new ArrayList<>(), paths);
        assertThat(paths).as("commands found").hasSizeGreaterThan(15)
            .contains(List.of("poll"), List.of("feeds", "list"), List.of("feeds", "add"), List.of("opml", "import"),
                List.of("bench", "serve"));
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String[] out = new String[1];
            int code = run(out, args.toArray(String[]::new));
            assertThat(code).as(String.join(" ", args) + ": " + out[0]).isZero();
            String usage = "Usage: newsvault" + (path.isEmpty() ? "" : " " + String.join(" ", path));
            assertThat(out[0]).as(String.join(" ", args)).contains(usage);
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandName().equals(name)) return; // help itself; aliases
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, paths);
        });
    }

    private static int run(String[] out, String... args) {
        PrintStream o = System.out, e = System.err;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return NewsvaultCommand.execute(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
            out[0] = buf.toString(StandardCharsets.UTF_8);
        }
    }
}
