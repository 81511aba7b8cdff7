package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir Path data;

    @Test
    void concurrentWorkIsCommittedAndEachCallerGetsItsOwnResult() throws Exception {
        try (Database db = Database.open(data)) {
            var pool = Executors.newFixedThreadPool(8);
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                tasks.add(() -> db.grouped(c -> {
                    try (var ps = c.prepareStatement("INSERT INTO outlet(id, name, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                        Sql.bind(ps, "o" + n, "O" + n);
                        ps.executeUpdate();
                    }
                    return n;
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) results.add(f.get());
            pool.shutdown();
            assertThat(results).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
            assertThat(new OutletRepository(db).all()).hasSize(100);
        }
    }

    @Test
    void aFailingStatementFailsItsCallerAloneAndTheOthersInItsTransactionAreCommitted() throws Exception {
        try (Database db = Database.open(data)) {
            // Hold the group's lead so that the next three queue up and share one transaction.
            CountDownLatch leading = new CountDownLatch(1), release = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(4);
            Future<Object> first = pool.submit(() -> db.grouped(c -> {
                leading.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "first";
            }));
            assertThat(leading.await(10, TimeUnit.SECONDS)).isTrue();
            // Queued one after the other: the first "a" is the one that succeeds, the second the one refused.
            Future<Object> good1 = pool.submit(() -> db.grouped(c -> insertOutlet(c, "a")));
            awaitQueued(db, 1);
            Future<Object> bad = pool.submit(() -> db.grouped(c -> insertOutlet(c, "a"))); // same key: refused
            awaitQueued(db, 2);
            Future<Object> good2 = pool.submit(() -> db.grouped(c -> insertOutlet(c, "b")));
            awaitQueued(db, 3);
            assertThat(db.groupQueued()).isEqualTo(3);
            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(good1.get()).isEqualTo(1);
            assertThat(good2.get()).isEqualTo(1);
            assertThatThrownBy(bad::get).hasCauseInstanceOf(StoreException.class);
            pool.shutdown();
            assertThat(new OutletRepository(db).all()).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void workThatThrowsFailsItsCallerAndLeavesTheStoreUsable() {
        try (Database db = Database.open(data)) {
            assertThatThrownBy(() -> db.grouped(c -> {
                throw new IllegalStateException("not SQL");
            })).isInstanceOf(IllegalStateException.class);
            // The store is usable afterwards.
            assertThat((Object) db.grouped(c -> insertOutlet(c, "z"))).isEqualTo(1);
        }
    }

    private static int insertOutlet(java.sql.Connection c, String id) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("INSERT INTO outlet(id, name, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            Sql.bind(ps, id, id);
            return ps.executeUpdate();
        }
    }

    private static void awaitQueued(Database db, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.groupQueued() < n && System.nanoTime() < deadline) Thread.sleep(5);
    }
}
