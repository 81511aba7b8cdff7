package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#compactIfGrown}: the file compacted under a running store, nothing lost, nothing refused. */
@Timeout(120)
class DatabaseOnlineCompactionTest {
    @TempDir Path dir;

    @Test
    void writersRunningThroughCompactionsLoseNothingAndHealthStaysOk() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger inserted = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unhealthy = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int i = next.getAndAdd(2);
                        try {
                            List<ArticleRow> rows = List.of(StorageGrowth.row(i, 2_000), StorageGrowth.row(i + 1, 2_000));
                            for (ArticleRepository.Claim c : repo.claimAll(rows, Instant.now(), List.of())) {
                                if (c.outcome() == ArticleRepository.Claim.Outcome.INSERTED) inserted.incrementAndGet();
                                else failures.add(i + ": " + c.outcome() + " " + c.error());
                            }
                        } catch (RuntimeException e) {
                            failures.add(i + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                while (!stop.get()) {
                    db.problem().ifPresent(unhealthy::add);
                    Thread.sleep(5);
                }
                return null;
            }));

            List<Database.Compaction> done = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                long base = db.sizeOnDisk();
                // the file must have grown past the threshold: 2x its last compacted size and 1 MB
                while (db.sizeOnDisk() < 2 * base + (1 << 20) + 1) Thread.sleep(20);
                Optional<Database.Compaction> c = db.compactIfGrown(2, 1 << 20);
                assertThat(c).as("round %d", round).isPresent();
                done.add(c.get());
            }
            Thread.sleep(300); // writes after the last compaction go to the new file
            stop.set(true);
            for (Future<?> f : writers) f.get(30, TimeUnit.SECONDS);
            pool.shutdown();

            assertThat(failures).isEmpty();
            assertThat(unhealthy).isEmpty();
            assertThat(done).allSatisfy(c -> assertThat(c.after()).isLessThan(c.before()));
            assertThat(db.problem()).isEmpty();
            assertThat(repo.count()).isEqualTo(inserted.get()).isGreaterThan(0);
            db.checkFile(); // our own compactions are not a replaced file
        }
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            ArticleRepository repo = new ArticleRepository(db);
            assertThat(repo.count()).isPositive();
        }
    }

    @Test
    void rowsCommittedAroundACompactionAreAllThereAfterReopening() throws Exception {
        Path data = dir.resolve("data");
        long written;
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < 400; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            assertThat(db.compactIfGrown(1.5, 0)).isPresent();
            for (int i = 400; i < 500; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            written = repo.count();
        }
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            assertThat(new ArticleRepository(db).count()).isEqualTo(written).isEqualTo(500);
        }
    }

    @Test
    void aFileThatDidNotGrowEnoughIsLeftAlone() throws Exception {
        try (Database db = Database.open(dir.resolve("data"), Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < 300; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            long size = db.sizeOnDisk();
            assertThat(db.compactIfGrown(1.5, Long.MAX_VALUE)).isEmpty(); // grown, but by less than minBytes
            assertThat(db.compactIfGrown(1e9, 0)).isEmpty(); // not grown by the factor
            assertThat(db.sizeOnDisk()).isGreaterThanOrEqualTo(size);
        }
    }

    @Test
    void aBorrowerArrivingWhileACompactionWaitsForATransactionWaitsAndSucceeds() throws Exception {
        try (Database db = Database.open(dir.resolve("data"), Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < 300; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            CountDownLatch inTransaction = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // A transaction in flight when the compaction is asked for: it holds the compaction off and commits.
            Future<Integer> slow = pool.submit(() -> db.inTransaction(c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO outlet(id, name, created_at) VALUES ('slow', 'Slow', CURRENT_TIMESTAMP)");
                }
                inTransaction.countDown();
                await(release);
                return 1;
            }));
            assertThat(inTransaction.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Database.Compaction>> compaction = pool.submit(() -> db.compactIfGrown(1.5, 0));
            while (!db.compactionPending()) Thread.sleep(5);

            Future<Long> borrower = pool.submit(() -> repo.count());
            Thread.sleep(300);
            assertThat(borrower.isDone()).as("a new borrower waits while the compaction is pending").isFalse();
            assertThat(db.problem()).as("health during the pause").isEmpty();

            release.countDown();
            assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            Optional<Database.Compaction> c = compaction.get(30, TimeUnit.SECONDS);
            assertThat(c).isPresent();
            assertThat(c.get().after()).isLessThan(c.get().before());
            assertThat(borrower.get(30, TimeUnit.SECONDS)).isEqualTo(300);
            assertThat(new OutletRepository(db).all()).containsKey("slow");
            assertThat(db.problem()).isEmpty();
            pool.shutdown();
        }
    }

    @Test
    void anOpenBulkConnectionPutsTheCompactionOff() throws Exception {
        try (Database db = Database.open(dir.resolve("data"), Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < 300; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            try (ArticleRepository.Lookups lookups = repo.openLookups()) {
                assertThat(db.compactIfGrown(1.5, 0)).isEmpty();
                assertThat(lookups.findBySighting(StorageGrowth.row(7, 2_000).canonicalUrl())).isPresent();
            }
            assertThat(db.compactIfGrown(1.5, 0)).isPresent();
            assertThat(repo.count()).isEqualTo(300);
        }
    }

    @Test
    void aDatabaseThatCannotBeReopenedSaysSoUntilALaterCheckReopensIt() throws Exception {
        try (Database db = Database.open(dir.resolve("data"), Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < 300; i++) repo.claimAll(List.of(StorageGrowth.row(i, 2_000)), Instant.now(), List.of());
            Path file = db.file();
            Path aside = dir.resolve("aside.mv.db");
            // The compacted file moved away and a directory in its place: H2 cannot open it.
            db.beforeReopen = () -> {
                db.beforeReopen = () -> {};
                try {
                    Files.move(file, aside);
                    Files.createDirectory(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };

            assertThat(db.compactIfGrown(1.5, 0)).isEmpty();

            assertThat(db.problem()).hasValueSatisfying(p -> assertThat(p).contains("could not be reopened after compaction"));
            assertThatThrownBy(repo::count).isInstanceOf(StoreException.class).hasMessageContaining("could not be reopened");
            assertThat(db.compactIfGrown(1.5, 0)).isEmpty(); // tried again, fails again
            assertThat(db.problem()).isPresent();

            Files.delete(file);
            Files.move(aside, file);
            assertThat(db.compactIfGrown(1e9, Long.MAX_VALUE)).isEmpty(); // not grown: only reopens
            assertThat(db.problem()).isEmpty();
            assertThat(repo.count()).isEqualTo(300);
            repo.claimAll(List.of(StorageGrowth.row(300, 2_000)), Instant.now(), List.of());
            assertThat(repo.count()).isEqualTo(301);
        }
    }

    @Test
    void anIncompleteCopyLeftByAKilledCompactionIsDiscardedAtOpen() throws Exception {
        Path data = dir.resolve("data");
        fill(data, 200);
        Path temp = data.resolve(Database.FILE + ".tempFile");
        // a copy cut short: the start of the real file
        byte[] live = Files.readAllBytes(data.resolve(Database.FILE));
        Files.write(temp, java.util.Arrays.copyOf(live, live.length / 3));

        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            assertThat(new ArticleRepository(db).count()).isEqualTo(200);
        }
        assertThat(temp).doesNotExist();
    }

    @Test
    void aCompleteCopyWhoseRenameWasCutShortBecomesTheDatabase() throws Exception {
        Path data = dir.resolve("data");
        fill(data, 200);
        // H2's non-atomic rename: copy moved to .newFile, the old file deleted, killed before the last move
        Path copy = data.resolve(Database.FILE + ".newFile");
        Files.move(data.resolve(Database.FILE), copy);

        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            assertThat(new ArticleRepository(db).count()).isEqualTo(200);
        }
        assertThat(copy).doesNotExist();
    }

    @Test
    void aCompleteCopyBesideTheDatabaseIsDiscarded() throws Exception {
        Path data = dir.resolve("data");
        fill(data, 200);
        Path copy = data.resolve(Database.FILE + ".newFile");
        Files.copy(data.resolve(Database.FILE), copy);

        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            assertThat(new ArticleRepository(db).count()).isEqualTo(200);
        }
        assertThat(copy).doesNotExist();
    }

    private static void fill(Path data, int n) {
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            for (int i = 0; i < n; i++) repo.claimAll(List.of(StorageGrowth.row(i, 1_000)), Instant.now(), List.of());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
