package org.newsvault.export;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageState;
import org.newsvault.model.Original;
import org.newsvault.model.Revision;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.RevisionRow;

/**
 * {@code --format warc}: the kept originals as WARC 1.1 ({@code .warc.gz}: gzip per record). A fetched page or
 * feed is a {@code response} record (HTTP block rebuilt by {@link HttpBlock}), an imported file a
 * {@code resource} record ({@code text/markdown}), a kept image (an original of kind {@code image}) a {@code response}
 * record with the headers it was served with. Each article gets a {@code metadata} record
 * ({@code application/warc-fields}: article-id, outlet, file, title, and an {@code image} field per image naming its
 * state and, when kept, its record) that refers to its original's record, and
 * so does each stored version of an edited article (with {@code revision: n}, its file and its original).
 * An original several articles share (a feed with full text) is written once; record ids are derived from
 * what they describe (see {@link #recordId}). Without filters, originals no selected
 * article refers to (feeds) follow at the end.
 */
final class WarcSink implements ArticleSink {
    private static final MediaType MARKDOWN = MediaType.parse("text/markdown; charset=utf-8");

    private final FileChannel channel;
    private final WarcWriter warc;
    private final boolean everything;
    private final OriginalRepository originalRows;
    private final OriginalStore originals;
    private final Revisions revisions;
    private final ImageRepository images;
    private final BitSet written = new BitSet();
    private long records;
    private long withoutOriginal;
    private long missingBlobs;

    /**
     * @param file     the export's temp file ({@link ExportTarget} renames it into place)
     * @param fileName the name it gets there: {@code .gz} compresses each record, and the warcinfo record names it
     */
    WarcSink(Path file, String fileName, boolean everything, OriginalRepository originalRows, OriginalStore originals,
             Revisions revisions, ImageRepository images) throws IOException {
        this.revisions = revisions;
        this.images = images;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        boolean gzip = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        this.warc = new WarcWriter(channel, gzip ? WarcCompression.GZIP : WarcCompression.NONE);
        this.everything = everything;
        this.originalRows = originalRows;
        this.originals = originals;
        warc.write(new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(Instant.now())
            .filename(fileName)
            .fields(Map.of("software", List.of("newsvault 0.1.0"), "format", List.of("WARC File Format 1.1")))
            .build());
        records++;
    }

    @Override
    public void accept(ArticleRow row) throws IOException {
        String pictures = images(row.id());
        if (row.originalId() == null) {
            withoutOriginal++;
        } else {
            URI id = recordId("article", row.id() + " " + row.canonicalUrl());
            link(row.originalId(), id, row.file().url(), row.fetchedAt(),
                "article-id: " + row.id() + "\r\noutlet: " + row.outletId() + "\r\nfile: " + oneLine(row.filePath())
                    + "\r\ntitle: " + oneLine(row.title()) + "\r\n" + pictures);
        }
        for (RevisionRow r : revisions.of(row.id())) {
            Revision v = r.revision();
            if (v.originalId() == null) continue;
            URI id = recordId("revision", r.id() + " " + row.canonicalUrl() + " " + v.contentHash());
            link(v.originalId(), id, r.file().url(), v.fetchedAt(),
                "article-id: " + row.id() + "\r\nrevision: " + v.n() + "\r\noutlet: " + row.outletId() + "\r\nfile: "
                    + oneLine(v.filePath()) + "\r\ntitle: " + oneLine(v.title()) + "\r\n");
        }
    }

    /**
     * Writes the article's kept images as {@code response} records (once per original, like pages) and returns the
     * metadata fields that refer to them: per image, in order, {@code image: <url> role=... state=...} and, when kept,
     * {@code sha256=...} and {@code record=<its record id>}; a not kept image also its {@code reason}.
     */
    private String images(long articleId) throws IOException {
        StringBuilder fields = new StringBuilder();
        for (ArticleImage i : images.ofArticle(articleId)) {
            fields.append("image: ").append(oneLine(i.url().replace(" ", "%20"))).append(" role=").append(i.role().dbValue())
                .append(" state=").append(i.state().dbValue());
            if (i.state() == ImageState.STORED && i.originalId() != null) {
                Original o = originalRows.find(i.originalId()).orElse(null);
                if (o != null && writeOnce(o)) {
                    fields.append(" sha256=").append(o.sha256()).append(" record=<").append(originalId(o)).append('>');
                } else {
                    missingBlobs++;
                }
            } else if (i.reason() != null) {
                fields.append(" reason=").append(oneLine(i.reason()));
            }
            fields.append("\r\n");
        }
        return fields.toString();
    }

    /** The original's record (once) and a metadata record about it; counted as missing when its bytes are gone. */
    private void link(long originalId, URI metadataId, String url, Instant date, String fields) throws IOException {
        Original o = originalRows.find(originalId).orElse(null);
        if (o == null || !writeOnce(o)) {
            missingBlobs++;
            return;
        }
        URI original = originalId(o);
        warc.write(new WarcMetadata.Builder().version(MessageVersion.WARC_1_1).recordId(metadataId)
            .targetURI(oneLine(url)).date(date).concurrentTo(original)
            .addHeader("WARC-Refers-To", "<" + original + ">")
            .body(MediaType.WARC_FIELDS, fields.getBytes(StandardCharsets.UTF_8)).build());
        records++;
    }

    /** Writes the original's record unless already written; false when its bytes are gone. */
    private boolean writeOnce(Original o) throws IOException {
        int key = Math.toIntExact(o.id());
        if (written.get(key)) return true;
        byte[] body;
        try {
            body = originals.read(o.sha256());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        WarcDigest digest = new WarcDigest("sha256", HexFormat.of().parseHex(o.sha256()));
        if ("import".equals(o.kind())) {
            warc.write(new WarcResource.Builder().version(MessageVersion.WARC_1_1).recordId(originalId(o))
                .setHeader("WARC-Target-URI", oneLine(o.url())).date(o.fetchedAt()).blockDigest(digest).payloadDigest(digest)
                .body(MARKDOWN, body).build());
        } else {
            warc.write(new WarcResponse.Builder(oneLine(o.url())).version(MessageVersion.WARC_1_1)
                .recordId(originalId(o)).date(o.fetchedAt()).payloadDigest(digest)
                .body(MediaType.HTTP_RESPONSE, HttpBlock.of(o, body)).build());
        }
        written.set(key);
        records++;
        return true;
    }

    /**
     * A name-based UUID: the same record gets the same id in every export of an archive, and records of other
     * archives (other ids, URLs, bytes) get others, so WARCs of several archives can be combined.
     */
    static URI recordId(String kind, String name) {
        return URI.create("urn:uuid:" + UUID.nameUUIDFromBytes(("newsvault:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8)));
    }

    private static URI originalId(Original o) {
        return recordId("original", o.id() + " " + o.sha256() + " " + o.url());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }

    @Override
    public String finish() throws IOException {
        if (everything) {
            try {
                originalRows.stream(o -> {
                    try {
                        if (!written.get(Math.toIntExact(o.id())) && !writeOnce(o)) missingBlobs++;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        channel.force(true);
        warc.close();
        return records + " records" + (withoutOriginal > 0 ? ", " + withoutOriginal + " articles without an original" : "")
            + (missingBlobs > 0 ? ", " + missingBlobs + " originals missing on disk" : "");
    }

    @Override
    public void close() throws IOException {
        warc.close();
        channel.close();
    }
}
