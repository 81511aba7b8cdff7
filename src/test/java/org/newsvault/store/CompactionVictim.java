package org.newsvault.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A process for {@link DatabaseCompactionKillTest} to kill: archives rows one commit at a time and compacts the
 * database online every 150 rows, printing {@code committed N} after each commit (N rows are durable) and
 * {@code compacting} before each compaction.
 */
public final class CompactionVictim {
    private CompactionVictim() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        try (Database db = Database.open(data, Long.MAX_VALUE)) {
            new OutletRepository(db).upsert("o", "Outlet");
            ArticleRepository repo = new ArticleRepository(db);
            int i = (int) repo.count();
            while (true) {
                var claims = repo.claimAll(List.of(StorageGrowth.row(i, 3_000)), Instant.now(), List.of());
                if (claims.get(0).outcome() != ArticleRepository.Claim.Outcome.INSERTED) throw new IllegalStateException("" + claims);
                i++;
                System.out.println("committed " + i);
                if (i % 150 == 0) {
                    System.out.println("compacting");
                    System.out.flush();
                    db.compactIfGrown(1.05, 0);
                }
            }
        }
    }
}
