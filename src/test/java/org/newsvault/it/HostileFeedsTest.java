package org.newsvault.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * One good feed among hostile ones, through the real {@code poll} command: each bad feed gets one line
 * naming it and the cause, the good one is archived, the exit status is 1.
 */
class HostileFeedsTest {
    @TempDir
    Path dir;
    MockWebServer server;

    static final String GOOD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>ok</title>"
        + "<item><title>好新闻</title><link>https://news.example/a/1</link><pubDate>Thu, 20 Jun 2024 12:11:16 GMT</pubDate>"
        + "<description><![CDATA[<p>" + "这是一篇完整的文章，内容很长，足以被当作全文。".repeat(30) + "</p>]]></description></item></channel></rss>";

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                return switch (req.getPath()) {
                    case "/good" -> new MockResponse().setHeader("Content-Type", "application/rss+xml").setBody(GOOD);
                    case "/gone" -> new MockResponse().setResponseCode(404);
                    case "/html" -> new MockResponse().setHeader("Content-Type", "text/html")
                        .setBody("<!doctype html><html><head><title>Home</title></head><body><p>hi</p></body></html>");
                    case "/broken" -> new MockResponse().setHeader("Content-Type", "application/xml").setBody("<rss><channel><item><title>x</ti");
                    case "/empty" -> new MockResponse().setHeader("Content-Type", "application/xml").setBody("");
                    case "/xxe" -> new MockResponse().setHeader("Content-Type", "application/xml").setBody(
                        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel>"
                            + "<title>&x;</title><item><title>&x;</title><link>https://news.example/xxe</link>"
                            + "<description>&x;</description></item></channel></rss>");
                    default -> new MockResponse().setResponseCode(500);
                };
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void badFeedsAreReportedAndTheRunGoesOn() throws Exception {
        StringBuilder yaml = new StringBuilder("data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive")
            + "\nhttp:\n  retries: 0\n  connect-timeout: 1s\n  call-timeout: 5s\noutlets:\n");
        for (String p : new String[] {"good", "gone", "html", "broken", "empty", "xxe"}) {
            yaml.append("  - id: ").append(p).append("\n    feeds: [").append(server.url("/" + p)).append("]\n");
        }
        yaml.append("  - id: dead\n    feeds: [http://127.0.0.1:1/feed]\n");
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, yaml);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = NewsvaultCommand.execute("poll", "--config", config.toString());
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(text).contains("good " + server.url("/good") + ": new 1");
        for (String p : new String[] {"gone", "html", "broken", "empty"}) {
            assertThat(text).containsPattern(p + " " + server.url("/" + p) + ": failed: \\S.*");
        }
        assertThat(text).contains("dead http://127.0.0.1:1/feed: failed: ");
        assertThat(text).doesNotContain("root:");
        assertThat(text).contains("total: 7 feeds");
        try (var files = Files.walk(dir.resolve("archive"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            })).allMatch(s -> !s.contains("root:x:0"));
        }
    }
}
