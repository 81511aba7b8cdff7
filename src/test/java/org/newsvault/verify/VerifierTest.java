package org.newsvault.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.newsvault.Newsvault;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.render.ArchivePaths;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;

/** Each kind of damage is found, named, and (when it can be) repaired; a second verify is then clean. */
class VerifierTest {
    @TempDir
    Path dir;
    Settings settings;
    Path data;
    Path archive;
    /** Archive-relative paths of the three articles, and the sha of the first one's original. */
    List<String> files = new ArrayList<>();
    String sha;

    @BeforeEach
    void archiveThreeArticles() throws IOException {
        OutletConfig o = new OutletConfig("test", "测试台", List.of(new FeedConfig("http://127.0.0.1:9/feed.xml", true)), null,
            List.of(), Duration.ofMinutes(15), Variant.JEKYLL, null, false, dir.resolve("c.yaml"));
        settings = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), HttpSettings.DEFAULTS,
            WatchSettings.DEFAULTS, null, List.of(o));
        data = settings.data();
        archive = settings.archive();
        Instant at = Instant.parse("2024-06-20T12:00:00Z");
        try (Newsvault nv = Newsvault.open(settings)) {
            for (int i = 0; i < 3; i++) {
                String url = "https://news.example/a/" + i;
                byte[] page = ("<html><body><p>原文第" + i + "篇</p></body></html>").getBytes(StandardCharsets.UTF_8);
                Original orig = nv.originals.save(url, 200, List.of(), "text/html", page, at, "page");
                if (i == 0) sha = orig.sha256();
                String body = "<p>第" + i + "篇报道的正文。</p>";
                ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题" + i, url, "记者", "测试台", at, at, body);
                String rel = archive.relativize(ArchivePaths.articlePath(archive, "test", at, url, Variant.JEKYLL)).toString();
                nv.archiver.archive(new ArticleRow(0, "test", null, null, url, "标题" + i, "记者", at, at,
                    ContentHash.ofHtml(body), f, rel, false, orig.id(), "poll", "live"), at);
                files.add(rel);
            }
        }
    }

    enum Damage {
        NONE(null, true),
        DELETE_FILE(Problem.Kind.MISSING_FILE, true),
        ALTER_FILE(Problem.Kind.DIFFERENT_FILE, true),
        UNMARKED_AND_MISSING(Problem.Kind.PENDING_FILE, true),
        UNMARKED_BUT_COMPLETE(Problem.Kind.PENDING_FILE, true),
        UNMARKED_AND_EMPTY(Problem.Kind.PENDING_FILE, true),
        TEMP_IN_ARCHIVE(Problem.Kind.TEMP_FILE, true),
        TEMP_IN_DATA(Problem.Kind.TEMP_FILE, true),
        ORPHAN(Problem.Kind.ORPHAN_FILE, true),
        ORPHAN_PLAIN(Problem.Kind.ORPHAN_FILE, true),
        DELETE_BLOB(Problem.Kind.MISSING_BLOB, false),
        CORRUPT_BLOB(Problem.Kind.CORRUPT_BLOB, false),
        PATH_OUTSIDE_ARCHIVE(Problem.Kind.BAD_PATH, false),
        NOT_ARTICLES(null, true);

        final Problem.Kind expected;
        final boolean repairable;

        Damage(Problem.Kind expected, boolean repairable) {
            this.expected = expected;
            this.repairable = repairable;
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void findsRepairsAndThenIsClean(Damage d) throws Exception {
        Path first = archive.resolve(files.get(0));
        byte[] good = Files.readAllBytes(first);
        apply(d, first);

        List<Problem> found = new ArrayList<>();
        VerifyReport r = new Verifier(data, archive, false, true, found::add).run();
        if (d.expected == null) {
            assertThat(found).isEmpty();
            assertThat(r.clean()).isTrue();
            assertThat(r.articles()).isEqualTo(3);
            assertThat(r.originals()).isEqualTo(3);
            return;
        }
        assertThat(found).extracting(Problem::kind).contains(d.expected);
        assertThat(found).allSatisfy(p -> assertThat(p.repaired()).isFalse());
        assertThat(r.clean()).isFalse();

        List<Problem> repaired = new ArrayList<>();
        VerifyReport rr = new Verifier(data, archive, true, true, repaired::add).run();
        assertThat(rr.clean()).isEqualTo(d.repairable);
        List<Problem> again = new ArrayList<>();
        VerifyReport r2 = new Verifier(data, archive, false, true, again::add).run();
        if (d.repairable) {
            assertThat(again).isEmpty();
            assertThat(r2.clean()).isTrue();
            assertThat(first).hasBinaryContent(good);
        } else {
            assertThat(again).extracting(Problem::kind).contains(d.expected);
        }
        switch (d) {
            case ALTER_FILE -> assertThat(archive.resolve(".orphans").resolve(files.get(0))).hasContent("edited by hand\n");
            case ORPHAN -> assertThat(archive.resolve(".orphans/test/2024/2024-01-01-0123456789.md")).hasContent("stray\n");
            case ORPHAN_PLAIN -> assertThat(archive.resolve(".orphans/test/000_0123456789abcdef.txt")).hasContent("stray\n");
            case PATH_OUTSIDE_ARCHIVE -> assertThat(dir.resolve("evil.md")).doesNotExist();
            default -> { }
        }
    }

    @Test
    void progressCountsEveryRowItChecks() {
        long[] total = {-1};
        long[] checked = {0};
        VerifyReport r = new Verifier(data, archive, false, true, p -> {}).run(new Verifier.Progress() {
            @Override
            public void total(long rows) {
                total[0] = rows;
            }

            @Override
            public void checked() {
                checked[0]++;
            }
        });
        assertThat(total[0]).isEqualTo(r.articles() + r.originals()).isPositive();
        assertThat(checked[0]).isEqualTo(total[0]);
    }

    @Test
    void reportsAMissingDatabase() {
        List<Problem> found = new ArrayList<>();
        VerifyReport r = new Verifier(dir.resolve("nowhere"), archive, false, false, found::add).run();
        assertThat(found).singleElement().extracting(Problem::kind).isEqualTo(Problem.Kind.DATABASE);
        assertThat(r.clean()).isFalse();
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void summaryAndLinesAreOneLineEach() throws IOException {
        Files.delete(archive.resolve(files.get(1)));
        List<Problem> found = new ArrayList<>();
        VerifyReport r = new Verifier(data, archive, false, false, found::add).run();
        assertThat(found).singleElement().satisfies(p ->
            assertThat(p.line()).isEqualTo("missing file: " + files.get(1) + " (article 2): no file"));
        assertThat(r.summary()).isEqualTo("verify: 3 articles, 3 originals, 2 archive files checked: 1 problem");
    }

    private void apply(Damage d, Path first) throws Exception {
        switch (d) {
            case NONE -> { }
            case DELETE_FILE -> Files.delete(first);
            case ALTER_FILE -> Files.writeString(first, "edited by hand\n");
            case UNMARKED_AND_MISSING -> {
                sql("UPDATE article SET file_written = FALSE WHERE id = 1");
                Files.delete(first);
            }
            case UNMARKED_BUT_COMPLETE -> sql("UPDATE article SET file_written = FALSE WHERE id = 1");
            // A power cut before the feed's files were forced: the rename reached the disk, the bytes did not.
            case UNMARKED_AND_EMPTY -> {
                sql("UPDATE article SET file_written = FALSE WHERE id = 1");
                Files.write(first, new byte[0]);
            }
            case TEMP_IN_ARCHIVE -> Files.writeString(first.resolveSibling("." + first.getFileName() + ".tmp-1"), "half");
            case TEMP_IN_DATA -> Files.writeString(Files.createDirectories(data.resolve("tmp")).resolve(sha + ".gz.tmp-9-1"), "x");
            case ORPHAN -> Files.writeString(first.resolveSibling("2024-01-01-0123456789.md"), "stray\n");
            // Imported plain-variant files keep their own names, such as the seeds' 000_<hash>.txt.
            case ORPHAN_PLAIN -> Files.writeString(archive.resolve("test/000_0123456789abcdef.txt"), "stray\n");
            case DELETE_BLOB -> Files.delete(blob());
            case CORRUPT_BLOB -> {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blob()))) {
                    out.write("something else".getBytes(StandardCharsets.UTF_8));
                }
            }
            case PATH_OUTSIDE_ARCHIVE -> sql("UPDATE article SET file_path = '../evil.md', file_written = FALSE WHERE id = 1");
            case NOT_ARTICLES -> {
                Files.writeString(archive.resolve("README.md"), "about this archive\n");
                Files.writeString(Files.createDirectories(archive.resolve(".git")).resolve("x.md"), "git\n");
                Files.writeString(Files.createDirectories(first.resolveSibling(first.getFileName() + ".revisions"))
                    .resolve("1.md"), "old\n");
            }
        }
    }

    private Path blob() {
        return data.resolve("originals").resolve(sha.substring(0, 2)).resolve(sha + ".gz");
    }

    private void sql(String statement) throws Exception {
        try (Database db = Database.open(data); var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }
}
