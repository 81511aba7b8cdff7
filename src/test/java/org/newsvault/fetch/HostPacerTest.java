package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.store.Database;
import org.newsvault.store.HostPaceRepository;

/**
 * Two frontiers (two nodes) pacing one host through one database: the starts to that host, over both, are never
 * closer than the gap, and another host is never held up by it. The check is a lower bound on the spacing, so a
 * slow machine cannot make it fail.
 */
class HostPacerTest {
    static final Duration GAP = Duration.ofMillis(200);

    @TempDir
    Path dir;

    record Start(String host, Instant at) {}

    @Test
    void twoFrontiersKeepOneHostsGapBetweenThemAndNeverStallAnotherHost() throws Exception {
        List<Start> starts = Collections.synchronizedList(new ArrayList<>());
        List<Instant> slots = Collections.synchronizedList(new ArrayList<>());
        try (Database db = Database.open(dir.resolve("data"))) {
            HostPaceRepository paces = new HostPaceRepository(db);
            Clock clock = Clock.systemUTC();
            HostPacer pacer = (host, gap) -> {
                Instant now = clock.instant();
                Instant slot = paces.reserve(host, now, gap);
                if (host.equals("h")) slots.add(slot);
                // From now, not from before the reservation (it may have waited for the other node's).
                return Duration.between(clock.instant(), slot);
            };
            Frontier a = new Frontier(4, 2, GAP, Ticker.REAL, "a");
            Frontier b = new Frontier(4, 2, GAP, Ticker.REAL, "b");
            a.pace(pacer);
            b.pace(pacer);
            try {
                List<CompletableFuture<FetchResult>> all = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    all.add(a.submit(job("h", starts), Priority.PAGE));
                    all.add(b.submit(job("h", starts), Priority.PAGE));
                }
                CompletableFuture<FetchResult> other = b.submit(job("other", starts), Priority.PAGE);
                other.get(10, TimeUnit.SECONDS);
                for (var f : all) f.get(20, TimeUnit.SECONDS);
            } finally {
                a.close();
                b.close();
            }
        }
        List<Instant> h = starts.stream().filter(s -> s.host().equals("h")).map(Start::at).sorted().toList();
        List<Instant> reserved = slots.stream().sorted().toList();
        assertThat(h).hasSize(8);
        assertThat(reserved).hasSize(8);
        for (int i = 1; i < reserved.size(); i++) {
            // The cluster's reservations: never closer than the gap (the database keeps microseconds).
            assertThat(Duration.between(reserved.get(i - 1), reserved.get(i))).as("slot %d", i)
                .isGreaterThanOrEqualTo(GAP.minusNanos(1_000));
        }
        for (int i = 0; i < h.size(); i++) {
            // Each request starts at or after its reserved slot: the i-th start is never before the i-th slot.
            assertThat(h.get(i)).as("start %d", i).isAfterOrEqualTo(reserved.get(i));
        }
        Instant otherStart = starts.stream().filter(s -> s.host().equals("other")).findFirst().orElseThrow().at();
        // Submitted after all eight, started before most of them: h's queue did not stall it.
        assertThat(otherStart).isBefore(h.get(4));
    }

    private static Frontier.Job job(String host, List<Start> starts) {
        URI u = URI.create("http://" + host + "/x");
        return new Frontier.Job() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public URI url() {
                return u;
            }

            @Override
            public Frontier.Turn run() {
                starts.add(new Start(host, Instant.now()));
                return Frontier.Turn.done(new FetchResult(u, u, 200, false, List.of(), new byte[0], null, null, null,
                    Instant.EPOCH, Duration.ZERO));
            }
        };
    }
}
