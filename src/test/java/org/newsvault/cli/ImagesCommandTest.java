package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigLoader;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageState;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;

/** {@code images fetch}: the images of imported articles, fetched on demand, once, and resumably. */
class ImagesCommandTest {
    @TempDir
    Path dir;
    MockWebServer server;
    Path config;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getPath().startsWith("/img/ok")) {
                    return new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(PNG));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
        config = dir.resolve("newsvault.yaml");
        // The feed's host as written is what the address policy lets through on loopback.
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n"
            + "http:\n  retries: 0\n  per-host-gap: 1ms\n"
            + "outlets:\n  - id: old\n    feeds: [" + server.url("/feed.xml") + "]\n"
            + "  - id: off\n    images: false\n    feeds: [" + server.url("/off.xml") + "]\n", StandardCharsets.UTF_8);
        try (Newsvault nv = Newsvault.open(ConfigLoader.load(config))) {
            insert(nv, "old", 1, "<p>一</p><img src=\"" + server.url("/img/ok1.png") + "\"><img src=\"" + server.url("/img/gone.png") + "\">");
            insert(nv, "old", 2, "<p>二</p><img src=\"" + server.url("/img/ok1.png") + "\">");
            insert(nv, "old", 3, "<p>三 without pictures</p>");
            insert(nv, "off", 4, "<p>四</p><img src=\"" + server.url("/img/ok2.png") + "\">");
        }
    }

    static void insert(Newsvault nv, String outlet, int n, String body) {
        String url = "https://old.example/" + n;
        var file = ArticleFiles.create(Variant.JEKYLL, "t" + n, url, null, outlet, null, Instant.now(), body);
        nv.articles.insert(new ArticleRow(0, outlet, null, null, url, "t" + n, null, null, Instant.now(),
            ContentHash.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), file, outlet + "/" + n + ".md", false, null,
            "import", "live"), Instant.now());
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void fetchesTheImagesOfArticlesThatHaveNoneListedAndIsResumable() throws Exception {
        Cli.Run r = Cli.run(config, "images", "fetch");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 articles looked at (1 without images, 1 of outlets with images: false passed over)")
            .contains("images: 2 stored").contains("1 gone");
        assertThat(server.getRequestCount()).as("ok1.png once for both articles, gone.png once").isEqualTo(2);
        try (Newsvault nv = Newsvault.open(ConfigLoader.load(config))) {
            var counts = nv.images.counts();
            assertThat(counts.of(ImageState.STORED)).isEqualTo(2);
            assertThat(counts.of(ImageState.GONE)).isEqualTo(1);
            assertThat(counts.storedBlobs()).isEqualTo(1);
            assertThat(nv.images.stored(ContentHash.sha256Hex(PNG))).isPresent();
        }
        // Again: listed articles are done; only the ones without images (and the switched-off outlet) are looked at.
        Cli.Run again = Cli.run(config, "images", "fetch", "--outlet", "old");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("1 articles looked at (1 without images)").contains("images: 0 stored");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(Cli.run(config, "images", "fetch", "--outlet", "off").code()).isEqualTo(2);
        assertThat(Cli.run(config, "images", "fetch", "--outlet", "nope").code()).isEqualTo(2);

        Cli.Run status = Cli.run(config, "status");
        assertThat(status.out()).contains("images: 2 stored (16 B in 1 files), 0 pending, 0 failed, 0 too large, 0 not images, 1 gone");
    }
}
