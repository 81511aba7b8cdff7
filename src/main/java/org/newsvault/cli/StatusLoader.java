package org.newsvault.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsvault.config.Settings;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.FeedStatus;
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

    /**
     * The feeds configured now (a feed added a moment ago is listed before the daemon has reloaded), with the
     * state the daemon last wrote for each.
     */
    static StatusSnapshot rejoin(Settings settings, StatusSnapshot written, Instant now) {
        Map<String, FeedStatus> byKey = new HashMap<>();
        if (written != null) written.feeds().forEach(f -> byKey.put(f.outlet() + " " + f.url(), f));
        List<FeedStatus> out = new ArrayList<>();
        for (var row : StatusSnapshot.of(settings, List.of(), now, true, f -> Optional.empty()).feeds()) {
            FeedStatus w = byKey.get(row.outlet() + " " + row.url());
            out.add(w == null ? row : new FeedStatus(row.outlet(), row.url(), row.enabled(), w.lastPoll(), w.lastSuccess(),
                w.lastNew(), w.lastResult(), w.errorCount(), w.lastError(), row.enabled() ? w.nextPoll() : null, w.articles()));
        }
        return new StatusSnapshot(written == null ? now : written.at(), true, out);
    }

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
            return new Loaded(rejoin(settings, StatusSnapshot.read(Daemon.statusFile(data)).orElse(null), now), true);
        }
        try (lock; Database db = Database.open(data)) {
            return new Loaded(StatusSnapshot.of(settings, new FeedRepository(db).all(), now, false, f -> Optional.empty()), false);
        }
    }
}
