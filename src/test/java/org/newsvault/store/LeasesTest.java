package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.ManualClock;
import org.newsvault.model.NodePolicy;

class LeasesTest {
    @TempDir
    Path dir;
    Database db;
    Leases leases;
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final NodePolicy policy = new NodePolicy(clock);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        leases = new Leases(db, Leases.Kind.FEED);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void oneHolderAtATimeUntilReleased() {
        assertThat(leases.take(1, "a", policy.now(), policy.leaseUntil())).isTrue();
        assertThat(leases.take(1, "b", policy.now(), policy.leaseUntil())).isFalse();
        assertThat(leases.take(1, "a", policy.now(), policy.leaseUntil())).isTrue(); // a restart under the same name
        assertThat(leases.holder(1, policy.now())).contains("a");
        leases.release(1, "a", "a", policy.now());
        assertThat(leases.holder(1, policy.now())).isEmpty();
        assertThat(leases.done()).containsEntry(1L, new Leases.Done("a", policy.now()));
        assertThat(leases.take(1, "b", policy.now(), policy.leaseUntil())).isTrue();
    }

    @Test
    void aDeadHoldersLeaseExpiresAndARenewedOneDoesNot() {
        leases.take(1, "dead", policy.now(), policy.leaseUntil());
        leases.take(2, "live", policy.now(), policy.leaseUntil());
        for (int i = 0; i < 4; i++) { // a minute: the live holder renews every 15 s, the dead one does not
            clock.advance(NodePolicy.RENEW_EVERY);
            leases.renew("live", policy.leaseUntil());
        }
        assertThat(leases.take(1, "other", policy.now(), policy.leaseUntil())).isTrue();
        assertThat(leases.take(2, "other", policy.now(), policy.leaseUntil())).isFalse();
        assertThat(leases.heldBy(policy.now())).containsEntry("other", 1).containsEntry("live", 1);
    }

    @Test
    void aLeaseOfTheDeadIsNotExpiredBeforeItsTime() {
        leases.take(1, "dead", policy.now(), policy.leaseUntil());
        clock.advance(NodePolicy.LEASE_FOR.minusSeconds(1));
        assertThat(leases.take(1, "other", policy.now(), policy.leaseUntil())).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(leases.take(1, "other", policy.now(), policy.leaseUntil())).isTrue();
    }

    @Test
    void aReleaseAfterExpiryLeavesTheNewHoldersLeaseAlone() {
        leases.take(1, "slow", policy.now(), policy.leaseUntil());
        clock.advance(NodePolicy.LEASE_FOR.plusSeconds(1));
        leases.take(1, "other", policy.now(), policy.leaseUntil());
        leases.release(1, "slow", "slow", policy.now());
        assertThat(leases.holder(1, policy.now())).contains("other");
        assertThat(leases.done()).doesNotContainKey(1L);
    }

    @Test
    void holdersRacingForNewLeasesGetEachExactlyOnce() throws Exception {
        int holders = 4, ids = 50;
        AtomicInteger won = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int h = 0; h < holders; h++) {
            String name = "n" + h;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (long id = 1; id <= ids; id++) if (leases.take(id, name, policy.now(), policy.leaseUntil())) won.incrementAndGet();
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();
        assertThat(errors).isEmpty();
        assertThat(won.get()).isEqualTo(ids);
    }

    @Test
    void workDoneAloneIsRecordedWithoutALease() {
        leases.recordDone(7, "solo", policy.now());
        clock.advance(Duration.ofMinutes(5));
        leases.recordDone(7, "solo", policy.now());
        assertThat(leases.done()).containsEntry(7L, new Leases.Done("solo", policy.now()));
        assertThat(leases.holder(7, policy.now())).isEmpty();
    }
}
