package org.newsvault.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.Settings;

/**
 * A local outlet for daemon and CLI tests: MockWebServer serving feeds by path ({@code /ok-*.xml} a one-item
 * RSS feed, {@code /fail*} 500, {@code /slow*} a feed after {@link #slowDelay}) and a config file in a temp dir.
 * Records when each path was requested.
 */
public final class DaemonFixture implements AutoCloseable {
    public final Path dir;
    public final Path config;
    public final MockWebServer server = new MockWebServer();
    public final Map<String, List<Long>> hits = new ConcurrentHashMap<>();
    public volatile Duration slowDelay = Duration.ofMillis(1500);
    public volatile boolean failing;

    public DaemonFixture(Path dir) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("config").resolve("newsvault.yaml");
        Files.createDirectories(config.getParent());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String path = req.getPath();
                hits.computeIfAbsent(path, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
                if (path.startsWith("/fail") || failing && path.startsWith("/ok")) {
                    return new MockResponse().setResponseCode(500);
                }
                if (path.startsWith("/slow")) {
                    return feed(path).setHeadersDelay(slowDelay.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (path.startsWith("/ok") || path.startsWith("/a/")) return feed(path);
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    private MockResponse feed(String path) {
        if (path.startsWith("/a/")) {
            return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                .setBody("<html><body><article><p>正文 " + path + "：这是一篇完整的文章。</p></article></body></html>");
        }
        String name = path.replaceAll("[^a-z0-9]", "");
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
            + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>T</title>"
            + "<item><title>标题 " + name + "</title><link>" + url("/a/" + name) + "</link>"
            + "<content:encoded><![CDATA[<p>这是来自 " + name + " 的一篇完整的文章，内容足够长，可以直接存档而不必抓取网页。"
            + "第二句话继续说明情况，让正文更像一篇真正的新闻报道。</p>]]></content:encoded></item></channel></rss>";
        return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8").setBody(body);
    }

    public String url(String path) {
        return server.url(path).toString();
    }

    public int count(String path) {
        return hits.getOrDefault(path, List.of()).size();
    }

    /** Writes the main config: one outlet {@code test} with these feed paths at {@code interval}. */
    public void writeConfig(String interval, String... paths) throws IOException {
        writeConfigListening(null, interval, paths);
    }

    public void writeConfigListening(String listen, String interval, String... paths) throws IOException {
        StringBuilder sb = new StringBuilder("# test config: keep this comment\n")
            .append("data: ").append(dir.resolve("data")).append('\n')
            .append("archive: ").append(dir.resolve("archive")).append('\n');
        if (listen != null) sb.append("listen: ").append(listen).append('\n');
        sb.append("http:\n  connect-timeout: 2s\n  read-timeout: 5s\n  call-timeout: 10s\n  retries: 0\n  per-host: 4\n")
            .append("outlets:\n  - id: test\n    name: 测试台   # display name\n    interval: ").append(interval).append("\n    feeds:\n");
        for (String p : paths) sb.append("      - ").append(url(p)).append('\n');
        Files.writeString(config, sb.toString(), StandardCharsets.UTF_8);
    }

    public Settings settings() {
        return ConfigLoader.load(config);
    }

    public static void await(Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within " + max);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
