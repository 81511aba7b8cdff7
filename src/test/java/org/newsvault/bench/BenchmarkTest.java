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
        assertThat(r.largeRounds()).hasSize(rounds).extracting(BenchResult.Round::round).containsExactly(1, 2, 3);
        assertThat(r.largeToEmpty()).isEqualTo(r.largeRounds().stream().mapToDouble(BenchResult.Round::largeToEmpty).min()
            .orElseThrow());
        assertThat(r.polite()).as("skipped with 0 hosts").isNull();
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
        assertThat(n.at("/largeRounds").size()).as("every round stays in the JSON").isEqualTo(rounds);
        assertThat(n.at("/largeRounds/0/large/items").asLong()).isEqualTo(10);
    }

    @Test
    void theLargeArchiveClaimIsJudgedByItsWorstRound() {
        var fast = phase(500);
        List<BenchResult.Round> rounds = List.of(new BenchResult.Round(1, fast, phase(510)),
            new BenchResult.Round(2, fast, phase(300)), new BenchResult.Round(3, phase(250), phase(260)));

        BenchResult.Round worst = Benchmark.worstRound(rounds);

        assertThat(worst.round()).isEqualTo(2);
        assertThat(worst.largeToEmpty()).isEqualTo(0.6);
        var setup = new BenchResult.Setup(1, 1, 1_000_000, 2, 8, 1, "java", "c", 0);
        var target = Targets.of(setup, 1, fast, new BenchResult.Repeat(1, 1, 1, 0, 0, 0, 0), worst.largeToEmpty(), null, null)
            .get(3);
        assertThat(target.claim()).contains("1,000,000", "worst round");
        assertThat(target.met()).as("the other rounds are >= 100 %%, the worst is 60 %%").isFalse();
    }

    private static BenchResult.Phase phase(double perSecond) {
        return new BenchResult.Phase("p", 100, 0, 100 / perSecond, 0, 0, perSecond, 0, 0, 0);
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
