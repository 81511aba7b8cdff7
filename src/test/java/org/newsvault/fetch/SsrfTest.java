package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.settings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.config.HttpSettings;
import org.newsvault.fetch.FetchException.Kind;

/**
 * The address policy through the real fetcher: the configured feed host is 127.0.0.1; an "internal" server on
 * 127.0.0.3 (also loopback, not configured) must never see a request, however its address is spelt, directly or
 * after a redirect. Nothing here resolves a real name or connects anywhere but loopback (the test guard below the
 * policy refuses any other connect).
 */
class SsrfTest {
    private static final InetAddress INTERNAL_IP = addr("127.0.0.3");

    private final MockWebServer feedHost = new MockWebServer();
    private final MockWebServer internal = new MockWebServer();
    private final FetchFixtures.RecordingSleeper sleeper = new FetchFixtures.RecordingSleeper();
    private final List<String> lookups = Collections.synchronizedList(new ArrayList<>());
    private final List<InetAddress> rebindAnswers = Collections.synchronizedList(new ArrayList<>());
    private HttpFetcher fetcher;

    /** Test names only: localhost, internal.test (the internal server), rebind.test (changes its answer). */
    private final Dns dns = host -> {
        lookups.add(host);
        return switch (host) {
            case "localhost" -> List.of(addr("127.0.0.1"));
            case "internal.test" -> List.of(INTERNAL_IP);
            case "rebind.test" -> List.of(rebindAnswers.size() > 1 ? rebindAnswers.remove(0) : rebindAnswers.get(0));
            default -> throw new UnknownHostException(host);
        };
    };

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        feedHost.start(addr("127.0.0.1"), 0);
        internal.start(INTERNAL_IP, 0);
        internal.enqueue(new MockResponse().setBody("INTERNAL SECRET"));
    }

    @AfterEach
    void stop() throws IOException {
        if (fetcher != null) fetcher.close();
        feedHost.shutdown();
        internal.shutdown();
    }

    private HttpFetcher fetcher(HttpSettings s) {
        Tuning t = new Tuning(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60),
            Clock.fixed(FetchFixtures.NOW, ZoneOffset.UTC), sleeper, () -> 0.5, dns, FetchFixtures.LOOPBACK_ONLY);
        fetcher = new HttpFetcher(s, t);
        fetcher.allowHosts(Set.of("127.0.0.1")); // the configured feed's host, as written
        return fetcher;
    }

    private HttpFetcher fetcher() {
        return fetcher(settings(2, 4, null)); // retries on: a refusal must still be tried once only
    }

    private String spelt(String spelling) {
        return "http://" + spelling.replace("PORT", Integer.toString(internal.getPort())) + "/secret";
    }

    private URI feed(String path) {
        return URI.create("http://127.0.0.1:" + feedHost.getPort() + path);
    }

    private FetchException blocked(URI url) {
        FetchException e = (FetchException) org.assertj.core.api.Assertions.catchThrowable(
            () -> fetcher.fetch(FetchRequest.page(url, null)));
        assertThat(e).as("fetch of " + url).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    // each spelling with what the one line must say
    private static final String SPELLINGS = """
        127.0.0.3:PORT|127.0.0.3 is a loopback address
        0x7f000003:PORT|0x7f000003 is a non-standard spelling of an IP address (127.0.0.3 to most resolvers); only a.b.c.d is fetched
        2130706435:PORT|2130706435 is a non-standard spelling of an IP address (127.0.0.3 to most resolvers); only a.b.c.d is fetched
        127.3:PORT|127.3 is a non-standard spelling of an IP address (127.0.0.3 to most resolvers); only a.b.c.d is fetched
        0177.0.0.3:PORT|0177.0.0.3 is a non-standard spelling of an IP address (127.0.0.3 to most resolvers); only a.b.c.d is fetched
        [::1]:PORT|0:0:0:0:0:0:0:1 is a loopback address
        [::ffff:127.0.0.3]:PORT|127.0.0.3 is a loopback address
        [::ffff:7f00:3]:PORT|127.0.0.3 is a loopback address
        evil.example.com@127.0.0.3:PORT|127.0.0.3 is a loopback address
        localhost:PORT|localhost resolves to 127.0.0.1, a loopback address
        internal.test:PORT|internal.test resolves to 127.0.0.3, a loopback address
        169.254.169.254:PORT|169.254.169.254 is a link-local address
        10.0.0.1:PORT|10.0.0.1 is a private address
        100.64.0.1:PORT|100.64.0.1 is a CGNAT address (100.64.0.0/10)
        [fe80::1]:PORT|fe80:0:0:0:0:0:0:1 is a link-local address
        0.0.0.0:PORT|0.0.0.0 is the unspecified address
        [::]:PORT|0:0:0:0:0:0:0:0 is the unspecified address
        [64:ff9b::7f00:3]:PORT|64:ff9b:0:0:0:0:7f00:3 is an IPv6 form of 127.0.0.3, a loopback address
        [2002:7f00:3::1]:PORT|2002:7f00:3:0:0:0:0:1 is an IPv6 form of 127.0.0.3, a loopback address
        """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = SPELLINGS)
    void everySpellingOfAnInternalAddressIsRefusedDirectly(String spelling, String why) {
        fetcher();
        FetchException e = blocked(URI.create(spelt(spelling)));
        assertThat(e.getMessage()).isEqualTo("blocked: " + why + " " + AddressPolicy.HINT);
        assertThat(internal.getRequestCount()).isZero();
        assertThat(feedHost.getRequestCount()).isZero();
        assertThat(sleeper.sleeps()).as("never retried").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = SPELLINGS)
    void everySpellingIsRefusedAfterA302And307(String spelling, String why) {
        fetcher();
        for (int code : new int[] {302, 307}) {
            feedHost.enqueue(new MockResponse().setResponseCode(code).setHeader("Location", spelt(spelling)));
            FetchException e = blocked(feed("/item-" + code));
            assertThat(e.getMessage()).isEqualTo("blocked: " + why + " " + AddressPolicy.HINT);
            assertThat(e.url().toString()).as("the failing hop").doesNotContain("/item-");
        }
        assertThat(feedHost.getRequestCount()).isEqualTo(2);
        assertThat(internal.getRequestCount()).isZero();
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void theInternalServerIsRealOnceItIsAllowed() throws Exception {
        // the control that makes the refusals above mean something
        fetcher(settings(0, 4, null).withAllowPrivate(List.of("127.0.0.3/32")));
        FetchResult r = fetcher.fetch(FetchRequest.page(URI.create(spelt("127.0.0.3:PORT")), null));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("INTERNAL SECRET");
        assertThat(internal.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theConfiguredHostAndItsOwnRedirectsAreFetched() throws Exception {
        fetcher();
        feedHost.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/page"));
        feedHost.enqueue(new MockResponse().setBody("page"));
        FetchResult r = fetcher.fetch(FetchRequest.page(feed("/item"), null));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("page");
        assertThat(r.finalUrl().getPath()).isEqualTo("/page");
    }

    @Test
    void aConfiguredHostIsAllowedOnlyAsWritten() {
        fetcher();
        // 127.0.0.1 is configured; "localhost" and 127.0.0.2 are other hosts, even though they are the same machine
        assertThat(blocked(URI.create("http://localhost:" + feedHost.getPort() + "/")).getMessage())
            .contains("localhost resolves to 127.0.0.1, a loopback address");
        assertThat(blocked(URI.create("http://127.0.0.2:" + feedHost.getPort() + "/")).getMessage())
            .contains("127.0.0.2 is a loopback address");
        assertThat(feedHost.getRequestCount()).isZero();
    }

    @Test
    void theAllowedHostsFollowAReload() throws Exception {
        fetcher();
        blocked(URI.create(spelt("127.0.0.3:PORT")));
        fetcher.allowHosts(Set.of("127.0.0.1", "127.0.0.3")); // a feed on 127.0.0.3 was configured
        assertThat(fetcher.fetch(FetchRequest.page(URI.create(spelt("127.0.0.3:PORT")), null)).status()).isEqualTo(200);
        fetcher.allowHosts(Set.of("127.0.0.1")); // ... and removed again
        internal.enqueue(new MockResponse().setBody("INTERNAL SECRET"));
        blocked(URI.create(spelt("127.0.0.3:PORT")));
        assertThat(internal.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rebindingGainsNothingEachConnectionIsCheckedOnItsOwnLookup() throws Exception {
        // 127.0.0.1 stands in for a public address here (opened by allow-private), 127.0.0.3 for the internal one
        fetcher(settings(0, 4, null).withAllowPrivate(List.of("127.0.0.1/32")));
        rebindAnswers.addAll(List.of(addr("127.0.0.1"), INTERNAL_IP));
        URI url = URI.create("http://rebind.test:" + feedHost.getPort() + "/a");
        feedHost.enqueue(new MockResponse().setBody("public").setHeader("Connection", "close"));
        assertThat(fetcher.fetch(FetchRequest.page(url, null)).status()).isEqualTo(200);
        // the name now answers 127.0.0.3; a fresh connection must be refused, not reach the internal server
        URI again = URI.create("http://rebind.test:" + internal.getPort() + "/secret");
        assertThat(blocked(again).getMessage())
            .isEqualTo("blocked: rebind.test resolves to 127.0.0.3, a loopback address " + AddressPolicy.HINT);
        assertThat(internal.getRequestCount()).isZero();
        assertThat(lookups).containsExactly("rebind.test", "rebind.test"); // one lookup per connection, no re-resolve
    }

    @Test
    void ipLiteralsNeverReachDnsInOkHttpSoSocketsCheckThemToo() throws Exception {
        // why CheckedSockets exists: OkHttp 4.12's RouteSelector skips Dns for a literal host
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        OkHttpClient plain = new OkHttpClient.Builder().dns(h -> {
            asked.add(h);
            return Dns.SYSTEM.lookup(h);
        }).build();
        feedHost.enqueue(new MockResponse().setBody("x"));
        try (Response r = plain.newCall(new Request.Builder().url(feed("/literal").toString()).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(asked).isEmpty();

        AddressPolicy policy = new AddressPolicy(List.of());
        OkHttpClient checked = plain.newBuilder()
            .socketFactory(new CheckedSockets(policy, FetchFixtures.LOOPBACK_ONLY)).build();
        Request toInternal = new Request.Builder().url(spelt("127.0.0.3:PORT")).build();
        assertThatThrownBy(() -> checked.newCall(toInternal).execute()).isInstanceOf(AddressBlockedException.class)
            .hasMessage("127.0.0.3 is a loopback address " + AddressPolicy.HINT);
        assertThat(internal.getRequestCount()).isZero();
        plain.connectionPool().evictAll();
    }

    @Test
    void aRefusedSocketNeverConnects() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(addr("127.0.0.4"), 0));
            listener.setSoTimeout(200);
            CheckedSockets sockets = new CheckedSockets(new AddressPolicy(List.of()), FetchFixtures.LOOPBACK_ONLY);
            InetSocketAddress target = new InetSocketAddress(addr("127.0.0.4"), listener.getLocalPort());
            try (Socket s = sockets.createSocket()) {
                assertThatThrownBy(() -> s.connect(target, 1000)).isInstanceOf(AddressBlockedException.class);
                assertThat(s.isConnected()).isFalse();
            }
            assertThatThrownBy(() -> sockets.createSocket(addr("127.0.0.4"), listener.getLocalPort()))
                .isInstanceOf(AddressBlockedException.class);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class); // nobody came
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://internal.test:PORT", "http://127.0.0.3:PORT", "http://0x7f000003:PORT",
        "http://[::ffff:127.0.0.3]:PORT"})
    void throughAProxyTheTargetIsCheckedBeforeItIsSent(String target) throws Exception {
        MockWebServer proxy = new MockWebServer();
        proxy.start(addr("127.0.0.1"), 0);
        try {
            fetcher(settings(0, 4, "http://127.0.0.1:" + proxy.getPort()));
            blocked(URI.create(target.replace("PORT", Integer.toString(internal.getPort())) + "/secret"));
            // a redirect through the proxy to the internal name is refused the same way
            proxy.enqueue(new MockResponse().setResponseCode(302)
                .setHeader("Location", target.replace("PORT", Integer.toString(internal.getPort())) + "/secret"));
            blocked(URI.create("http://unresolvable.test/item")); // the proxy resolves this one
            assertThat(proxy.getRequestCount()).isEqualTo(1);
            assertThat(proxy.takeRequest().getRequestLine()).isEqualTo("GET http://unresolvable.test/item HTTP/1.1");
            assertThat(internal.getRequestCount()).isZero();
        } finally {
            proxy.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/x", "gopher://127.0.0.1:70/", "file:///etc/passwd", "jar:http://x/y!/z",
        "javascript:alert(1)"})
    void onlyHttpAndHttpsAreFetched(String url) {
        fetcher();
        assertThat(blocked(URI.create(url)).kind()).isEqualTo(Kind.BLOCKED);
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        fetcher();
        feedHost.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "file:///etc/passwd"));
        assertThat(blocked(feed("/x")).getMessage()).isEqualTo("blocked: redirect to a file: URL not followed");
    }
}
