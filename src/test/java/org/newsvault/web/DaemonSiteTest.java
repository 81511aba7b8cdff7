package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.schedule.DaemonFixture.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;

/** {@code newsvault run}'s wiring: the daemon serves the reading room beside its endpoints, on one address. */
class DaemonSiteTest {
    @TempDir
    Path dir;

    @Test
    void theDaemonServesTheReadingRoomBesideHealthAndMetrics() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
        try (DaemonFixture fx = new DaemonFixture(dir)) {
            fx.writeConfigListening("127.0.0.1:0", "1h", "/ok-a.xml", "/fail.xml");
            Daemon daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(200), Duration.ofSeconds(9),
                Duration.ofMillis(50)), ReadingRoom::site);
            try {
                await(Duration.ofSeconds(5), () -> fx.count("/fail.xml") == 1 && fx.count("/ok-a.xml") == 1);
                InetSocketAddress a = daemon.httpAddress().orElseThrow();
                String base = "http://127.0.0.1:" + a.getPort();
                await(Duration.ofSeconds(5), () -> body(client, base + "/").contains("href=\"/article/"));
                try (Response r = client.newCall(new Request.Builder().url(base + "/").build()).execute()) {
                    assertThat(r.code()).isEqualTo(200);
                    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
                    // the daemon's own snapshot: the failing feed is on the home page
                    assertThat(r.body().string()).contains("/fail.xml").contains("Status from the running daemon");
                }
                try (Response r = client.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
                    assertThat(r.code()).isEqualTo(200);
                    assertThat(r.body().string()).contains("\"status\":\"ok\"");
                    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
                }
                try (Response r = client.newCall(new Request.Builder().url(base + "/metrics").build()).execute()) {
                    assertThat(r.body().string()).contains("newsvault_articles 1.0");
                }
                try (Response r = client.newCall(new Request.Builder().url(base + "/feeds").build()).execute()) {
                    assertThat(r.body().string()).contains("/ok-a.xml").contains("/fail.xml");
                }
                // the search page answers from the daemon's index, which follows the archive by itself
                String q = base + "/search?q=" + java.net.URLEncoder.encode("標題", java.nio.charset.StandardCharsets.UTF_8);
                await(Duration.ofSeconds(10), () -> body(client, q).contains("href=\"/article/"));
                assertThat(body(client, q)).contains("<mark>标题</mark>");
            } finally {
                daemon.stop();
            }
        }
    }

    private static String body(OkHttpClient client, String url) {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return r.body().string();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
