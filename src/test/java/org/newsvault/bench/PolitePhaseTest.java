package org.newsvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The polite phase at toy sizes: several loopback hosts, politeness held, a bound and a ratio. */
class PolitePhaseTest {
    @TempDir
    Path dir;

    @Test
    void pollsEveryHostPolitelyAndReportsTheRatioToTheBound() {
        List<String> progress = new ArrayList<>();
        BenchResult.Polite p = new PolitePhase(Corpus.bundled(), 3, 4, 2, Duration.ofMillis(50), null, progress::add)
            .run(dir);

        assertThat(p.finished()).isTrue();
        assertThat(p.unpolite().items()).isEqualTo(12);
        assertThat(p.polite().items()).isEqualTo(12);
        assertThat(p.polite().pageRequests()).isEqualTo(12);
        assertThat(p.pagesFetched()).isEqualTo(12);
        assertThat(p.unpolite().failures() + p.polite().failures()).as("loopback hosts of configured feeds are allowed")
            .isZero();
        // Each host's feed and 4 pages start at least 50 ms apart: 200 ms is the floor whatever the scheduling.
        assertThat(p.polite().wallSeconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(p.boundSeconds()).isCloseTo(0.2 + p.unpolite().wallSeconds(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.ratio()).isEqualTo(p.polite().wallSeconds() / p.boundSeconds()).isPositive()
            .isLessThan(PolitePhase.LIMIT_FACTOR);
        assertThat(progress).anyMatch(l -> l.contains("127.0.0.1") && l.contains("127.0.0.3"));

        var target = Targets.of(null, 0, null, null, 0, null, p);
        assertThat(target).singleElement().satisfies(t -> {
            assertThat(t.claim()).contains("3 hosts x 4 teaser pages", "gap 50 ms");
            assertThat(t.met()).isEqualTo(p.ratio() <= Targets.POLITE_TO_BOUND);
        });
    }

    @Test
    void aPollSlowerThanTheLimitIsStoppedAndReportedAsNotFinished() {
        // 2 hosts x 3 pages with a 300 ms gap need at least 0.9 s; the limit stops them at 0.3 s.
        BenchResult.Polite p = new PolitePhase(Corpus.bundled(), 2, 3, 2, Duration.ofMillis(300), 0.3, m -> {}).run(dir);

        assertThat(p.finished()).isFalse();
        assertThat(p.polite()).isNull();
        assertThat(p.limitSeconds()).isEqualTo(0.3);
        assertThat(p.pagesFetched()).isLessThan(6);
        var t = Targets.of(null, 0, null, null, 0, null, p).get(0);
        assertThat(t.met()).isFalse();
        assertThat(t.measured()).startsWith("did not finish within 0.3 s");
    }

    @Test
    void hostsGetDistinctLoopbackAddresses() {
        assertThat(PolitePhase.address(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(PolitePhase.address(199).getHostAddress()).isEqualTo("127.0.0.200");
        assertThat(PolitePhase.address(250).getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(PolitePhase.address(63_999).isLoopbackAddress()).isTrue();
    }
}
