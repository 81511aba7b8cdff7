package org.newsvault.export;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsvault.model.Original;

class HttpBlockTest {
    @Test
    void statusLineStoredHeadersAndTheBodyAsStored() {
        Original o = new Original(1, "0".repeat(64), "https://a.example/", 200, List.of(
            Map.entry("Content-Type", "text/html; charset=utf-8"), Map.entry("Content-Encoding", "gzip"),
            Map.entry("Content-Length", "999"), Map.entry("ETag", "\"v1\""), Map.entry("Bad Name", "x"),
            Map.entry("X-Note", "中文\r\nInjected: yes")), "text/html", Instant.EPOCH, 5, "page");
        String block = new String(HttpBlock.of(o, "hello".getBytes(ISO_8859_1)), ISO_8859_1);
        assertThat(block).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nETag: \"v1\"\r\n"
            + "X-Note: ????Injected: yes\r\nContent-Length: 5\r\n\r\nhello");
    }

    @Test
    void withoutHeadersTheContentTypeComesFromTheRow() {
        Original o = new Original(1, "0".repeat(64), "https://a.example/feed", 203, List.of(), "application/rss+xml",
            Instant.EPOCH, 2, "feed");
        assertThat(new String(HttpBlock.of(o, "<a".getBytes(ISO_8859_1)), ISO_8859_1)).isEqualTo(
            "HTTP/1.1 203 Non-Authoritative Information\r\nContent-Type: application/rss+xml\r\nContent-Length: 2\r\n\r\n<a");
    }
}
