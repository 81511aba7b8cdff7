package org.newsvault.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The times of a cluster of nodes sharing one database, in one place: how often a node beats, when it counts as
 * dead, how long a lease lasts and how often it is renewed. Every node reads its own clock, so the nodes' clocks
 * must agree to well within {@link #CLOCK_TOLERANCE} (NTP does): a clock ahead by more would see live nodes as dead
 * and take over leases still held.
 */
public final class NodePolicy {
    /** How often a running daemon records its heartbeat. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    /** A node whose last heartbeat is older than this is dead: its feeds go to the others. */
    public static final Duration ALIVE_FOR = Duration.ofSeconds(30);
    /** A lease taken or renewed lasts this long; a holder that dies leaves it to expire. */
    public static final Duration LEASE_FOR = Duration.ofSeconds(45);
    /** A holder renews its leases this often while its work runs (three renewals per lease). */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(15);
    /**
     * How far apart the nodes' clocks may be: a lease outlives its last renewal by {@code LEASE_FOR - RENEW_EVERY}
     * and a heartbeat its beat by {@code ALIVE_FOR - HEARTBEAT_EVERY}; the smaller margin, halved for safety.
     */
    public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(10);
    /** How soon a node looks again at a feed it does not own (the owner may die): part of the takeover time. */
    public static final Duration NOT_OWNED_AGAIN = Duration.ofSeconds(10);

    private final Clock clock;

    public NodePolicy(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** True while a node that last beat at {@code heartbeat} (and has not stopped) counts as alive. */
    public boolean alive(Instant heartbeat, Instant stoppedAt) {
        return stoppedAt == null && heartbeat != null && heartbeat.plus(ALIVE_FOR).isAfter(now());
    }

    /** Heartbeats before this are dead ones. */
    public Instant deadBefore() {
        return now().minus(ALIVE_FOR);
    }

    /** The end of a lease taken or renewed now. */
    public Instant leaseUntil() {
        return now().plus(LEASE_FOR);
    }

    /** The longest a dead node's feeds wait for another node: death seen, views refreshed, lease expired, trigger fired. */
    public static Duration takeover() {
        Duration seen = ALIVE_FOR.plus(HEARTBEAT_EVERY).plus(NOT_OWNED_AGAIN);
        Duration expired = LEASE_FOR.plus(NOT_OWNED_AGAIN);
        return seen.compareTo(expired) > 0 ? seen : expired;
    }

    /**
     * A node name from a host name: lower case, [a-z0-9-] only (others become '-'), at most 40 characters, never
     * empty ("node").
     */
    public static String sanitize(String host) {
        String s = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return s.isEmpty() ? "node" : s;
    }

    /** This machine's name as the OS reports it (no DNS lookup where it can be avoided), at most 255 characters. */
    public static String localHost() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
            } catch (java.io.IOException | RuntimeException e) {
                h = "";
            }
        }
        if (h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "localhost";
            }
        }
        h = h.strip();
        return h.length() > 255 ? h.substring(0, 255) : h;
    }
}
