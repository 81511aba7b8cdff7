package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexLifecycleTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("index");
    }

    private SearchIndex open() {
        return SearchIndex.open(root(), SearchIndex.Options.manual(CLOCK));
    }

    private static List<Long> ids(SearchIndex index, String text) {
        return index.search(SearchQuery.of(text)).hits().stream().map(SearchHit::id).toList();
    }

    private static List<String> generations(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("g\\d+")).sorted().toList();
        }
    }

    @Test
    void aFirstOpenFindsNothingStartsEmptyAndAsksForARebuild() {
        assertThat(SearchIndex.inspect(root()).state()).isEqualTo(IndexState.MISSING);
        try (SearchIndex index = open()) {
            assertThat(index.status().state()).isEqualTo(IndexState.MISSING);
            assertThat(index.status().state().needsRebuild()).isTrue();
            assertThat(index.search(SearchQuery.of("")).total()).isZero();
        }
        assertThat(SearchIndex.inspect(root()).state()).isEqualTo(IndexState.OK);
    }

    @Test
    void reopenedAfterACleanCloseEverythingIsThere() {
        try (SearchIndex index = open()) {
            Headlines.ALL.forEach(index::add);
        }
        IndexStatus status = SearchIndex.inspect(root());
        assertThat(status.state()).isEqualTo(IndexState.OK);
        assertThat(status.documents()).isEqualTo(Headlines.ALL.size());
        assertThat(status.lastCommit()).isEqualTo(CLOCK.instant());
        try (SearchIndex index = open()) {
            assertThat(index.status().state()).isEqualTo(IndexState.OK);
            assertThat(ids(index, "習近平")).containsExactly(1L);
        }
    }

    @Test
    void aCrashAfterACommitIsDetectedWithTheTimeOfThatCommit() throws IOException {
        Path copy = tmp.resolve("crashed");
        try (SearchIndex index = open()) {
            index.add(Headlines.MACAU);
            index.commit();
            index.add(Headlines.VOA_IMF); // never committed: lost in the "crash"
            // What a SIGKILL leaves: the files as of the last commit, no clean close.
            copyTree(root(), copy);
        }
        IndexStatus found = SearchIndex.inspect(copy);
        assertThat(found.state()).isEqualTo(IndexState.UNCLEAN);
        assertThat(found.lastCommit()).isEqualTo(CLOCK.instant());
        try (SearchIndex index = SearchIndex.open(copy, SearchIndex.Options.manual(CLOCK))) {
            assertThat(index.status().state()).isEqualTo(IndexState.UNCLEAN);
            assertThat(index.status().state().needsRebuild()).isFalse();
            assertThat(ids(index, "习近平")).containsExactly(1L);
            assertThat(ids(index, "IMF")).isEmpty();
        }
    }

    @Test
    void everyNChangesAreCommitted() throws IOException {
        Path copy = tmp.resolve("copy");
        try (SearchIndex index = SearchIndex.open(root(), new SearchIndex.Options(3, Duration.ZERO, Duration.ZERO, CLOCK))) {
            index.add(Headlines.MACAU);
            index.add(Headlines.VOA_IMF);
            index.add(Headlines.BNO); // the third: committed
            index.add(Headlines.DW_POLICE);
            copyTree(root(), copy);
        }
        assertThat(SearchIndex.inspect(copy).documents()).isEqualTo(3);
    }

    @Test
    void aTimerCommitsAndRefreshesForTheDaemon() throws Exception {
        Path copy = tmp.resolve("copy");
        try (SearchIndex index = SearchIndex.open(root(),
                new SearchIndex.Options(1_000, Duration.ofMillis(50), Duration.ofMillis(50), Clock.systemUTC()))) {
            index.add(Headlines.MACAU);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (SearchIndex.inspect(root()).documents() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            copyTree(root(), copy);
        }
        assertThat(SearchIndex.inspect(copy).documents()).isEqualTo(1);
    }

    @Test
    void aCorruptIndexIsDetectedAndReplacedByAnEmptyOneToRebuild() throws IOException {
        try (SearchIndex index = open()) {
            Headlines.ALL.forEach(index::add);
        }
        Path gen = root().resolve(Files.readString(root().resolve("current")).strip());
        try (Stream<Path> s = Files.list(gen)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                byte[] b = Files.readAllBytes(p);
                b[b.length / 2] ^= 0x5a;
                Files.write(p, b);
            }
        }
        IndexStatus found = SearchIndex.inspect(root());
        assertThat(found.state()).isEqualTo(IndexState.UNREADABLE);
        assertThat(found.detail()).isNotBlank();
        try (SearchIndex index = open()) {
            assertThat(index.status().state()).isEqualTo(IndexState.UNREADABLE);
            assertThat(index.search(SearchQuery.of("")).total()).isZero();
            index.rebuild(Headlines.ALL, Reindexer.Progress.NONE);
            assertThat(index.status().state()).isEqualTo(IndexState.OK);
            assertThat(ids(index, "習近平")).containsExactly(1L);
        }
        assertThat(generations(root())).hasSize(1);
    }

    @Test
    void aDeletedGenerationOrGarbagePointerIsMissing() throws IOException {
        try (SearchIndex index = open()) {
            index.add(Headlines.MACAU);
        }
        Files.writeString(root().resolve("current"), "../../etc\n");
        assertThat(SearchIndex.inspect(root()).state()).isEqualTo(IndexState.MISSING);
        Files.writeString(root().resolve("current"), "g000099\n");
        assertThat(SearchIndex.inspect(root()).state()).isEqualTo(IndexState.MISSING);
    }

    @Test
    void anIndexOfAnotherSchemaIsOutdated() throws IOException {
        Files.createDirectories(root().resolve("g000001"));
        try (var dir = FSDirectory.open(root().resolve("g000001"));
             var w = new IndexWriter(dir, new IndexWriterConfig())) {
            w.setLiveCommitData(Map.of(Generation.KEY_SCHEMA, "0", Generation.KEY_CLEAN, "true").entrySet());
            w.commit();
        }
        Files.writeString(root().resolve("current"), "g000001\n");
        assertThat(SearchIndex.inspect(root()).state()).isEqualTo(IndexState.OUTDATED);
        try (SearchIndex index = open()) {
            assertThat(index.status().state()).isEqualTo(IndexState.OUTDATED);
        }
    }

    @Test
    void aSecondWriterIsRefusedWithAClearMessage() {
        try (SearchIndex index = open()) {
            assertThatThrownBy(this::open).isInstanceOf(SearchException.class).hasMessageContaining("in use");
            assertThatThrownBy(() -> Reindexer.rebuild(root(), Headlines.ALL, Reindexer.Progress.NONE))
                    .isInstanceOf(SearchException.class).hasMessageContaining("in use");
            assertThat(index.search(SearchQuery.of("")).total()).isZero();
        }
    }

    @Test
    void aStandaloneRebuildSwapsInTheNewIndexAndReportsProgress() throws IOException {
        try (SearchIndex index = open()) {
            index.add(Headlines.doc(99, "voa-chinese", "旧文章", "旧", "2020-01-01T00:00:00Z"));
        }
        List<SearchDocument> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) many.add(Headlines.doc(1_000 + i, "voa-chinese", "文章" + i, "正文", "2020-01-01T00:00:00Z"));
        List<Long> progress = new ArrayList<>();
        // Pushed, as ArticleRepository.stream pushes rows to a consumer.
        Reindexer.Source source = sink -> many.forEach(sink);
        assertThat(Reindexer.rebuild(root(), source, progress::add, CLOCK)).isEqualTo(2_500);
        assertThat(progress).containsExactly(1_000L, 2_000L, 2_500L);
        assertThat(generations(root())).containsExactly("g000002");
        try (SearchIndex index = open()) {
            assertThat(index.status().state()).isEqualTo(IndexState.OK);
            assertThat(ids(index, "旧文章")).isEmpty();
            assertThat(index.search(SearchQuery.of("正文")).total()).isEqualTo(2_500);
        }
    }

    @Test
    void aRebuildThatFailsHalfWayLeavesTheOldIndex() throws IOException {
        try (SearchIndex index = open()) {
            Headlines.ALL.forEach(index::add);
            Iterable<SearchDocument> failing = () -> new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public SearchDocument next() {
                    if (++n > 3) throw new IllegalStateException("database went away");
                    return Headlines.doc(500 + n, "x", "新", "新", "2020-01-01T00:00:00Z");
                }
            };
            assertThatThrownBy(() -> index.rebuild(failing, Reindexer.Progress.NONE))
                    .isInstanceOf(SearchException.class).hasMessageContaining("database went away");
            assertThat(ids(index, "習近平")).containsExactly(1L);
            assertThat(ids(index, "新")).isEmpty();
            index.add(Headlines.doc(600, "x", "之后", "之后", "2020-01-01T00:00:00Z"));
            assertThat(ids(index, "之后")).containsExactly(600L);
        }
        assertThat(generations(root())).hasSize(1);
        assertThat(SearchIndex.inspect(root()).documents()).isEqualTo(Headlines.ALL.size() + 1);
    }

    @Test
    void changesDuringARebuildWinOverWhatTheRebuildReads() {
        try (SearchIndex index = open()) {
            Headlines.ALL.forEach(index::add);
            SearchDocument stale = Headlines.MACAU;
            SearchDocument edited = Headlines.doc(1, "bbc-zhongwen", "习近平：改过的标题", "改过", "2014-09-24T22:43:41Z");
            // The database as the rebuild reads it: while it reads, the daemon archives and edits.
            Iterable<SearchDocument> snapshot = () -> new Iterator<>() {
                final List<SearchDocument> rows = List.of(Headlines.LAW_LONDON, stale, Headlines.VOA_IMF);
                int i;

                @Override
                public boolean hasNext() {
                    return i < rows.size();
                }

                @Override
                public SearchDocument next() {
                    if (i == 1) {
                        index.add(edited);
                        index.add(Headlines.BNO);
                        index.delete(6);
                        // Searches keep answering from the old generation meanwhile, changes included.
                        assertThat(ids(index, "德国")).containsExactly(4L);
                        assertThat(ids(index, "改过")).containsExactly(1L);
                    }
                    return rows.get(i++);
                }
            };
            assertThat(index.rebuild(snapshot, Reindexer.Progress.NONE)).isEqualTo(3);
            assertThat(ids(index, "改过")).containsExactly(1L);
            assertThat(ids(index, "澳门")).isEmpty();
            assertThat(ids(index, "BNO")).containsExactly(8L);
            assertThat(ids(index, "IMF")).isEmpty();
            assertThat(ids(index, "罗冠聪")).containsExactly(2L);
            assertThat(ids(index, "德国")).isEmpty(); // not in the database any more
            assertThat(index.search(SearchQuery.of("")).total()).isEqualTo(3);
        }
    }

    @Test
    void aReadOnlyIndexSeesCommitsAndFollowsARebuild() {
        try (SearchIndex writer = open()) {
            writer.add(Headlines.MACAU);
            writer.commit();
            try (SearchIndex reader = SearchIndex.openReadOnly(root(), CLOCK)) {
                assertThat(ids(reader, "習近平")).containsExactly(1L);
                writer.add(Headlines.VOA_IMF);
                assertThat(ids(reader, "IMF")).isEmpty(); // not committed yet
                writer.commit();
                assertThat(ids(reader, "IMF")).containsExactly(6L);
                writer.rebuild(List.of(Headlines.BNO), Reindexer.Progress.NONE);
                assertThat(ids(reader, "BNO")).containsExactly(8L);
                assertThat(ids(reader, "IMF")).isEmpty();
                assertThatThrownBy(() -> reader.add(Headlines.DW_G7)).isInstanceOf(SearchException.class)
                        .hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void aReadOnlyOpenOfAMissingIndexSaysWhatToDo() {
        assertThatThrownBy(() -> SearchIndex.openReadOnly(root(), CLOCK)).isInstanceOf(SearchException.class)
                .hasMessageContaining("missing").hasMessageContaining("reindex");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.getFileName().toString().endsWith(".lock")) Files.copy(p, target);
            }
        }
    }
}
