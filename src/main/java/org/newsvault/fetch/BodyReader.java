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
        return read(response, url, cap, null);
    }

    /** {@link #read} with this request's cap and first-bytes check ({@code cap} 0: the configured one). */
    byte[] read(Response response, URI url, long requestCap, BodyCheck check) throws IOException {
        long cap = requestCap > 0 ? requestCap : this.cap;
        ResponseBody body = response.body();
        if (body == null) {
            return EMPTY;
        }
        long declared = body.contentLength();
        if (declared > cap) {
            // a compressed body longer than the cap practically never inflates to fit under it
            throw tooLarge(url, " (Content-Length " + declared + ")", cap);
        }
        BufferedSource source = body.source();
        if (source.exhausted()) {
            if (check != null) refuseIf(check.check(EMPTY, 0), url);
            return EMPTY;
        }
        String encoding = response.header("Content-Encoding", "identity").trim().toLowerCase(Locale.ROOT);
        InputStream in = switch (encoding) {
            case "", "identity" -> source.inputStream();
            case "gzip", "x-gzip" -> new GZIPInputStream(source.inputStream(), 8192);
            default -> throw new FetchException(Kind.IO, url, "unsupported Content-Encoding " + encoding, null);
        };
        return readCapped(in, url, cap, check);
    }

    byte[] readCapped(InputStream in, long sizeHint, URI url) throws IOException {
        return readCapped(in, url, cap, null);
    }

    /**
     * Reads {@code in} to the end, failing with TOO_LARGE as soon as it passes the cap. The bytes gather in
     * okio segments (no doubling buffer), so the peak is about twice the body, not three times.
     */
    byte[] readCapped(InputStream in, URI url, long cap, BodyCheck check) throws IOException {
        okio.Buffer out = new okio.Buffer();
        byte[] buf = new byte[8192];
        long total = 0;
        int want = check == null ? 0 : Math.max(1, check.prefixBytes());
        byte[] head = check == null ? null : new byte[want];
        int headLength = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            if (headLength < want) {
                int take = Math.min(n, want - headLength);
                System.arraycopy(buf, 0, head, headLength, take);
                headLength += take;
                if (headLength == want) refuseIf(check.check(head, headLength), url);
            }
            total += n;
            if (total > cap) {
                out.clear();
                throw tooLarge(url, "", cap);
            }
            out.write(buf, 0, n);
        }
        if (check != null && headLength < want) refuseIf(check.check(head, headLength), url);
        return out.readByteArray();
    }

    private static void refuseIf(String reason, URI url) throws FetchException {
        if (reason != null) throw new FetchException(Kind.UNWANTED, url, reason, null);
    }

    private FetchException tooLarge(URI url, String detail) {
        return tooLarge(url, detail, cap);
    }

    private static FetchException tooLarge(URI url, String detail, long cap) {
        return new FetchException(Kind.TOO_LARGE, url, "body exceeds " + Sizes.bytes(cap) + detail, null);
    }
}
