package org.newsvault.verify;

import java.io.IOException;
import java.util.function.Consumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.images.ImageSniffer;
import org.newsvault.model.ContentHash;
import org.newsvault.store.ImageRepository;

/**
 * Every blob a STORED image row names is on disk (with {@code deep}: decompresses to bytes of its SHA-256, of the
 * recorded size, that are still an image). Image blobs are originals too, so {@link OriginalCheck} sees them by their
 * original rows; this check starts from the image rows, which are what the reading room and the exports serve.
 */
final class ImageCheck {
    private final OriginalStore store;
    private final boolean deep;
    private final Consumer<Problem> out;

    ImageCheck(OriginalStore store, boolean deep, Consumer<Problem> out) {
        this.store = store;
        this.deep = deep;
        this.out = out;
    }

    /** @return how many distinct image blobs were checked */
    long run(ImageRepository rows) {
        long[] n = {0};
        rows.streamStoredBlobs(b -> {
            n[0]++;
            check(b);
        });
        return n[0];
    }

    private void check(ImageRepository.StoredBlob b) {
        String where = "image " + b.sha256() + " (" + b.url() + ")";
        if (b.sha256() == null || !b.sha256().matches("[0-9a-f]{64}")) {
            out.accept(new Problem(Problem.Kind.MISSING_BLOB, where, "a stored image row names no blob", null));
            return;
        }
        if (!store.has(b.sha256())) {
            out.accept(new Problem(Problem.Kind.MISSING_BLOB, where, "blob is not on disk; cannot be recreated", null));
            return;
        }
        if (!deep) return;
        try {
            byte[] bytes = store.read(b.sha256());
            String actual = ContentHash.sha256Hex(bytes);
            if (!actual.equals(b.sha256())) {
                out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob decompresses to bytes of another hash "
                    + actual, null));
            } else if (bytes.length != b.bytes()) {
                out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob has " + bytes.length
                    + " bytes, its rows say " + b.bytes(), null));
            } else if (ImageSniffer.type(bytes, Math.min(bytes.length, 64)) == null) {
                out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob is not an image", null));
            }
        } catch (IOException | RuntimeException e) {
            out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob is unreadable: " + ArticleCheck.oneLine(e), null));
        }
    }
}
