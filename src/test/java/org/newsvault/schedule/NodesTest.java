package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.FeedState;
import org.newsvault.model.ManualClock;
import org.newsvault.model.NodePolicy;
import org.newsvault.store.Database;
import org.newsvault.store.FeedRepository;
import org.newsvault.store.Leases;
import org.newsvault.store.NodeRepository;
import org.newsvault.store.OutletRepository;

/** Two nodes in one JVM on one database, time moved by hand: the feeds split, polled once per due time, taken over. */
class NodesTest {
    static final int FEEDS = 200;
    static final Duration INTERVAL = Duration.ofMinutes(15);

    @TempDir
    Path dir;
    Database db;
    FeedRepository feeds;
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final List<FeedKey> keys = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        new OutletRepository(db).upsert("o", "Outlet");
        feeds = new FeedRepository(db);
        for (int i = 0; i < FEEDS; i++) {
            FeedKey k = new FeedKey("o", "https://example.org/feed-" + i + ".xml");
            feeds.ensure(k.outletId(), k.url());
            keys.add(k);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    Nodes node(String name) {
        return new Nodes(name, new NodeRepository.Self("host-" + name, 1000 + name.hashCode(), "t"),
            new NodeRepository(db), new Leases(db, Leases.Kind.FEED), new NodePolicy(clock), true);
    }

    @Test
    void aSecondNodeTakesAboutHalfTheFeedsAndEachFeedHasOneOwner() {
        Nodes a = node("alpha");
        a.register();
        assertThat(keys).allMatch(a::owns);
        Nodes b = node("beta");
        b.register();
        a.beat();
        int ofA = 0, ofB = 0;
        for (FeedKey k : keys) {
            assertThat(a.owns(k)).isNotEqualTo(b.owns(k));
            if (a.owns(k)) ofA++;
            else ofB++;
        }
        assertThat(ofA).isBetween(FEEDS * 35 / 100, FEEDS * 65 / 100);
        assertThat(ofA + ofB).isEqualTo(FEEDS);
    }

    @Test
    void everyDueFeedIsPolledExactlyOncePerDueTimeEvenWhileTheNodesDisagreeOnWhoIsAlive() throws Exception {
        Nodes a = node("alpha");
        a.register(); // alpha's view: alpha alone, so it thinks every feed is its own
        Nodes b = node("beta");
        b.register(); // beta's view: both
        for (int round = 0; round < 3; round++) {
            Map<Long, AtomicInteger> polls = new ConcurrentHashMap<>();
            race(a, b, polls);
            assertThat(polls).hasSize(FEEDS);
            assertThat(polls.values()).allMatch(n -> n.get() == 1);
            // The due check alone: both fire again at once, nothing is due, nothing is polled.
            Map<Long, AtomicInteger> again = new ConcurrentHashMap<>();
            race(a, b, again);
            assertThat(again).isEmpty();
            clock.advance(INTERVAL);
            if (round == 1) a.beat(); // now they agree
            b.beat();
        }
    }

    /** Both nodes fire every feed at the same moment, in opposite orders, on two threads; polls counted per feed. */
    private void race(Nodes a, Nodes b, Map<Long, AtomicInteger> polls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Nodes n : List.of(a, b)) {
            List<FeedKey> order = new ArrayList<>(keys);
            if (n == b) Collections.reverse(order);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (FeedKey k : order) fire(n, k, polls);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();
        assertThat(errors).isEmpty();
    }

    /** What the daemon's job does: ask for the turn, poll (record the next check), give the lease back. */
    private void fire(Nodes n, FeedKey k, Map<Long, AtomicInteger> polls) {
        FeedState s = feeds.ensure(k.outletId(), k.url());
        Nodes.Turn turn = n.turn(k, s, () -> feeds.find(s.feedId()).orElse(s));
        if (!turn.now()) {
            assertThat(turn.at()).isAfter(clock.instant());
            return;
        }
        polls.computeIfAbsent(s.feedId(), id -> new AtomicInteger()).incrementAndGet();
        feeds.recordUnchanged(s.feedId(), clock.instant(), clock.instant().plus(INTERVAL));
        n.polled(s.feedId());
    }

    @Test
    void aDeadNodesFeedsGoToTheLiveOneWithinAMinuteAndItsLeaseExpires() {
        Nodes a = node("alpha");
        Nodes b = node("beta");
        a.register();
        b.register();
        a.beat();
        FeedKey held = keys.stream().filter(a::owns).findFirst().orElseThrow();
        FeedState s = feeds.ensure(held.outletId(), held.url());
        assertThat(a.turn(held, s, () -> s).now()).isTrue(); // alpha dies mid-poll: the lease stays behind
        Instant died = clock.instant();
        List<FeedKey> ofA = keys.stream().filter(a::owns).toList();

        Instant takenOver = null;
        while (takenOver == null && Duration.between(died, clock.instant()).compareTo(Duration.ofMinutes(2)) < 0) {
            clock.advance(Duration.ofSeconds(1));
            if (clock.instant().getEpochSecond() % NodePolicy.HEARTBEAT_EVERY.toSeconds() == 0) b.beat();
            if (ofA.stream().allMatch(b::owns) && b.turn(held, s, () -> s).now()) takenOver = clock.instant();
        }
        assertThat(takenOver).isNotNull();
        Duration after = Duration.between(died, takenOver);
        assertThat(after).isGreaterThanOrEqualTo(NodePolicy.LEASE_FOR).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(NodePolicy.takeover()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(b.live()).containsExactly("beta");
    }

    @Test
    void statusShowsEachNodeAliveOrDeadWithItsFeedsAndPolls() {
        Nodes a = node("alpha");
        Nodes b = node("beta");
        a.register();
        b.register();
        FeedState s = feeds.ensure(keys.get(0).outletId(), keys.get(0).url());
        Nodes owner = a.owns(keys.get(0)) ? a : b;
        owner.turn(keys.get(0), s, () -> s);
        owner.polled(s.feedId());
        var settings = new org.newsvault.config.Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"),
            org.newsvault.config.HttpSettings.DEFAULTS, org.newsvault.config.WatchSettings.DEFAULTS, null,
            List.of(new org.newsvault.config.OutletConfig("o", "Outlet", keys.stream()
                .map(k -> new org.newsvault.config.FeedConfig(k.url(), true)).toList(), null, null, INTERVAL, null, null, false,
                (Path) null)));
        var both = a.status(settings);
        assertThat(both).extracting(NodeStatus::name).containsExactly("alpha", "beta");
        assertThat(both).allMatch(NodeStatus::alive);
        assertThat(both.stream().mapToInt(NodeStatus::feedsOwned).sum()).isEqualTo(FEEDS);
        assertThat(both.stream().filter(n -> n.name().equals(owner.name())).findFirst().orElseThrow().polls()).isEqualTo(1);
        assertThat(a.polledBy()).containsEntry(s.feedId(), owner.name());

        clock.advance(NodePolicy.ALIVE_FOR.plusSeconds(1));
        b.beat();
        var later = b.status(settings);
        assertThat(later.get(0).alive()).isFalse();
        assertThat(later.get(0).feedsOwned()).isZero();
        assertThat(later.get(0).heartbeatAge()).isEqualTo(31);
        assertThat(later.get(1).feedsOwned()).isEqualTo(FEEDS);
    }

    @Test
    void aCleanlyStoppedNodesFeedsGoAtTheNextBeat() {
        Nodes a = node("alpha");
        Nodes b = node("beta");
        a.register();
        b.register();
        AtomicInteger changes = new AtomicInteger();
        b.onChange(changes::incrementAndGet);
        a.stop();
        b.beat();
        assertThat(keys).allMatch(b::owns);
        assertThat(changes.get()).isEqualTo(1);
    }

    @Test
    void aSecondDaemonUnderTheSameNameIsRefusedWithOneLine() {
        node("alpha").register();
        Nodes twin = new Nodes("alpha", new NodeRepository.Self("elsewhere", 5, "t"), new NodeRepository(db),
            new Leases(db, Leases.Kind.FEED), new NodePolicy(clock), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(twin::register).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("node alpha is already running").hasMessageNotContaining("\n");
    }

    @Test
    void aloneEveryFeedIsOursWithoutALeaseAndThePollIsRecordedAsOurs() {
        Nodes solo = new Nodes("solo", new NodeRepository.Self("h", 1, "t"), new NodeRepository(db),
            new Leases(db, Leases.Kind.FEED), new NodePolicy(clock), false);
        solo.register();
        FeedState s = feeds.ensure(keys.get(0).outletId(), keys.get(0).url());
        assertThat(solo.turn(keys.get(0), s, () -> s).now()).isTrue();
        solo.polled(s.feedId());
        var leases = new Leases(db, Leases.Kind.FEED);
        assertThat(leases.holder(s.feedId(), clock.instant())).isEmpty();
        assertThat(leases.done().get(s.feedId()).by()).isEqualTo("solo");
        assertThat(new NodeRepository(db).all().get(0).polls()).isEqualTo(1);
    }
}
