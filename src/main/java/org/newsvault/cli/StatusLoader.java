package org.newsvault.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsvault.config.Settings;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.DataLock;
import org.newsvault.store.Database;
import org.newsvault.store.FeedRepository;

/**
 * Feed status for {@code status} and {@code feeds list}: from the database when no other newsvault process
 * holds the data directory; otherwise (the daemon runs, and H2 admits one process) from the status file the
 * daemon keeps current. A data directory never used yet gives the configured feeds with no history.
 */
final class StatusLoader {
    /** The snapshot, and whether it came from a running newsvault. */
    record Loaded(StatusSnapshot snapshot, boolean running) {}

    private StatusLoader() {}

    static Loaded load(Settings settings) {
        Path data = settings.data();
        Instant now = Instant.now();
        if (!Files.exists(data.resolve("newsvault.mv.db"))) {
            return new Loaded(StatusSnapshot.of(settings, List.of(), now, false, f -> Optional.empty()), false);
        }
        DataLock lock;
        try {
            lock = DataLock.acquire(data);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("another newsvault process")) throw e;
            StatusSnapshot s = StatusSnapshot.read(Daemon.statusFile(data))
                .orElseGet(() -> StatusSnapshot.of(settings, List.of(), now, true, f -> Optional.empty()));
            return new Loaded(s, true);
        }
        try (lock; Database db = Database.open(data)) {
            return new Loaded(StatusSnapshot.of(settings, new FeedRepository(db).all(), now, false, f -> Optional.empty()), false);
        }
    }
}
