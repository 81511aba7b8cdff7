package org.newsvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.schedule.DaemonFixture.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;

/** Real HTTP GETs on loopback. */
class HttpEndpointsTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    DaemonFixture fx;
    Daemon daemon;

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        if (fx != null) fx.close();
    }

    static HttpResponse<String> get(InetSocketAddress a, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDaemonServesHealthMetricsAndStatus() throws Exception {
        fx = new DaemonFixture(dir);
        fx.writeConfigListening("127.0.0.1:0", "1h", "/ok-a.xml", "/fail.xml");
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(200), Duration.ofSeconds(9), Duration.ofMillis(50)));
        await(Duration.ofSeconds(3), () -> daemon.nextPoll("test", fx.url("/ok-a.xml")).map(t -> t.getEpochSecond() > 0).orElse(false)
            && fx.count("/fail.xml") == 1 && daemon.nextPoll("test", fx.url("/fail.xml")).isPresent());
        InetSocketAddress a = daemon.httpAddress().orElseThrow();
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();

        HttpResponse<String> health = get(a, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(health.body()).contains("\"status\":\"ok\"");

        HttpResponse<String> metrics = get(a, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body())
            .contains("newsvault_polls_total{outlet=\"test\",result=\"new\"} 1.0")
            .contains("newsvault_polls_total{outlet=\"test\",result=\"failed\"} 1.0")
            .contains("newsvault_new_articles_total{outlet=\"test\"} 1.0")
            .contains("newsvault_feed_fetch_seconds_count{outlet=\"test\"} 2")
            .contains("newsvault_feed_seconds_since_success{feed=\"" + fx.url("/ok-a.xml") + "\",outlet=\"test\"}")
            .contains("newsvault_feed_error_streak{feed=\"" + fx.url("/fail.xml") + "\",outlet=\"test\"} 1.0")
            .contains("newsvault_articles 1.0")
            .contains("newsvault_deleted_articles 0.0")
            .contains("newsvault_revisions_total 0.0");

        daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement()) {
                for (int n = 1; n <= 3; n++) {
                    st.execute("INSERT INTO revision (article_id, n, fetched_at, title, body, content_hash, file_path, variant,"
                        + " stamp, file_title, file_url, created_at) SELECT id, " + n + ", fetched_at, title, body, content_hash,"
                        + " file_path || '." + n + "', variant, stamp, file_title, file_url, created_at FROM article");
                }
                st.execute("UPDATE article SET status = 'deleted'");
            }
            return null;
        });
        assertThat(get(a, "/metrics").body()).contains("newsvault_revisions_total 2.0").contains("newsvault_deleted_articles 1.0");
        daemon.newsvault().db.read(c -> {
            try (var st = c.createStatement()) {
                st.execute("DROP TABLE revision");
            }
            return null;
        });
        assertThat(get(a, "/metrics").body()).doesNotContain("newsvault_revisions_total").contains("newsvault_articles 1.0");

        HttpResponse<String> status = get(a, "/status");
        assertThat(status.body()).contains("\"daemon\" : true").contains("/fail.xml");
        assertThat(get(a, "/nope").statusCode()).isEqualTo(404);
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/health"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

        daemon.stop();
        assertThatThrownBy(() -> get(a, "/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void healthIs503WhenTheSchedulerOrTheDatabaseIsDown() throws Exception {
        AtomicReference<Health> h = new AtomicReference<>(new Health(true, true));
        try (HttpEndpoints e = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0), h::get, new Metrics(), () -> "{}")) {
            assertThat(get(e.address(), "/health").statusCode()).isEqualTo(200);
            h.set(new Health(false, true));
            HttpResponse<String> r = get(e.address(), "/health");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\",\"scheduler\":\"stopped\",\"database\":\"writable\"}\n");
            h.set(new Health(true, false));
            assertThat(get(e.address(), "/health").body()).contains("\"database\":\"not writable\"");
            h.set(new Health(true, false, java.util.List.of("database file data/newsvault.mv.db was deleted or replaced",
                "archive directory \"a\" is not writable")));
            r = get(e.address(), "/health");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\",\"scheduler\":\"running\",\"database\":\"not writable\","
                + "\"reasons\":[\"database file data/newsvault.mv.db was deleted or replaced\","
                + "\"archive directory \\\"a\\\" is not writable\"]}\n");
            // a reason alone (the archive) is enough to be unhealthy
            h.set(new Health(true, true, java.util.List.of("archive directory a is not writable: read-only file system")));
            assertThat(get(e.address(), "/health").statusCode()).isEqualTo(503);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9090 | 127.0.0.1 | 9090",
        ":9090 | 127.0.0.1 | 9090",
        "127.0.0.1:0 | 127.0.0.1 | 0",
        "localhost:8080 | 127.0.0.1 | 8080",
        "[::1]:9090 | 0:0:0:0:0:0:0:1 | 9090",
        "0.0.0.0:9090 | 0.0.0.0 | 9090",
    })
    void listenAddresses(String listen, String host, int port) {
        InetSocketAddress a = ListenAddress.parse(listen);
        assertThat(a.getAddress().getHostAddress()).isEqualTo(host);
        assertThat(a.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc", "1:2:3", "127.0.0.1:", "127.0.0.1:70000", "[::1"})
    void badListenAddresses(String listen) {
        assertThatThrownBy(() -> ListenAddress.parse(listen)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("listen:");
    }
}
