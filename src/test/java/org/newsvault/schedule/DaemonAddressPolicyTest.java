package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;

/** The fetcher's configured-host set follows a config reload: a feed host added on reload may be fetched. */
class DaemonAddressPolicyTest {
    @TempDir
    Path dir;
    DaemonFixture fx;
    final MockWebServer mirror = new MockWebServer(); // a local mirror on 127.0.0.3, not configured at start
    Daemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
        mirror.start(InetAddress.getByName("127.0.0.3"), 0);
        for (int i = 0; i < 10; i++) mirror.enqueue(new MockResponse().setBody("<rss version=\"2.0\"><channel/></rss>"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        fx.close();
        mirror.shutdown();
    }

    @Test
    void aFeedHostAddedOnReloadIsAllowedAndOneRemovedIsNotAnyMore() throws Exception {
        fx.writeConfig("1h", "/ok-a.xml");
        String withoutMirror = Files.readString(fx.config, StandardCharsets.UTF_8);
        daemon = Daemon.start(fx.settings(), DaemonTest.FAST);
        URI page = URI.create("http://127.0.0.3:" + mirror.getPort() + "/page");
        assertThatThrownBy(() -> daemon.newsvault().fetcher.fetch(FetchRequest.page(page, null)))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED));
        assertThat(mirror.getRequestCount()).isZero();

        // the feeds list is the config's last section: one more line adds the mirror's feed
        Files.writeString(fx.config, withoutMirror + "      - http://127.0.0.3:" + mirror.getPort() + "/feed.xml\n");
        assertThat(daemon.reload()).isTrue();
        assertThat(daemon.newsvault().fetcher.fetch(FetchRequest.page(page, null)).status()).isEqualTo(200);

        Files.writeString(fx.config, withoutMirror);
        assertThat(daemon.reload()).isTrue();
        int before = mirror.getRequestCount();
        assertThatThrownBy(() -> daemon.newsvault().fetcher.fetch(FetchRequest.page(page, null)))
            .isInstanceOf(FetchException.class).hasMessageStartingWith("blocked: 127.0.0.3 is a loopback address");
        assertThat(mirror.getRequestCount()).isEqualTo(before);
    }
}
