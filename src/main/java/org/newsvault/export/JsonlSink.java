package org.newsvault.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.Revision;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.RevisionRow;

/**
 * {@code --format jsonl}: one JSON object per article and line (UTF-8), oldest first. Keys: {@code id, outlet,
 * outletName, url} (as in the file), {@code canonicalUrl, title, author, published, fetched} (ISO-8601 or
 * null), {@code contentHash, file} (path in the archive), {@code variant, source, status, bodyHtml} and
 * {@code revisions} (the stored versions of an edited article, oldest first: {@code n, fetched, title,
 * contentHash, file, originalId}; empty for an article that never changed) and {@code images} (in order of first
 * appearance: {@code url, role} (body, lead, poster), {@code state} (pending, stored, too_large, not_image, failed,
 * gone), {@code sha256, contentType} (when stored), {@code bytes, reason} (why it is not stored)).
 */
final class JsonlSink implements ArticleSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Map<String, String> outletNames;
    private final Revisions revisions;
    private final ImageRepository images;
    private long lines;

    /** @param file the export's temp file ({@link ExportTarget} renames it into place) */
    JsonlSink(Path file, Map<String, String> outletNames, Revisions revisions, ImageRepository images) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.outletNames = outletNames;
        this.revisions = revisions;
        this.images = images;
    }

    @Override
    public void accept(ArticleRow row) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", row.id());
        o.put("outlet", row.outletId());
        o.put("outletName", outletNames.get(row.outletId()));
        o.put("url", row.file().url());
        o.put("canonicalUrl", row.canonicalUrl());
        o.put("title", row.title());
        o.put("author", row.author());
        o.put("published", iso(row.publishedAt()));
        o.put("fetched", iso(row.fetchedAt()));
        o.put("contentHash", row.contentHash());
        o.put("file", row.filePath());
        o.put("variant", row.file().variant().name().toLowerCase(java.util.Locale.ROOT));
        o.put("source", row.source());
        o.put("status", row.status());
        o.put("sourceTrust", row.sourceTrust());
        o.put("bodyKind", row.bodyKind());
        o.put("bodyHtml", row.file().bodyHtml());
        ArrayNode versions = o.putArray("revisions");
        for (RevisionRow r : revisions.of(row.id())) {
            Revision v = r.revision();
            ObjectNode j = versions.addObject();
            j.put("n", v.n());
            j.put("fetched", iso(v.fetchedAt()));
            j.put("title", v.title());
            j.put("contentHash", v.contentHash());
            j.put("file", v.filePath());
            j.put("originalId", v.originalId());
        }
        ArrayNode pictures = o.putArray("images");
        for (ArticleImage i : images.ofArticle(row.id())) {
            ObjectNode j = pictures.addObject();
            j.put("url", i.url());
            j.put("role", i.role().dbValue());
            j.put("state", i.state().dbValue());
            j.put("sha256", i.sha256());
            j.put("contentType", i.contentType());
            j.put("bytes", i.bytes());
            j.put("reason", i.reason());
        }
        out.write(JSON.writeValueAsBytes(o));
        out.write('\n');
        lines++;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public String finish() throws IOException {
        out.close();
        return lines + " lines";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
