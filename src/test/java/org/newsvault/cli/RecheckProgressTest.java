package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.newsvault.watch.CheckResult;
import org.newsvault.watch.CheckResult.Outcome;

/** The re-check's bar: articles checked of the total, and how many changed, are gone and failed. */
class RecheckProgressTest {
    static CheckResult result(long id, Outcome o) {
        return new CheckResult(id, "http://127.0.0.1/a/" + id, o, "live", 0, false, null);
    }

    @Test
    void theBarCountsCheckedChangedGoneAndFailed() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (TerminalProgress bar = TerminalProgress.drawnOn(new PrintStream(terminal, true, StandardCharsets.UTF_8),
            "recheck", 10, "articles")) {
            var counts = new RecheckCommand.Counts(bar);
            for (Outcome o : new Outcome[] {Outcome.UNCHANGED, Outcome.EDITED, Outcome.DELETED, Outcome.MISSING,
                Outcome.UNREACHABLE, Outcome.ERROR, Outcome.UNCHANGED}) {
                counts.accept(result(o.ordinal() + 1, o));
            }
        } finally {
            System.setOut(oldOut);
        }
        // The last frame is drawn when the bar closes.
        String frames = terminal.toString(StandardCharsets.UTF_8);
        String last = frames.substring(frames.lastIndexOf('\r') + 1);
        assertThat(last).startsWith("recheck").contains("7/10").contains("1 changed, 2 gone, 2 failed");
        // The articles that changed (not the unchanged ones) are printed as lines, on stdout.
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(5).allMatch(l -> !l.startsWith("unchanged"));
    }
}
