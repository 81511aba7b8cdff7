package org.newsvault.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.newsvault.config.HttpSettings;

/** PLACEHOLDER until the fetch branch lands. */
public final class HttpFetcher implements Fetcher, AutoCloseable {
    private final okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();

    public HttpFetcher(HttpSettings s) {}

    @Override
    public FetchResult fetch(FetchRequest r) throws FetchException {
        try {
            if ("file".equals(r.url().getScheme())) {
                byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(r.url()));
                return new FetchResult(r.url(), r.url(), 200, false, List.of(), b, "application/xml", null, null, Instant.now(), Duration.ZERO);
            }
            var rb = new okhttp3.Request.Builder().url(r.url().toString());
            if (r.etag() != null) rb.header("If-None-Match", r.etag());
            try (var resp = client.newCall(rb.build()).execute()) {
                if (resp.code() == 304) return new FetchResult(r.url(), r.url(), 304, true, List.of(), new byte[0], null, null, null, Instant.now(), Duration.ZERO);
                if (!resp.isSuccessful()) throw new FetchException(FetchException.Kind.HTTP_CLIENT, r.url(), resp.code(), null, "HTTP " + resp.code(), null);
                List<Map.Entry<String, String>> h = new ArrayList<>();
                resp.headers().forEach(p -> h.add(Map.entry(p.getFirst(), p.getSecond())));
                return new FetchResult(r.url(), resp.request().url().uri(), resp.code(), false, h, resp.body().bytes(),
                    resp.header("Content-Type"), resp.header("ETag"), resp.header("Last-Modified"), Instant.now(), Duration.ZERO);
            }
        } catch (java.io.IOException e) {
            if (e instanceof FetchException fe) throw fe;
            throw new FetchException(FetchException.Kind.IO, r.url(), e.getMessage(), e);
        }
    }

    @Override
    public void close() {}
}
