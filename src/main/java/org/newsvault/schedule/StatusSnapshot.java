package org.newsvault.schedule;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.model.FeedState;

/**
 * Every configured feed's status at one moment. The running daemon holds the data-directory lock (and H2
 * allows one process), so it keeps {@value #FILE} in the data directory current, and {@code newsvault
 * status} reads that file while the daemon runs, and the database otherwise.
 *
 * @param at     when it was taken
 * @param daemon true when taken by the running daemon (next polls are its real schedule)
 * @param nodes  the nodes sharing the database (empty: none recorded)
 */
public record StatusSnapshot(Instant at, boolean daemon, List<FeedStatus> feeds, List<NodeStatus> nodes) {
    public static final String FILE = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public StatusSnapshot {
        feeds = List.copyOf(feeds);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public StatusSnapshot(Instant at, boolean daemon, List<FeedStatus> feeds) {
        this(at, daemon, feeds, List.of());
    }

    /** Configured feeds in config order, joined with their stored state; {@code nextPoll} may override. */
    public static StatusSnapshot of(Settings settings, List<FeedState> states, Instant at, boolean daemon,
                                    Function<FeedStatus, Optional<Instant>> nextPoll) {
        return of(settings, states, at, daemon, nextPoll, Map.of(), List.of());
    }

    /**
     * With the node that last polled each feed ({@code polledBy}: feed id → node) and the nodes sharing the database.
     */
    public static StatusSnapshot of(Settings settings, List<FeedState> states, Instant at, boolean daemon,
                                    Function<FeedStatus, Optional<Instant>> nextPoll, Map<Long, String> polledBy,
                                    List<NodeStatus> nodes) {
        Map<String, FeedState> byKey = new HashMap<>();
        for (FeedState s : states) byKey.put(s.outletId() + " " + s.url(), s);
        List<FeedStatus> out = new ArrayList<>();
        for (OutletConfig o : settings.outlets()) {
            for (FeedConfig f : o.feeds()) {
                FeedState s = byKey.get(o.id() + " " + f.url());
                FeedStatus row = s == null
                    ? new FeedStatus(o.id(), f.url(), f.enabled(), null, null, null, null, 0, null, null, 0)
                    : new FeedStatus(o.id(), f.url(), f.enabled(), s.lastPollAt(), s.lastSuccessAt(), s.lastNewAt(),
                        s.lastResult(), s.errorCount(), s.lastError(), f.enabled() ? s.nextCheckAt() : null, s.articlesArchived(),
                        polledBy.get(s.feedId()));
                Instant next = f.enabled() ? nextPoll.apply(row).orElse(row.nextPoll()) : null;
                out.add(row.withNextPoll(next));
            }
        }
        return new StatusSnapshot(at, daemon, out, nodes);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("status: " + e.getMessage(), e);
        }
    }

    public static StatusSnapshot fromJson(String json) throws IOException {
        return JSON.readValue(json, StatusSnapshot.class);
    }

    /** Replaces the file atomically, so a reader never sees half of it. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<StatusSnapshot> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 64L << 20) return Optional.empty();
            return Optional.of(fromJson(Files.readString(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
