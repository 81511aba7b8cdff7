package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.model.ContentHash;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.sanitize.HtmlSanitizer;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.NewRevision;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;

/** A crash after a revision's rows were committed and before its files were written. */
class RevisionRecoveryTest {
    static final String URL = "https://news.test/a/article-1.html";
    static final Instant T0 = Instant.parse("2024-06-20T12:00:00Z");
    static final Instant T1 = Instant.parse("2024-06-20T13:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theNextStartWritesEveryVersionAndTheLatestFile() throws Exception {
        Settings s = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"), HttpSettings.DEFAULTS,
            WatchSettings.DEFAULTS, null, List.of());
        String path = "test/2024/2024-06-20-article.md";
        long id;
        byte[] first;
        ArticleFile edited;
        try (Newsvault nv = Newsvault.open(s)) {
            nv.outlets.upsert("test", "测试台");
            ArticleFile f = file("<p>第一版：在平壤签署条约。</p>", "标题");
            id = nv.archiver.archive(new ArticleRow(0, "test", null, null, URL, f.title(), "测试台", T0, T0,
                ContentHash.ofHtml(f.bodyHtml()), f, path, false, null, "poll", "live"), T0).articleId();
            first = Files.readAllBytes(s.archive().resolve(path));
            edited = file("<p>第二版：在莫斯科签署条约。</p>", "新标题");
            var rec = new RevisionRepository(nv.db).recordEdit(new NewRevision(id, T1, edited.title(),
                ContentHash.ofHtml(edited.bodyHtml()), null, edited, n -> RevisionFiles.path(path, n), null, null,
                new StatusEvent(id, T1, "edited", 200, URL, "revision {n}: title and text changed")), T1);
            assertThat(rec.revisions()).extracting(r -> r.revision().n()).containsExactly(1, 2);
            // crash: no file written
        }
        Path revDir = s.archive().resolve("test/2024/2024-06-20-article.revisions");
        Files.createDirectories(revDir);
        Files.writeString(revDir.resolve(".2.md.tmp-123"), "half");

        try (Newsvault nv = Newsvault.open(s)) {
            Rechecker.of(nv);
            RevisionRepository revisions = new RevisionRepository(nv.db);
            assertThat(revisions.pendingFiles()).isEmpty();
            assertThat(nv.articles.pendingFiles()).isEmpty();
            assertThat(Files.readAllBytes(revDir.resolve("1.md"))).isEqualTo(first);
            assertThat(Files.readAllBytes(revDir.resolve("2.md"))).isEqualTo(Files.readAllBytes(s.archive().resolve(path)));
            assertThat(Files.readString(s.archive().resolve(path))).contains("莫斯科").contains("[新标题](");
            try (var files = Files.list(revDir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("1.md", "2.md");
            }
            assertThat(nv.articles.find(id).orElseThrow().status()).isEqualTo("edited");
            assertThat(revisions.find(id, 2).orElseThrow().file()).isEqualTo(edited);
            assertThat(ArticleHistory.of(nv).events(id)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("revision 2: title and text changed"));
        }
    }

    @Test
    void revisionPathsStayInsideTheArchive() {
        assertThat(RevisionFiles.path("rfa/2024/2024-06-20-abc.md", 3)).isEqualTo("rfa/2024/2024-06-20-abc.revisions/3.md");
        assertThat(RevisionFiles.path("rfa/2024/odd-name", 1)).isEqualTo("rfa/2024/odd-name.revisions/1.md");
        var files = new RevisionFiles(dir.resolve("archive"), null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.resolve("../../etc/passwd.revisions/1.md"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the archive");
    }

    static ArticleFile file(String body, String title) {
        String clean = new HtmlSanitizer(false).sanitize(body, URI.create(URL));
        return ArticleFiles.create(Variant.JEKYLL, title, URL, "测试台", "测试台", T0, T0, clean);
    }
}
