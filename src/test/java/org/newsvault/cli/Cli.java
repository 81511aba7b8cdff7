package org.newsvault.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The CLI in-process for tests: one command through {@link NewsvaultCommand#execute}, its output captured. */
final class Cli {
    record Run(int code, String out, String err) {}

    private Cli() {}

    static Run run(Path config, String... args) {
        PrintStream out = System.out, err = System.err;
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = NewsvaultCommand.execute(Stream.concat(Stream.of("--config", config.toString()), Stream.of(args))
                .toArray(String[]::new));
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
