package org.newsvault.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.newsvault.fetch.FetchException.Kind;

/**
 * Reads a response body into memory without ever holding more than the cap: the cap counts bytes after
 * decompression, so a small gzip that inflates to gigabytes stops at cap + 1 bytes.
 */
final class BodyReader {
    private static final byte[] EMPTY = new byte[0];

    private final long cap;

    BodyReader(long cap) {
        this.cap = cap;
    }

    byte[] read(Response response, URI url) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return EMPTY;
        }
        long declared = body.contentLength();
        if (declared > cap) {
            // a compressed body longer than the cap practically never inflates to fit under it
            throw tooLarge(url, " (Content-Length " + declared + ")");
        }
        BufferedSource source = body.source();
        if (source.exhausted()) {
            return EMPTY;
        }
        String encoding = response.header("Content-Encoding", "identity").trim().toLowerCase(Locale.ROOT);
        InputStream in = switch (encoding) {
            case "", "identity" -> source.inputStream();
            case "gzip", "x-gzip" -> new GZIPInputStream(source.inputStream(), 8192);
            default -> throw new FetchException(Kind.IO, url, "unsupported Content-Encoding " + encoding, null);
        };
        return readCapped(in, declared, url);
    }

    /**
     * Reads {@code in} to the end, failing with TOO_LARGE as soon as it passes the cap. The bytes gather in
     * okio segments (no doubling buffer), so the peak is about twice the body, not three times.
     */
    byte[] readCapped(InputStream in, long sizeHint, URI url) throws IOException {
        okio.Buffer out = new okio.Buffer();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > cap) {
                out.clear();
                throw tooLarge(url, "");
            }
            out.write(buf, 0, n);
        }
        return out.readByteArray();
    }

    private FetchException tooLarge(URI url, String detail) {
        return new FetchException(Kind.TOO_LARGE, url, "body exceeds " + Sizes.bytes(cap) + detail, null);
    }
}
