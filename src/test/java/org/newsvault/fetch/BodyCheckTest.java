package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.fetch.FetchFixtures.settings;
import static org.newsvault.fetch.FetchFixtures.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsvault.fetch.FetchException.Kind;

/** A request's own cap and first-bytes check apply while the body streams: a huge or unwanted body is cut, not read. */
class BodyCheckTest {
    static final URI URL = URI.create("https://cdn.example/i.jpg");
    /** Refuses anything that does not begin with a JPEG signature. */
    static final BodyCheck JPEG_ONLY = new BodyCheck() {
        @Override
        public int prefixBytes() {
            return 3;
        }

        @Override
        public String check(byte[] head, int length) {
            return length == 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 ? null : "not a JPEG";
        }
    };

    /** An endless body beginning with {@code head}, counting what was read of it. */
    static final class Endless extends InputStream {
        final byte[] head;
        long read;

        Endless(byte[] head) {
            this.head = head;
        }

        @Override
        public int read() {
            return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) b[off + i] = read + i < head.length ? head[(int) (read + i)] : 7;
            read += len;
            return len;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server.start();
        fetcher = FetchFixtures.fetcher(settings(), tuning(new FetchFixtures.RecordingSleeper()));
    }

    @AfterEach
    void stop() throws IOException {
        fetcher.close();
        server.shutdown();
    }

    @Test
    void anEndlessBodyIsCutAtTheRequestsCap() {
        Endless in = new Endless(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        assertThatThrownBy(() -> new BodyReader(1L << 30).readCapped(in, URL, 100_000, JPEG_ONLY))
            .isInstanceOf(FetchException.class).hasMessage("too large: body exceeds 97.7 KB")
            .extracting(e -> ((FetchException) e).kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(in.read).as("read up to the cap and one buffer more, no further").isLessThanOrEqualTo(100_000 + 8192);
    }

    @Test
    void anUnwantedBodyStopsAtItsFirstBytes() {
        Endless in = new Endless("<svg xmlns=".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new BodyReader(1L << 30).readCapped(in, URL, 1L << 30, JPEG_ONLY))
            .isInstanceOf(FetchException.class).hasMessage("unwanted: not a JPEG");
        assertThat(in.read).isLessThanOrEqualTo(8192);
    }

    @Test
    void overHttpTheRequestsCapAndCheckApplyAtImagePriority() throws Exception {
        byte[] jpeg = new byte[5000];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        server.enqueue(new MockResponse().setBody(new Buffer().write(jpeg)));
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(jpeg), 512));
        server.enqueue(new MockResponse().setBody("<html>nope</html>"));
        server.enqueue(new MockResponse().setBody(""));
        URI u = server.url("/i.jpg").uri();
        assertThat(fetcher.fetch(FetchRequest.resource(u, null, 5000, JPEG_ONLY), Priority.IMAGE).body()).isEqualTo(jpeg);
        assertThatThrownBy(() -> fetcher.fetch(FetchRequest.resource(u, null, 4999, JPEG_ONLY), Priority.IMAGE))
            .hasMessageStartingWith("too large: body exceeds 4.9 KB");
        assertThatThrownBy(() -> fetcher.fetch(FetchRequest.resource(u, null, 5000, JPEG_ONLY), Priority.IMAGE))
            .hasMessage("unwanted: not a JPEG").extracting(e -> ((FetchException) e).kind().transientFailure())
            .isEqualTo(false);
        assertThatThrownBy(() -> fetcher.fetch(FetchRequest.resource(u, null, 5000, JPEG_ONLY), Priority.IMAGE))
            .hasMessage("unwanted: not a JPEG");
        // A page request has neither: the configured cap, no check.
        server.enqueue(new MockResponse().setBody("<html>fine</html>"));
        assertThat(fetcher.fetch(FetchRequest.page(u, null), Priority.PAGE).body()).hasSize(17);
    }
}
