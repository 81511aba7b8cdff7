package org.newsvault.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.model.Original;
import org.newsvault.store.Database;
import org.newsvault.store.ImageRepository;

/**
 * Images of archived articles for the consumers' tests (web, export): real PNG/JPEG bytes kept through the real
 * {@link OriginalStore} as originals of kind {@code image}, and their {@code article_image} rows as the image worker
 * leaves them.
 */
public final class TestImages {
    private TestImages() {}

    /** A small real image of that format ({@code png}, {@code jpg}, {@code gif}), its pixels from {@code seed}. */
    public static byte[] image(String format, int seed) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) for (int y = 0; y < 3; y++) img.setRGB(x, y, (seed * 7919 + x * 31 + y * 131) & 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no ImageIO writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Keeps {@code bytes} as an image original and marks the (article, url) row STORED; returns the original. */
    public static Original stored(Database db, OriginalStore originals, long articleId, String url, ImageRole role, int position,
                                  byte[] bytes, String contentType, Instant at) {
        Original o;
        try {
            o = originals.save(url, 200, List.of(Map.entry("Content-Type", contentType), Map.entry("Cache-Control", "max-age=60")),
                contentType, bytes, at, "image");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row(db, articleId, url, role, position, ImageState.STORED, o.id(), o.sha256(), contentType, bytes.length, null, at);
        return o;
    }

    /** Another article showing an image already kept ({@code o}): the worker reuses its original, as here. */
    public static void storedAgain(Database db, long articleId, Original o, ImageRole role, int position, String contentType,
                                   Instant at) {
        row(db, articleId, o.url(), role, position, ImageState.STORED, o.id(), o.sha256(), contentType, o.size(), null, at);
    }

    /** A row in a state without bytes (pending, too large, not an image, failed, gone). */
    public static void unstored(Database db, long articleId, String url, ImageRole role, int position, ImageState state,
                                long bytes, String reason, Instant at) {
        row(db, articleId, url, role, position, state, null, null, null, bytes, reason, at);
    }

    /** The row made as the poll lists it and finished as the image worker finishes it, through its repository. */
    private static void row(Database db, long articleId, String url, ImageRole role, int position, ImageState state,
                            Long originalId, String sha256, String contentType, long bytes, String reason, Instant at) {
        ImageRepository images = new ImageRepository(db);
        images.add(articleId, List.of(new ImageRepository.NewImage(url, role, position)), Integer.MAX_VALUE, at, at);
        long id = images.takeOfArticles(List.of(articleId), at, Duration.ofMinutes(1)).stream()
            .filter(d -> d.image().url().equals(url)).findFirst().orElseThrow().id();
        if (state == ImageState.STORED) images.store(List.of(id), null, originalId, sha256, contentType, bytes, at);
        else images.finish(List.of(id), state, bytes, reason, at, null);
    }
}
