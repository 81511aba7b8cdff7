package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InterruptTest {
    @Test
    void statusAndWordsFollowTheSignal() {
        Interrupt term = Interrupt.afterChecks(-1);
        assertThat(term.requested()).isFalse();
        term.request("TERM");
        term.request("INT"); // the first one counts
        assertThat(term.requested()).isTrue();
        assertThat(term.status()).isEqualTo(143);
        assertThat(term.what()).isEqualTo("interrupted by SIGTERM");

        Interrupt ctrlC = Interrupt.afterChecks(2);
        assertThat(new boolean[] {ctrlC.requested(), ctrlC.requested(), ctrlC.requested(), ctrlC.requested()})
            .containsExactly(false, false, true, true);
        assertThat(ctrlC.status()).isEqualTo(130);
        assertThat(ctrlC.what()).isEqualTo("interrupted by Ctrl-C");
    }

    /** A real SIGINT to this JVM while a command's interrupt is open only asks it to stop; the JVM goes on. */
    @Test
    void aRealSigintIsCaughtAndOnlyAsksToStop() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")), "needs kill(1)");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Interrupt i = Interrupt.onSignals()) {
            new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            long until = System.nanoTime() + 5_000_000_000L;
            // The handler sets the flag, then prints its line: wait for both before putting stderr back.
            while ((!i.requested() || !err.toString(StandardCharsets.UTF_8).contains("finishing the work in flight"))
                && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(i.requested()).isTrue();
            assertThat(i.status()).isEqualTo(130);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("newsvault: interrupted by Ctrl-C; finishing the work in flight");
    }
}
