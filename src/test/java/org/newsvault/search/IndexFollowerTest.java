package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;
import org.newsvault.export.ImportListener;
import org.newsvault.export.Importer;
import org.newsvault.store.CheckUpdate;
import org.newsvault.store.IndexFeed;
import org.newsvault.store.StatusEvent;
import org.newsvault.store.WatchRepository;

/** The index follows the database: archived, changed and imported articles, a crash before a commit, a restart. */
class IndexFollowerTest {
    @TempDir
    Path dir;
    Settings settings;
    Path seeds;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now()); // the import stamps rows with the real time
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n");
        settings = ConfigLoader.load(config);
        seeds = org.newsvault.export.TestArchives.seeds(dir.resolve("seeds"));
    }

    private static long hits(SearchIndex index, SearchQuery q) {
        return index.search(q).total();
    }

    @Test
    void followsImportsAndStatusChangesAndResumesFromItsCommittedMark() throws Exception {
        Path root = dir.resolve("data/index");
        try (Newsvault nv = Newsvault.open(settings)) {
            Importer.of(nv).run(List.of(seeds), (file, outcome, reason) -> {}, () -> false);
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(clock))) {
                IndexFollower f = new IndexFollower(index, new IndexFeed(nv.db), clock);
                assertThat(f.catchUp()).isEqualTo(5);
                index.refresh();
                // RFA's seed says 恢复 (Simplified); the query in Traditional finds it
                assertThat(hits(index, SearchQuery.of("恢復"))).isEqualTo(1);
                assertThat(hits(index, SearchQuery.of("恢复"))).isEqualTo(1);
                // nothing new: the rows are young (not settled), seen, and not added again
                assertThat(f.catchUp()).isZero();
                assertThat(f.marks().article()).isZero();

                long id = index.search(SearchQuery.of("恢复")).hits().get(0).id();
                new WatchRepository(nv.db).recordCheck(id, new CheckUpdate("deleted", 2, 0, null, clock.instant(), null,
                    new StatusEvent(id, clock.instant(), "deleted", 404, null, "page gone")));
                assertThat(f.catchUp()).isEqualTo(1);
                index.refresh();
                assertThat(hits(index, SearchQuery.of("恢复").withStatuses(Set.of("deleted")))).isEqualTo(1);

                // once settled, the mark moves past them and is committed with the index
                now.set(Instant.now().plus(IndexFeed.SETTLE).plusSeconds(1));
                assertThat(f.catchUp()).isZero();
                assertThat(f.marks().article()).isEqualTo(new IndexFeed(nv.db).current().article());
                index.commit();
            }
            // reopened: the follower starts at the committed mark and adds nothing again
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(clock))) {
                IndexFollower f = new IndexFollower(index, new IndexFeed(nv.db), clock);
                assertThat(f.marks().article()).isEqualTo(new IndexFeed(nv.db).current().article());
                assertThat(f.catchUp()).isZero();
                assertThat(hits(index, SearchQuery.of("恢复").withStatuses(Set.of("deleted")))).isEqualTo(1);
            }
        }
    }

    @Test
    void whatWasNotCommittedBeforeACrashIsAddedAgain() throws Exception {
        Path root = dir.resolve("data/index");
        try (Newsvault nv = Newsvault.open(settings)) {
            Importer.of(nv).run(List.of(seeds), (file, outcome, reason) -> {}, () -> false);
            Path copy = dir.resolve("crashed-index");
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(clock))) {
                now.set(now.get().plus(Duration.ofHours(1)));
                assertThat(new IndexFollower(index, new IndexFeed(nv.db), clock).catchUp()).isEqualTo(5);
                // what a SIGKILL leaves: the files as of the last commit (none since open), no clean close
                copyTree(root, copy);
            }
            root = copy;
            try (SearchIndex index = SearchIndex.open(root, SearchIndex.Options.manual(clock))) {
                assertThat(index.status().state()).isNotEqualTo(IndexState.OK);
                IndexFollower f = new IndexFollower(index, new IndexFeed(nv.db), clock);
                assertThat(f.catchUp()).isEqualTo(5);
                index.refresh();
                assertThat(hits(index, SearchQuery.of("恢復"))).isEqualTo(1);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var w = Files.walk(from)) {
            for (Path p : (Iterable<Path>) w::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (!p.getFileName().toString().endsWith(".lock")) Files.copy(p, t);
            }
        }
    }
}
