package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.ManualClock;
import org.newsvault.model.NodePolicy;

class NodeRepositoryTest {
    @TempDir
    Path dir;
    Database db;
    NodeRepository nodes;
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final NodePolicy policy = new NodePolicy(clock);
    final NodeRepository.Self here = new NodeRepository.Self("host-a", ProcessHandle.current().pid(), "t");

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        nodes = new NodeRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSecondDaemonUnderALiveNameIsRefusedUntilTheFirstGoesStale() {
        assertThat(nodes.register("alpha", here, policy.now(), policy.deadBefore())).isEmpty();
        var other = new NodeRepository.Self("host-b", 4242, "t");
        clock.advance(Duration.ofSeconds(20));
        assertThat(nodes.register("alpha", other, policy.now(), policy.deadBefore()))
            .hasValueSatisfying(r -> assertThat(r.host()).isEqualTo("host-a"));
        assertThat(nodes.register("beta", other, policy.now(), policy.deadBefore())).isEmpty();
        assertThat(nodes.alive(policy.deadBefore())).containsExactly("alpha", "beta");

        clock.advance(Duration.ofSeconds(11)); // alpha last beat 31 s ago: dead
        assertThat(policy.alive(nodes.all().get(0).heartbeatAt(), null)).isFalse();
        assertThat(nodes.alive(policy.deadBefore())).containsExactly("beta");
        assertThat(nodes.heartbeat("alpha", here.pid(), policy.now())).isTrue(); // still ours: not yet taken
        clock.advance(Duration.ofSeconds(31));
        assertThat(nodes.register("alpha", other, policy.now(), policy.deadBefore())).isEmpty();
        // The first one's beat no longer lands: the name is the other's now.
        assertThat(nodes.heartbeat("alpha", here.pid(), policy.now())).isFalse();
    }

    @Test
    void aStoppedNodeIsGoneAtOnceAndItsNameFree() {
        nodes.register("alpha", here, policy.now(), policy.deadBefore());
        nodes.stopped("alpha", here.pid(), policy.now());
        assertThat(nodes.alive(policy.deadBefore())).isEmpty();
        assertThat(nodes.register("alpha", new NodeRepository.Self("host-b", 7, "t"), policy.now(), policy.deadBefore()))
            .isEmpty();
    }

    @Test
    void aKilledProcessOnThisHostDoesNotHoldItsNameUntilItGoesStale() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        var killed = new NodeRepository.Self(here.host(), p.pid(), "t");
        nodes.register("alpha", killed, policy.now(), policy.deadBefore());
        clock.advance(Duration.ofSeconds(1));
        assertThat(nodes.register("alpha", here, policy.now(), policy.deadBefore())).isEmpty();
        assertThat(nodes.all().get(0).pid()).isEqualTo(here.pid());
        // Not so a process on another host: its pid means nothing here.
        var remote = new NodeRepository.Self("host-b", p.pid(), "t");
        nodes.register("beta", remote, policy.now(), policy.deadBefore());
        assertThat(nodes.register("beta", here, policy.now(), policy.deadBefore())).isPresent();
    }

    @Test
    void workDoneIsCountedPerNode() {
        nodes.register("alpha", here, policy.now(), policy.deadBefore());
        nodes.countPoll("alpha");
        nodes.countPoll("alpha");
        assertThat(nodes.all().get(0).polls()).isEqualTo(2);
    }
}
