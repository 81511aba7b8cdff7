package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it compacts its database online leaves one that opens with every row it
 * had committed: H2 copies to {@code .tempFile} and renames only a complete copy, and {@link Database#open}
 * clears what is left.
 */
@Timeout(180)
class DatabaseCompactionKillTest {
    @TempDir Path dir;

    @Test
    void killedDuringOnlineCompactionsLosesNoCommittedRow() throws Exception {
        Path data = dir.resolve("data");
        // Kill at several points into a compaction: before the copy is done, about when it is renamed, after.
        long[] delaysMillis = {0, 40, 120, 300};
        long committed = 0;
        for (long delay : delaysMillis) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CompactionVictim.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int compactions = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("committed ")) committed = Long.parseLong(line.substring(10));
                    if (line.equals("compacting") && ++compactions == 2) {
                        Thread.sleep(delay);
                        p.destroyForcibly();
                        break;
                    }
                }
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(compactions).as("the victim reached its second compaction").isEqualTo(2);
            try (Database db = Database.open(data, Long.MAX_VALUE)) {
                assertThat(new ArticleRepository(db).count()).as("killed %d ms into a compaction", delay)
                    .isGreaterThanOrEqualTo(committed);
                assertThat(db.problem()).isEmpty();
            }
        }
    }
}
