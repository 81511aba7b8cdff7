package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.settings;
import static org.newsvault.fetch.FetchFixtures.tuning;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;

class ProxyAndFileTest {
    private final MockWebServer origin = new MockWebServer();
    private final MockWebServer proxy = new MockWebServer();
    private HttpFetcher fetcher;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        origin.start();
        proxy.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (fetcher != null) {
            fetcher.close();
        }
        origin.shutdown();
        proxy.shutdown();
    }

    private HttpFetcher fetcher(HttpSettings s) {
        fetcher = FetchFixtures.fetcher(s, tuning(new FetchFixtures.RecordingSleeper()));
        return fetcher;
    }

    private String proxySpec() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Test
    void perRequestHttpProxyReceivesTheAbsoluteUri() throws Exception {
        proxy.enqueue(new MockResponse().setBody("via proxy"));
        // the name need not resolve: an HTTP proxy resolves it
        URI target = URI.create("http://news.example.invalid/feed.xml");
        FetchResult r = fetcher(settings()).fetch(FetchRequest.page(target, proxySpec()));

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("via proxy");
        RecordedRequest seen = proxy.takeRequest();
        assertThat(seen.getRequestLine()).isEqualTo("GET http://news.example.invalid/feed.xml HTTP/1.1");
        assertThat(seen.getHeader("User-Agent")).isEqualTo(FetchFixtures.UA);
        assertThat(origin.getRequestCount()).isZero();
    }

    @Test
    void globalProxyIsUsedAndDirectOverridesIt() throws Exception {
        proxy.enqueue(new MockResponse().setBody("proxied"));
        origin.enqueue(new MockResponse().setBody("direct"));
        HttpFetcher f = fetcher(settings(0, 4, proxySpec()));

        FetchResult viaGlobal = f.fetch(FetchRequest.page(URI.create("http://outlet.example.invalid/"), null));
        FetchResult direct = f.fetch(FetchRequest.page(origin.url("/page").uri(), "direct"));

        assertThat(new String(viaGlobal.body(), StandardCharsets.UTF_8)).isEqualTo("proxied");
        assertThat(new String(direct.body(), StandardCharsets.UTF_8)).isEqualTo("direct");
        assertThat(proxy.getRequestCount()).isEqualTo(1);
        assertThat(origin.takeRequest().getRequestLine()).isEqualTo("GET /page HTTP/1.1");
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080,   HTTP,   127.0.0.1, 8080",
        "socks5://proxy.lan:1080, SOCKS,  proxy.lan, 1080",
        "socks://tor:9050,        SOCKS,  tor,       9050",
        "SOCKS5H://tor:9050,      SOCKS,  tor,       9050",
    })
    void proxySpecsParse(String spec, Proxy.Type type, String host, int port) {
        Proxy p = ProxyClients.parse(spec);
        assertThat(p.type()).isEqualTo(type);
        InetSocketAddress a = (InetSocketAddress) p.address();
        assertThat(a.isUnresolved()).isTrue();
        assertThat(a.getHostString()).isEqualTo(host);
        assertThat(a.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "DIRECT", "none", " "})
    void directMeansNoProxy(String spec) {
        assertThat(ProxyClients.parse(spec)).isEqualTo(Proxy.NO_PROXY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h:21", "http://h", "h:8080", "http://user:pw@h:8080", "https://h:443",
        "http://h:8080/path", "not a url"})
    void badProxySpecsAreRejected(String spec) {
        assertThatThrownBy(() -> ProxyClients.parse(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("unsupported proxy");
    }

    @Test
    void malformedGlobalProxyFailsAtConstruction() {
        assertThatThrownBy(() -> new HttpFetcher(settings(0, 4, "gopher://x:70")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileUrlIsReadWhenAllowed() throws Exception {
        Path feed = dir.resolve("feed.xml");
        Files.writeString(feed, "<rss version=\"2.0\"/>");
        FetchResult r = fetcher(settings()).fetch(new FetchRequest(feed.toUri(), null, null, null, true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/xml");
        assertThat(r.finalUrl()).isEqualTo(feed.toUri());
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<rss version=\"2.0\"/>");
        assertThat(r.headers()).contains(Map.entry("Content-Type", "application/xml"));
        assertThat(r.lastModified()).isNotBlank();
    }

    @Test
    void fileUrlIsBlockedUnlessAllowed() throws Exception {
        Path feed = Files.writeString(dir.resolve("feed.xml"), "<rss/>");
        assertThatThrownBy(() -> fetcher(settings()).fetch(FetchRequest.page(feed.toUri(), null)))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BLOCKED));
    }

    @Test
    void fileFailures() throws Exception {
        HttpFetcher f = fetcher(settings());
        Path big = Files.write(dir.resolve("big.rss"), new byte[64 * 1024 + 1]);
        assertThatThrownBy(() -> f.fetch(new FetchRequest(big.toUri(), null, null, null, true)))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        URI missing = dir.resolve("missing.xml").toUri();
        assertThatThrownBy(() -> f.fetch(new FetchRequest(missing, null, null, null, true)))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> f.fetch(new FetchRequest(dir.toUri(), null, null, null, true)))
            .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BLOCKED));
    }

    @ParameterizedTest
    @CsvSource({"a.xml, application/xml", "a.RSS, application/rss+xml", "a.atom, application/atom+xml",
        "a.html, text/html", "a.htm, text/html", "noext, application/octet-stream"})
    void fileContentTypeFromExtension(String name, String type) {
        assertThat(FileFetcher.contentType(Path.of(name))).isEqualTo(type);
    }
}
