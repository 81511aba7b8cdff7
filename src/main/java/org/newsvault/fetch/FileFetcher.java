package org.newsvault.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsvault.fetch.FetchException.Kind;

/** Reads {@code file:} URLs (configured local feeds) under the same size cap as HTTP bodies. */
final class FileFetcher {
    private static final Map<String, String> TYPES = Map.of(
        "xml", "application/xml", "rss", "application/rss+xml", "atom", "application/atom+xml",
        "html", "text/html", "htm", "text/html", "xhtml", "application/xhtml+xml",
        "json", "application/json", "txt", "text/plain", "md", "text/markdown");

    private final BodyReader reader;
    private final long cap;
    private final Clock clock;

    FileFetcher(long cap, Clock clock) {
        this.reader = new BodyReader(cap);
        this.cap = cap;
        this.clock = clock;
    }

    FetchResult fetch(URI uri, long startNanos) throws FetchException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new FetchException(Kind.BLOCKED, uri, "not a local file URL", e);
        }
        try {
            if (Files.isDirectory(path)) {
                throw new FetchException(Kind.BLOCKED, uri, "is a directory: " + path, null);
            }
            long size = Files.size(path);
            if (size > cap) {
                throw new FetchException(Kind.TOO_LARGE, uri, "body exceeds " + Sizes.bytes(cap)
                    + " (file is " + Sizes.bytes(size) + ")", null);
            }
            byte[] body;
            try (InputStream in = Files.newInputStream(path)) {
                body = reader.readCapped(in, size, uri);
            }
            String type = contentType(path);
            String modified = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Files.getLastModifiedTime(path).toInstant().atOffset(ZoneOffset.UTC));
            List<Map.Entry<String, String>> headers = List.of(Map.entry("Content-Type", type),
                Map.entry("Content-Length", Long.toString(body.length)), Map.entry("Last-Modified", modified));
            return new FetchResult(uri, uri, 200, false, headers, body, type, null, modified, clock.instant(),
                Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (FetchException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new FetchException(Kind.NOT_FOUND, uri, "no such file " + path, e);
        } catch (AccessDeniedException e) {
            throw new FetchException(Kind.BLOCKED, uri, "permission denied: " + path, e);
        } catch (IOException e) {
            throw new FetchException(Kind.IO, uri, FailureClassifier.oneLine(e), e);
        }
    }

    static String contentType(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
