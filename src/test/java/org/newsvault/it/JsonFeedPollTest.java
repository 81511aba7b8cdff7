package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.cli.NewsvaultCommand;

/**
 * A JSON Feed added with {@code feeds add}, and one imported from OPML, polled through the real commands:
 * their items are archived, and a hostile {@code content_html} comes out sanitized like any feed HTML.
 */
class JsonFeedPollTest {
    @TempDir
    Path dir;
    MockWebServer server;

    private static final String BODY = "这是一篇完整的文章，内容很长，足以被当作全文。".repeat(30);

    private String feed(String id) {
        return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"JSON " + id + "\","
                + " \"home_page_url\": \"" + server.url("/") + "\", \"items\": [{\"id\": \"" + id + "-1\","
                + " \"url\": \"" + server.url("/" + id + "/1") + "\", \"title\": \"标题 " + id + "\","
                + " \"date_published\": \"2024-06-20T12:11:16Z\","
                + " \"content_html\": \"<p>" + id + BODY + "</p><script>alert(1)</script><img src=x onerror=alert(2)>\"}]}";
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String path = req.getPath();
                if (path.equals("/added.json")) return json(feed("added"), "application/feed+json");
                if (path.equals("/imported.json")) return json(feed("imported"), "application/json");
                if (path.endsWith("/1")) {
                    return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                            .setBody("<html><head><title>t</title></head><body><article><p>" + path + BODY + "</p></article></body></html>");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    private static MockResponse json(String body, String type) {
        return new MockResponse().setHeader("Content-Type", type).setBody(body);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void jsonFeedsFromFeedsAddAndOpmlArePolledAndSanitized() throws Exception {
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive")
                + "\nhttp:\n  retries: 0\n  connect-timeout: 1s\n  call-timeout: 5s\noutlets: []\n");
        String[] add = run("--config", config.toString(), "feeds", "add", "added", server.url("/added.json").toString());
        assertThat(add[0]).as(add[1]).isEqualTo("0");
        Path opml = dir.resolve("list.opml");
        Files.writeString(opml, "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Feeds\">"
                + "<outline type=\"rss\" text=\"JSON imported\" title=\"JSON imported\" xmlUrl=\"" + server.url("/imported.json")
                + "\" htmlUrl=\"https://imported.example/\"/></outline></body></opml>");
        String[] imported = run("--config", config.toString(), "opml", "import", opml.toString());
        assertThat(imported[0]).as(imported[1]).isEqualTo("0");

        String[] poll = run("poll", "--config", config.toString());
        assertThat(poll[1]).contains("added " + server.url("/added.json") + ": new 1");
        assertThat(poll[1]).containsPattern("\\S+ " + server.url("/imported.json").toString().replace(".", "\\.") + ": new 1");
        List<String> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("archive"))) {
            files = walk.filter(p -> p.toString().endsWith(".md")).map(JsonFeedPollTest::read).toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(f -> assertThat(f).contains("这是一篇完整的文章").doesNotContain("<script", "alert(", "onerror"));
        // the bodies are the feed's content_html (full text), not the pages: so the sanitizer had the script
        assertThat(String.join("\n", files)).contains("标题 added", "标题 imported", "added这是一篇", "imported这是一篇");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(p);
            System.setErr(p);
            code = NewsvaultCommand.execute(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8)};
    }
}
