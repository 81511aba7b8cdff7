package org.newsvault.schedule;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.newsvault.model.FeedState;
import org.newsvault.model.NodePolicy;
import org.newsvault.store.Leases;
import org.newsvault.store.NodeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This daemon as one node of several sharing the database. Its row in {@code node} carries its heartbeat
 * ({@link #beat}); the live nodes' names, read at each beat, decide which feeds it owns ({@link Ownership}).
 * Every node keeps every feed scheduled; when a feed's trigger fires, {@link #turn} says whether to poll it now:
 * only its owner polls it, and only under a lease taken in the database ({@code feed_lease}) and only when the feed
 * is still due once the lease is held (another node may have polled it a moment ago). So a feed is polled by one
 * node at a time and once per due time, even while two nodes briefly disagree on who is alive.
 *
 * <p>Not coordinated (one node alone on its database, the default): every feed is ours and no lease is taken;
 * the poll is still recorded as this node's ({@code status} shows it). Thread-safe.
 */
public final class Nodes {
    private static final Logger log = LoggerFactory.getLogger(Nodes.class);

    private final String name;
    private final NodeRepository.Self self;
    private final NodeRepository rows;
    private final Leases feedLeases;
    private final NodePolicy policy;
    private final boolean coordinated;
    private volatile List<String> live = List.of();
    private volatile boolean registered;
    /** Called when the live nodes change (feeds may have come to us): the daemon looks at them again. */
    private volatile Runnable onChange = () -> {};

    /** When to look at a feed again instead of polling it now (null {@code at}: poll it now). */
    record Turn(Instant at, String why) {
        static final Turn NOW = new Turn(null, "");

        boolean now() {
            return at == null;
        }
    }

    /**
     * @param coordinated true when other nodes share the database (leases, ownership, the due check); false alone
     */
    public Nodes(String name, NodeRepository.Self self, NodeRepository rows, Leases feedLeases, NodePolicy policy,
                 boolean coordinated) {
        this.name = name;
        this.self = self;
        this.rows = rows;
        this.feedLeases = feedLeases;
        this.policy = policy;
        this.coordinated = coordinated;
    }

    public String name() {
        return name;
    }

    public boolean coordinated() {
        return coordinated;
    }

    void onChange(Runnable r) {
        onChange = r == null ? () -> {} : r;
    }

    /**
     * Takes this node's name in the database.
     *
     * @throws IllegalStateException when a live node (another daemon) runs under this name: one clear line
     */
    public void register() {
        var holder = rows.register(name, self, policy.now(), policy.deadBefore());
        if (holder.isPresent()) {
            var h = holder.get();
            throw new IllegalStateException("node " + name + " is already running (pid " + h.pid() + " on " + h.host()
                + ", last heartbeat " + h.heartbeatAt() + "); give this daemon another name (node: in the config)"
                + " or stop the other one first");
        }
        registered = true;
        refresh();
    }

    /** The heartbeat: records that this node is alive, then reads who else is. */
    public void beat() {
        if (!registered) return;
        try {
            if (!rows.heartbeat(name, self.pid(), policy.now())) {
                // Taken over as dead (a pause longer than the heartbeat's margin): own nothing until the name is ours again.
                var holder = rows.register(name, self, policy.now(), policy.deadBefore());
                if (holder.isPresent()) {
                    log.error("node {}: taken over by pid {} on {}; this daemon polls nothing until it is stopped",
                        name, holder.get().pid(), holder.get().host());
                    live = List.of();
                    return;
                }
                log.warn("node {}: its heartbeat had gone stale; registered again", name);
            }
            refresh();
        } catch (RuntimeException e) {
            log.warn("node {}: heartbeat failed: {}", name, e.toString());
        }
    }

    private void refresh() {
        List<String> now = rows.alive(policy.deadBefore());
        List<String> before = live;
        live = now;
        // Alone, every feed is ours whoever else is recorded: nothing to look at again.
        if (coordinated && !now.equals(before) && !before.isEmpty()) {
            log.info("nodes alive: {}", String.join(", ", now));
            onChange.run();
        }
    }

    /** Extends this node's leases while its polls run (every {@link NodePolicy#RENEW_EVERY}). */
    public void renew() {
        if (!coordinated) return;
        try {
            feedLeases.renew(name, policy.leaseUntil());
        } catch (RuntimeException e) {
            log.warn("node {}: lease renewal failed: {}", name, e.toString());
        }
    }

    /** A clean stop: the others take this node's feeds at their next beat, not after the heartbeat goes stale. */
    public void stop() {
        if (!registered) return;
        registered = false;
        try {
            rows.stopped(name, self.pid(), policy.now());
        } catch (RuntimeException e) {
            log.debug("node {}: cannot record the stop: {}", name, e.toString());
        }
    }

    /** Every recorded node as status shows it (empty when the database cannot tell: logged at debug). */
    public List<NodeStatus> status(org.newsvault.config.Settings settings) {
        try {
            return NodeStatus.of(rows.all(), feedLeases.heldBy(policy.now()), settings, policy);
        } catch (RuntimeException e) {
            log.debug("node status: {}", e.toString());
            return List.of();
        }
    }

    /** Feed id → the node that polled it last. */
    public java.util.Map<Long, String> polledBy() {
        try {
            java.util.Map<Long, String> out = new java.util.HashMap<>();
            feedLeases.done().forEach((id, d) -> out.put(id, d.by()));
            return out;
        } catch (RuntimeException e) {
            log.debug("polled by: {}", e.toString());
            return java.util.Map.of();
        }
    }

    /**
     * What this node's recovery may clean on a shared archive: its own and dead nodes' temp files, and rows older than
     * a lease (a younger unwritten row may be a live node's write under way). Reads the live nodes now.
     */
    public org.newsvault.model.TempNames.Leftovers leftovers() {
        return org.newsvault.model.TempNames.Leftovers.ofNode(name, rows.alive(policy.deadBefore()), policy);
    }

    /** The live nodes at the last beat. */
    public List<String> live() {
        return live;
    }

    /** True when this node polls {@code feed} (alone: always). */
    boolean owns(FeedKey feed) {
        return !coordinated || name.equals(Ownership.owner(Ownership.key(feed), live));
    }

    /**
     * Whether to poll the feed now. Coordinated: not ours → look again in a while (its owner may die); ours but
     * leased by another node (one that died mid-poll, or saw other live nodes) → again after a while; leased, but
     * already polled by another node since this trigger was set → at the feed's recorded next check.
     *
     * @param current the feed's state as the trigger fired
     * @param fresh   the feed's state read again, once the lease is taken
     */
    Turn turn(FeedKey feed, FeedState current, Supplier<FeedState> fresh) {
        if (!coordinated) return Turn.NOW;
        long feedId = current.feedId();
        Instant now = policy.now();
        Instant again = now.plus(NodePolicy.NOT_OWNED_AGAIN);
        if (!owns(feed)) {
            Instant next = current.nextCheckAt();
            return new Turn(next != null && next.isAfter(again) ? next : again, "owned by " + Ownership.owner(Ownership.key(feed), live));
        }
        if (!feedLeases.take(feedId, name, now, policy.leaseUntil())) return new Turn(again, "leased by another node");
        Instant next = fresh.get().nextCheckAt();
        if (next != null && next.isAfter(now)) {
            feedLeases.release(feedId, name, null, null);
            return new Turn(next, "polled by another node");
        }
        return Turn.NOW;
    }

    /** After a poll {@link #turn} allowed: the lease given back, the poll recorded as this node's. */
    void polled(long feedId) {
        Instant now = policy.now();
        try {
            if (coordinated) feedLeases.release(feedId, name, name, now);
            else feedLeases.recordDone(feedId, name, now);
            rows.countPoll(name);
        } catch (RuntimeException e) {
            // The lease expires by itself; only the "polled by" is missing.
            log.warn("node {}: cannot record the poll of feed {}: {}", name, feedId, e.toString());
        }
    }
}
