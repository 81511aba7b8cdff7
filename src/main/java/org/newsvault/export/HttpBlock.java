package org.newsvault.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newsvault.model.Original;

/**
 * The HTTP response a WARC {@code response} record holds, rebuilt from a kept original: status line, the stored
 * headers, the body. The stored body is the decoded one (the fetcher undoes gzip and chunking), so the headers
 * that describe the wire encoding ({@code Content-Encoding}, {@code Transfer-Encoding}, {@code Content-Length})
 * are replaced by a {@code Content-Length} of the body as stored; a replay tool would otherwise try to
 * decode it again.
 */
final class HttpBlock {
    private static final Set<String> WIRE_HEADERS = Set.of("content-encoding", "transfer-encoding", "content-length");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
        Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(203, "Non-Authoritative Information"),
        Map.entry(204, "No Content"), Map.entry(206, "Partial Content"), Map.entry(301, "Moved Permanently"),
        Map.entry(302, "Found"), Map.entry(303, "See Other"), Map.entry(304, "Not Modified"),
        Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"),
        Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(410, "Gone"),
        Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
        Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private HttpBlock() {}

    static byte[] of(Original o, byte[] body) {
        int status = o.status() >= 100 && o.status() <= 999 ? o.status() : 200;
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
            .append(REASONS.getOrDefault(status, "")).append("\r\n");
        boolean hasType = false;
        for (var h : o.headers()) {
            String name = h.getKey() == null ? "" : h.getKey().trim();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || WIRE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) continue;
            hasType |= name.equalsIgnoreCase("Content-Type");
            head.append(name).append(": ").append(latin1(h.getValue())).append("\r\n");
        }
        if (!hasType && o.contentType() != null && !o.contentType().isBlank()) {
            head.append("Content-Type: ").append(latin1(o.contentType())).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A header value on one line, in the bytes HTTP allows (anything else becomes {@code ?}). */
    static String latin1(String v) {
        if (v == null) return "";
        StringBuilder sb = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            sb.append(c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF && !(c >= 0x80 && c <= 0x9F)) ? c : '?');
        }
        return sb.toString().trim();
    }
}
