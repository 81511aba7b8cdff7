package org.newsvault.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsvault.images.ImageSummary;
import org.newsvault.model.ImageState;
import org.newsvault.store.ImageRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsvault.config.Settings;
import org.newsvault.extract.RuleHealth;
import org.newsvault.poll.RuleHealthMonitor;
import org.newsvault.store.ExtractionOutcomes;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.FeedStatus;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.DataLock;
import org.newsvault.store.Database;
import org.newsvault.store.FeedRepository;

/**
 * Feed status for {@code status} and {@code feeds list}: from the database when no other newsvault process
 * holds the data directory; otherwise (the daemon runs) from the status file the daemon keeps current (it has
 * the schedule, which only the daemon knows), with the article counts per outlet from its database. A data directory never used yet gives the configured feeds with no history.
 */
final class StatusLoader {
    /**
     * The snapshot, and whether it came from a running newsvault.
     *
     * @param lastSeen          when a daemon no longer running last wrote its status file (null: running, or never ran)
     * @param articlesByOutlet  every archived article per outlet id, from the article table (empty while the daemon
     *                          holds the database: then the feeds' own counts are all there is)
     */
    record Loaded(StatusSnapshot snapshot, boolean running, Instant lastSeen, Map<String, Long> articlesByOutlet,
                  ImageRepository.Counts images, Map<String, RuleHealth.Verdict> rules) {
        Loaded {
            if (rules == null) rules = Map.of();
        }

        Loaded(StatusSnapshot snapshot, boolean running, Instant lastSeen, Map<String, Long> articlesByOutlet,
               ImageRepository.Counts images) {
            this(snapshot, running, lastSeen, articlesByOutlet, images, Map.of());
        }

        Loaded(StatusSnapshot snapshot, boolean running) {
            this(snapshot, running, null, Map.of(), null);
        }

        Loaded(StatusSnapshot snapshot, boolean running, Instant lastSeen, Map<String, Long> articlesByOutlet) {
            this(snapshot, running, lastSeen, articlesByOutlet, null);
        }
    }

    /** The status line of the kept images, or null when there are none to speak of. */
    static String imagesLine(ImageRepository.Counts c) {
        if (c == null || c.byState().isEmpty()) return null;
        return "images: " + c.of(ImageState.STORED) + " stored (" + ImageSummary.size(c.storedBytes()) + " in "
            + c.storedBlobs() + " files), " + c.of(ImageState.PENDING) + " pending, " + c.of(ImageState.FAILED)
            + " failed, " + c.of(ImageState.TOO_LARGE) + " too large, " + c.of(ImageState.NOT_IMAGE) + " not images, "
            + c.of(ImageState.GONE) + " gone";
    }

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
                w.lastNew(), w.lastResult(), w.errorCount(), w.lastError(), row.enabled() ? w.nextPoll() : null, w.articles(),
                w.polledBy()));
        }
        return new StatusSnapshot(written == null ? now : written.at(), true, out,
            written == null ? List.of() : written.nodes());
    }

    static Loaded load(Settings settings) {
        Path data = settings.data();
        Instant now = Instant.now();
        if (settings.database().embedded() && !Files.exists(data.resolve("newsvault.mv.db"))) {
            return new Loaded(StatusSnapshot.of(settings, List.of(), now, false, f -> Optional.empty()), false);
        }
        Optional<StatusSnapshot> written = StatusSnapshot.read(Daemon.statusFile(data));
        Instant lastSeen = written.map(StatusSnapshot::at).orElse(null);
        DataLock lock;
        try {
            lock = DataLock.acquire(data);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("another newsvault process")) throw e;
            StatusSnapshot joined = rejoin(settings, written.orElse(null), now);
            // The OS frees the lock of a dead process, but a holder in another pid namespace (a container) or a
            // lock file left by an old version can name a pid gone here: then nothing will poll at those times.
            if (!holderAlive(data)) return new Loaded(stopped(joined), false, lastSeen, Map.of());
            return countThroughDaemon(settings.database(), data, joined, settings);
        }
        try (lock; Database db = Database.open(settings.database(), data)) {
            var leases = new org.newsvault.store.Leases(db, org.newsvault.store.Leases.Kind.FEED);
            Map<Long, String> polledBy = new HashMap<>();
            leases.done().forEach((id, d) -> polledBy.put(id, d.by()));
            var policy = new org.newsvault.model.NodePolicy(java.time.Clock.systemUTC());
            var nodes = org.newsvault.schedule.NodeStatus.of(new org.newsvault.store.NodeRepository(db).all(),
                leases.heldBy(now), settings, policy);
            var snap = StatusSnapshot.of(settings, new FeedRepository(db).all(), now, false, f -> Optional.empty(),
                polledBy, nodes);
            // Free lock: no daemon, so the next-check times stored by the last poll are not a schedule anyone keeps.
            return new Loaded(stopped(snap), false, lastSeen, new ArticleRepository(db).countByOutlet(),
                new ImageRepository(db).counts(), rules(db, settings));
        }
    }

    /**
     * Every article per outlet, from the running daemon's database (imported ones included); empty when the
     * holder is not a daemon or does not answer (the feeds' own counts from the status file remain).
     */
    private static Loaded countThroughDaemon(org.newsvault.store.Backend backend, Path data, StatusSnapshot joined,
                                             Settings settings) {
        Loaded none = new Loaded(joined, true, null, Map.of());
        if (!org.newsvault.store.ArchiveAccess.DAEMON.equals(DataLock.holder(data).command())) return none;
        // A daemon still starting serves nothing yet: status answers now with the feeds' counts, it does not wait.
        // (A server database is reached directly: nothing to wait for.)
        if (backend.embedded() && org.newsvault.store.DaemonEndpoint.read(data).isEmpty()) return none;
        try (var access = org.newsvault.store.ArchiveAccess.open(backend, data, DataLock.processCommand(),
            org.newsvault.store.ArchiveAccess.Need.ALONE_OR_DAEMON)) {
            return new Loaded(joined, true, null, new ArticleRepository(access.db()).countByOutlet(),
                new ImageRepository(access.db()).counts(), rules(access.db(), settings));
        } catch (RuntimeException e) {
            return none;
        }
    }

    /**
     * Rule health of every outlet with extracted pages (configured or not: a removed outlet's verdict is still
     * what its pages said); empty when it cannot be read, which must not cost the rest of the status.
     */
    static Map<String, RuleHealth.Verdict> rules(Database db, Settings settings) {
        try {
            return RuleHealthMonitor.verdicts(new ExtractionOutcomes(db), settings.extraction(), java.time.Clock.systemUTC());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** The snapshot with no next polls: shown for a daemon that is not running. */
    static StatusSnapshot stopped(StatusSnapshot s) {
        List<FeedStatus> out = new ArrayList<>();
        for (FeedStatus f : s.feeds()) {
            out.add(f.withNextPoll(null));
        }
        return new StatusSnapshot(s.at(), false, out, s.nodes());
    }

    /** Whether the pid written in the lock file is a live process here (unknown or unreadable counts as alive). */
    static boolean holderAlive(Path data) {
        return DataLock.holder(data).alive();
    }
}
