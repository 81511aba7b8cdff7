package org.newsvault.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.export.ExportFormat;
import org.newsvault.export.Exporter;
import org.newsvault.export.Importer;
import org.newsvault.export.TestArchives;
import org.newsvault.model.ContentHash;
import org.newsvault.model.FeedState;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleFile;
import org.newsvault.verify.Verifier;
import org.newsvault.verify.VerifyReport;

/** An archive copied H2 → H2 by {@link DatabaseCopy}: every table equal, ids continue, the source untouched. */
class DatabaseCopyTest {
    static final List<String> TABLES = List.of("article", "article_image", "claim_lock", "extraction_health",
        "extraction_outcome", "feed", "feed_lease", "host_pace", "node", "original", "outlet", "recheck_lease",
        "revision", "sighting", "status_event");
    /** The schema version the migrations on the class path reach. */
    static final String VERSION = "11";

    @TempDir
    Path dir;
    Path archive;
    Path source;
    /** More than 256 KB: H2 keeps it in its LOB maps, not in the row (V5). */
    List<String> longListing;

    Settings settings(Path data) {
        return new Settings(dir.resolve("newsvault.yaml"), data, archive, HttpSettings.DEFAULTS, WatchSettings.DEFAULTS, null,
            List.of());
    }

    @BeforeEach
    void buildArchive() throws Exception {
        archive = dir.resolve("archive");
        source = dir.resolve("src/data");
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        Instant at = Instant.parse("2024-07-01T00:00:00Z");
        longListing = IntStream.range(0, 3000).mapToObj(i -> "https://news.example/" + "长".repeat(40) + "/" + i).toList();
        try (Newsvault nv = Newsvault.open(settings(source))) {
            assertThat(Importer.of(nv).run(List.of(seeds), (f, o, r) -> {}).imported()).isEqualTo(5);
            // an edit found by a re-check: a page original, revisions 1 and 2, a status event
            ArticleRow a = nv.articles.find(4).orElseThrow();
            byte[] page = "<html><body><p>改过的正文。</p></body></html>".getBytes(UTF_8);
            Original o = nv.originals.save(a.file().url(), 200, List.of(Map.entry("Content-Type", "text/html; charset=utf-8")),
                "text/html; charset=utf-8", page, at, "page");
            ArticleFile edited = new ArticleFile(a.file().variant(), a.file().frontMatter(), a.file().stamp(), "改过的标题",
                a.file().url(), "<p>改过的正文。</p>");
            new RevisionRepository(nv.db).recordEdit(new NewRevision(a.id(), at, "改过的标题",
                ContentHash.ofHtml(edited.bodyHtml()), o.id(), edited, n -> a.filePath() + ".revisions/" + n + ".md", o.id(),
                null, new StatusEvent(a.id(), at, "edited", 200, null, "revision {n}")), at.plusSeconds(1));
            // a polled feed with a listing too long for the row
            FeedState f = nv.feeds.ensure("rfa", "https://www.rfa.org/feed.xml");
            nv.feeds.recordSuccess(f.feedId(), "\"etag-1\"", null, "a".repeat(64), 2, at, at.plusSeconds(900));
            nv.feeds.recordEntryUrls(f.feedId(), longListing);
            nv.feeds.ensure("rfa", "https://www.rfa.org/other.xml");
            // images: one waiting, one given up
            nv.images.add(1, List.of(new ImageRepository.NewImage("https://img.example/a.jpg", ImageRole.LEAD, 0),
                new ImageRepository.NewImage("https://img.example/b.png", ImageRole.BODY, 1)), 20, at, at);
            long failed = nv.images.takeDue(at.plusSeconds(1), 10, java.time.Duration.ofMinutes(5)).stream()
                .filter(d -> d.image().url().endsWith("b.png")).findFirst().orElseThrow().id();
            nv.images.finish(List.of(failed), ImageState.TOO_LARGE, 9_000_000, "larger than 8 MB", at, null);
            // rule health and the nodes' tables (V10, V11): a row each, so their copy is checked too
            nv.db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO extraction_outcome (outlet_id, url, outcome, extracted_at) VALUES"
                        + " ('rfa', 'https://www.rfa.org/a.html', 'selector_missed', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:00+00')");
                    st.execute("INSERT INTO extraction_health (outlet_id, stale_since, summary, changed_at) VALUES"
                        + " ('rfa', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:00+08', '14 of last 20', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:00+00')");
                    st.execute("INSERT INTO node (name, started_at, heartbeat_at, host, pid, version, polls) VALUES"
                        + " ('nv-a', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:10+00', 'host-a', 42, '0.1', 3)");
                    st.execute("INSERT INTO feed_lease (feed_id, holder, until, done_by, done_at) SELECT id, NULL, NULL, 'nv-a',"
                        + " TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:05+00' FROM feed");
                    st.execute("INSERT INTO recheck_lease (article_id, done_by, done_at) VALUES (4, 'nv-a', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:06+00')");
                    st.execute("INSERT INTO host_pace (host, next_at) VALUES ('www.rfa.org', TIMESTAMP WITH TIME ZONE '2024-07-01 00:00:07+00')");
                }
                return null;
            });
        }
        // the revision files, as the daemon's recovery writes them: verify of the source is clean
        assertThat(verify(source).clean()).isTrue();
    }

    VerifyReport verify(Path data) {
        Verifier v = new Verifier(data, archive, true, true, p -> {});
        v.run();
        return new Verifier(data, archive, false, true, p -> {}).run();
    }

    static String h2(Path data) {
        return "jdbc:h2:file:" + data.toAbsolutePath().resolve("newsvault");
    }

    /** The target database in {@code data}, migrated by Flyway (to {@code version}, or the latest). */
    static Connection target(Path data, String version) throws SQLException {
        var flyway = Flyway.configure().dataSource(h2(data), "newsvault", "").locations(SchemaMigration.locations(Vendor.H2));
        if (version != null) flyway.target(version);
        flyway.load().migrate();
        return DriverManager.getConnection(h2(data), "newsvault", "");
    }

    DatabaseCopy.CopyReport copy(Path into, int batch) throws SQLException {
        try (Connection s = DatabaseCopy.openReadOnly(source); Connection t = target(into, null)) {
            return new DatabaseCopy(s, t, DatabaseCopy.IdentityReset.H2, batch).run(DatabaseCopy.Progress.NONE);
        }
    }

    /** Every row of the table, every column (generated ones too: the target computes them), normalized and sorted. */
    static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            var md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof OffsetDateTime t) v = t.toInstant();
                    if (v instanceof Clob clob) v = clob.getSubString(1, (int) clob.length());
                    b.append(md.getColumnLabel(i).toLowerCase()).append('=').append(v).append('\u0001');
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void copiesEveryTableRowForRowAndLeavesTheSourceFileAsItWas() throws Exception {
        Path file = source.resolve("newsvault.mv.db");
        String before = sha256(file);
        FileTime mtime = Files.getLastModifiedTime(file);
        List<String> dataFiles;
        try (Stream<Path> s = Files.list(source)) {
            dataFiles = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Path into = dir.resolve("dst/data");

        List<String> progress = new ArrayList<>();
        DatabaseCopy.CopyReport r;
        try (Connection s = DatabaseCopy.openReadOnly(source); Connection t = target(into, null)) {
            r = new DatabaseCopy(s, t, DatabaseCopy.IdentityReset.H2, 2).run((table, done, total) ->
                progress.add(table + " " + done + "/" + total));
        }

        assertThat(r.lossless()).isTrue();
        assertThat(r.schemaVersion()).isEqualTo(VERSION);
        assertThat(r.tables()).extracting(DatabaseCopy.TableReport::table).containsExactlyInAnyOrderElementsOf(TABLES);
        List<String> order = r.tables().stream().map(DatabaseCopy.TableReport::table).toList();
        // referenced tables first (the keys H2's own migrations kept)
        assertThat(order.indexOf("outlet")).isLessThan(order.indexOf("feed")).isLessThan(order.indexOf("article"));
        assertThat(order.indexOf("original")).isLessThan(order.indexOf("article"));
        assertThat(order.indexOf("article")).isLessThan(order.indexOf("sighting")).isLessThan(order.indexOf("status_event"));
        assertThat(r.tables()).filteredOn(t -> t.table().equals("claim_lock")).singleElement()
            .satisfies(t -> assertThat(t.outcome()).isEqualTo(DatabaseCopy.Outcome.ALREADY_THERE));
        assertThat(r.tables()).filteredOn(t -> !t.table().equals("claim_lock"))
            .allSatisfy(t -> assertThat(t.outcome()).isEqualTo(DatabaseCopy.Outcome.COPIED));
        assertThat(progress).contains("article 0/5", "article 2/5", "article 4/5", "article 5/5");

        try (Connection s = DatabaseCopy.openReadOnly(source); Connection t = DriverManager.getConnection(h2(into), "newsvault", "")) {
            for (String table : TABLES) {
                List<String> want = rows(s, table);
                assertThat(want).as(table).isNotEmpty();
                assertThat(rows(t, table)).as(table).containsExactlyElementsOf(want);
            }
            // the CLOB kept outside the row came over whole
            try (Statement st = t.createStatement();
                 ResultSet rs = st.executeQuery("SELECT entry_urls FROM feed WHERE entry_urls IS NOT NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(String.join("\n", longListing));
            }
        }

        assertThat(sha256(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(mtime);
        try (Stream<Path> s = Files.list(source)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(dataFiles);
        }
    }

    @Test
    void theTargetsIdsContinueAfterTheLargestCopiedOne() throws Exception {
        Path into = dir.resolve("dst/data");
        copy(into, DatabaseCopy.BATCH);
        long maxFeed, maxOriginal, maxArticle;
        try (Connection t = DriverManager.getConnection(h2(into), "newsvault", ""); Statement st = t.createStatement()) {
            maxFeed = max(st, "feed");
            maxOriginal = max(st, "original");
            maxArticle = max(st, "article");
        }
        try (Database db = Database.open(into)) {
            assertThat(new FeedRepository(db).ensure("rfa", "https://www.rfa.org/new.xml").feedId()).isEqualTo(maxFeed + 1);
            long original = new OriginalRepository(db).insert("b".repeat(64), "https://x.example/", 200, List.of(), "text/html",
                Instant.now(), 10, "page");
            assertThat(original).isEqualTo(maxOriginal + 1);
            ArticleRow a = new ArticleRepository(db).find(maxArticle).orElseThrow();
            ArticleRow copy = new ArticleRow(0, a.outletId(), null, null, a.canonicalUrl() + "?again", a.title(), a.author(),
                a.publishedAt(), a.fetchedAt(), "c".repeat(64), a.file(), a.filePath() + ".again", false, null, "poll", "live",
                null, ArticleRow.FULL);
            assertThat(new ArticleRepository(db).insert(copy, Instant.now())).isEqualTo(maxArticle + 1);
        }
    }

    static long max(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT MAX(id) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aTargetWithOtherRowsIsRefusedAndAnInterruptedCopyIsFinished() throws Exception {
        Path into = dir.resolve("dst/data");
        copy(into, DatabaseCopy.BATCH);
        // as if the copy had stopped before its last tables: they are empty, the others complete
        try (Connection t = DriverManager.getConnection(h2(into), "newsvault", ""); Statement st = t.createStatement()) {
            st.execute("DELETE FROM status_event");
            st.execute("DELETE FROM article_image");
        }
        DatabaseCopy.CopyReport again = copy(into, DatabaseCopy.BATCH);
        assertThat(again.lossless()).isTrue();
        assertThat(again.tables()).filteredOn(t -> t.outcome() == DatabaseCopy.Outcome.COPIED && t.sourceRows() > 0)
            .extracting(DatabaseCopy.TableReport::table).containsExactlyInAnyOrder("status_event", "article_image");

        List<String> feeds;
        try (Connection t = DriverManager.getConnection(h2(into), "newsvault", ""); Statement st = t.createStatement()) {
            st.execute("DELETE FROM status_event");
            st.execute("INSERT INTO feed (outlet_id, url) VALUES ('rfa', 'https://elsewhere.example/feed')");
            feeds = rows(t, "feed");
        }
        assertThatThrownBy(() -> copy(into, DatabaseCopy.BATCH)).isInstanceOf(DatabaseCopy.RefusedException.class)
            .hasMessage("the target database already holds other rows in feed (3 rows); migrate into an empty database");
        try (Connection t = DriverManager.getConnection(h2(into), "newsvault", "")) {
            assertThat(rows(t, "status_event")).as("nothing written when refused").isEmpty();
            assertThat(rows(t, "feed")).isEqualTo(feeds);
        }
    }

    @Test
    void aTargetAtAnotherSchemaVersionIsRefused() throws Exception {
        Path into = dir.resolve("dst/data");
        try (Connection s = DatabaseCopy.openReadOnly(source); Connection t = target(into, "8")) {
            assertThatThrownBy(() -> new DatabaseCopy(s, t, DatabaseCopy.IdentityReset.H2).run(DatabaseCopy.Progress.NONE))
                .isInstanceOf(DatabaseCopy.RefusedException.class)
                .hasMessageStartingWith("the source database has schema version " + VERSION + " and the target 8");
            assertThat(rows(t, "outlet")).isEmpty();
        }
    }

    @Test
    void theCopyVerifiesCleanAndExportsTheSameSeedFiles() throws Exception {
        Path into = dir.resolve("dst/data");
        assertThat(copy(into, 3).lossless()).isTrue();
        // the blobs stay where they are on shared storage; a second H2 archive needs its own data directory
        copyTree(source.resolve("originals"), into.resolve("originals"));

        VerifyReport report = new Verifier(into, archive, false, true, p -> {}).run();
        assertThat(report.clean()).as(report.summary()).isTrue();

        Path fromSource = dir.resolve("export-source"), fromTarget = dir.resolve("export-target");
        try (Newsvault nv = Newsvault.open(settings(source))) {
            Exporter.of(nv).export(ExportFormat.SEED, ArticleQuery.ALL, fromSource, n -> {});
        }
        try (Newsvault nv = Newsvault.open(settings(into))) {
            Exporter.of(nv).export(ExportFormat.SEED, ArticleQuery.ALL, fromTarget, n -> {});
        }
        Map<String, String> want = hashes(fromSource);
        assertThat(want).containsKey("articles/rfa/003_b2868bf1b7a93490.txt.revisions/2.md").hasSizeGreaterThan(5);
        assertThat(hashes(fromTarget)).isEqualTo(want);
    }

    /**
     * The done-when: an H2 archive moved into PostgreSQL exports byte-identical seed files from there, and
     * verify is clean on it. Skipped unless {@value TestDatabases#ENV} is set.
     */
    @Test
    void intoPostgresqlVerifiesCleanAndExportsTheSameSeedFiles() throws Exception {
        Backend pg = TestDatabases.freshPostgresql();
        try {
            Path into = dir.resolve("pg/data");
            Database.open(pg, into).close(); // migrates the empty schema, as migrate-db's target opener does
            DatabaseCopy.CopyReport r;
            try (Connection s = DatabaseCopy.openReadOnly(source); Connection t = DriverManager.getConnection(pg.url())) {
                r = new DatabaseCopy(s, t, DatabaseCopy.IdentityReset.of(t), 2).run(DatabaseCopy.Progress.NONE);
            }
            assertThat(r.lossless()).as(r.toString()).isTrue();
            assertThat(r.tables()).extracting(DatabaseCopy.TableReport::table).containsExactlyInAnyOrderElementsOf(TABLES);
            copyTree(source.resolve("originals"), into.resolve("originals"));
            Settings onPg = settings(into).withDatabase(pg);

            VerifyReport report = new Verifier(pg, into, archive, false, true, p -> {}).run();
            assertThat(report.clean()).as(report.summary()).isTrue();
            Path fromSource = dir.resolve("export-source"), fromTarget = dir.resolve("export-pg");
            try (Newsvault nv = Newsvault.open(settings(source))) {
                Exporter.of(nv).export(ExportFormat.SEED, ArticleQuery.ALL, fromSource, n -> {});
            }
            try (Newsvault nv = Newsvault.open(onPg)) {
                Exporter.of(nv).export(ExportFormat.SEED, ArticleQuery.ALL, fromTarget, n -> {});
                // ids continue after the copied ones on PostgreSQL too
                assertThat(nv.feeds.ensure("rfa", "https://www.rfa.org/new.xml").feedId())
                    .isGreaterThan(nv.feeds.ensure("rfa", "https://www.rfa.org/other.xml").feedId());
            }
            Map<String, String> want = hashes(fromSource);
            assertThat(want).hasSizeGreaterThan(5);
            assertThat(hashes(fromTarget)).isEqualTo(want);
        } finally {
            TestDatabases.dropSchema(pg);
        }
    }

    /** The seed files of an export (its marker file says when it was made, so it differs from run to run). */
    static Map<String, String> hashes(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".newsvault-export")).collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> {
                try {
                    return sha256(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> w = Files.walk(from)) {
            for (Path p : (Iterable<Path>) w::iterator) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(d); else Files.copy(p, d);
            }
        }
    }

    @Test
    void tablesGoAfterTheTablesTheyReference() {
        assertThat(DatabaseCopy.topological(Map.of("b", List.of("a"), "a", List.of(), "c", List.of("b", "a"), "d", List.of())))
            .containsExactly("a", "b", "c", "d");
        assertThatThrownBy(() -> DatabaseCopy.topological(Map.of("x", List.of("y"), "y", List.of("x"))))
            .hasMessageContaining("cycle");
    }
}
