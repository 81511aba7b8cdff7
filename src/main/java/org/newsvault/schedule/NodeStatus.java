package org.newsvault.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.model.NodePolicy;
import org.newsvault.store.NodeRepository;

/**
 * One node as {@code status} and {@code /metrics} show it.
 *
 * @param heartbeatAge seconds since its last heartbeat
 * @param feedsOwned   enabled feeds it polls now (rendezvous over the live nodes; a dead node owns none)
 * @param polls        feed polls it finished since its name was first seen
 * @param leases       feed polls it has under way now
 */
public record NodeStatus(String name, boolean alive, long heartbeatAge, int feedsOwned, long polls, int leases) {
    /** The recorded nodes, with the feeds each owns among {@code settings}'s enabled feeds. */
    public static List<NodeStatus> of(List<NodeRepository.NodeRow> rows, Map<String, Integer> leases, Settings settings,
                                      NodePolicy policy) {
        List<String> live = rows.stream().filter(r -> policy.alive(r.heartbeatAt(), r.stoppedAt()))
            .map(NodeRepository.NodeRow::name).toList();
        Map<String, Integer> owned = owned(settings, live);
        List<NodeStatus> out = new ArrayList<>();
        for (var r : rows) {
            boolean alive = live.contains(r.name());
            out.add(new NodeStatus(r.name(), alive, Math.max(0, Duration.between(r.heartbeatAt(), policy.now()).toSeconds()),
                alive ? owned.getOrDefault(r.name(), 0) : 0, r.polls(), leases.getOrDefault(r.name(), 0)));
        }
        return out;
    }

    private static Map<String, Integer> owned(Settings settings, Collection<String> live) {
        Map<String, Integer> out = new HashMap<>();
        if (live.isEmpty()) return out;
        for (OutletConfig o : settings.outlets()) {
            for (FeedConfig f : o.feeds()) {
                if (f.enabled()) out.merge(Ownership.owner(Ownership.key(new FeedKey(o.id(), f.url())), live), 1, Integer::sum);
            }
        }
        return out;
    }
}
