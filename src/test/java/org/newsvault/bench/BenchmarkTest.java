package org.newsvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness runs end to end at toy sizes and reports every phase; speed is not asserted. */
class BenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryPhaseAndReportsStructuredResults() throws Exception {
        List<String> progress = new ArrayList<>();
        var opt = new BenchOptions(2, 5, 100, null, dir.resolve("work"), false, 3);
        BenchResult r = new Benchmark(opt, progress::add).run();

        assertThat(r.pipeline().items()).isEqualTo(10);
        assertThat(r.pipeline().pageRequests()).isEqualTo(10);
        assertThat(r.pipeline().failures()).isZero();
        assertThat(r.pipeline().duplicates() + r.feedOnly().duplicates() + r.largeArchive().duplicates()).isZero();
        int rounds = Benchmark.FEED_ONLY_ROUNDS;
        assertThat(r.feedOnly().items()).isEqualTo(10L * rounds);
        assertThat(r.feedOnly().pageRequests()).as("full-text items need no page").isZero();
        assertThat(r.largeArchive().items()).isEqualTo(10L * rounds);
        assertThat(r.largeArchive().failures()).isZero();
        assertThat(r.ceiling().items()).isEqualTo(10);
        assertThat(r.repeat().feeds()).isEqualTo(2 + 2 * rounds);
        assertThat(r.repeat().conditionalHits()).isEqualTo(2 + 2 * rounds);
        assertThat(r.repeat().notModified()).isEqualTo(2 + 2 * rounds);
        assertThat(r.repeat().pageRequests()).isZero();
        assertThat(r.repeat().archived()).isZero();
        assertThat(r.prefill().rows()).isEqualTo(100);
        assertThat(r.stages()).hasSize(9).allSatisfy(s -> assertThat(s.millisPerItem()).isPositive());
        assertThat(r.targets()).extracting(BenchResult.Target::claim).hasSize(4);
        assertThat(r.pipelineToCeiling()).isPositive();
        assertThat(r.memory().peakHeapBytes()).isPositive().isLessThanOrEqualTo(r.memory().poolPeaksBytes());
        assertThat(dir.resolve("work")).doesNotExist();

        var out = new ByteArrayOutputStream();
        BenchReport.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("full pipeline", "bare jsoup parse", "repeat poll: " + (2 + 2 * rounds) + "/" + (2 + 2 * rounds),
            "targets:", "per-stage cost");

        Path json = dir.resolve("out/bench.json");
        BenchReport.writeJson(r, json);
        JsonNode n = new ObjectMapper().readTree(Files.readString(json));
        assertThat(n.at("/pipeline/items").asLong()).isEqualTo(10);
        assertThat(n.at("/repeat/hitRate").asDouble()).isEqualTo(1.0);
        assertThat(n.at("/targets").size()).isEqualTo(4);
    }

    @Test
    void daemonProbePollsEveryFeedTwice() throws Exception {
        BenchResult r = DaemonProbe.run(25, null, dir.resolve("daemon"), false, false, m -> {});
        assertThat(r.daemon().feeds()).isEqualTo(25);
        assertThat(r.daemon().archived()).isEqualTo(25);
        assertThat(r.daemon().conditionalHits()).isEqualTo(25);
        assertThat(r.targets()).singleElement().satisfies(t -> assertThat(t.claim()).contains("RSS"));
    }
}
