package org.newsvault.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.newsvault.archive.OriginalStore;
import org.newsvault.images.ImageSniffer;
import org.newsvault.model.ArticleImage;

/**
 * The kept images of a Jekyll export ({@code --images local}): each STORED image copied once per blob to
 * {@code assets/images/<sha[0:2]>/<sha>.<ext>} and its href for the posts. File names come only from the sha256 (64
 * hex digits, checked) and the sniffed type (a fixed table), never from a URL or a header, so no row can name a
 * path of its own. A blob is decompressed while it is copied and its hash checked on the way: a damaged or missing
 * blob is not copied and its image stays remote. Whether a blob was copied is the file's existence in the (fresh)
 * export folder, so memory does not grow with the number of images.
 */
final class ImageCopies {
    /** Where the posts live relative to the site root: {@code /:year/:month/:day/:title.html} (JekyllSite's permalink). */
    static final String FROM_POST = "../../../";

    private final Path site;
    private final OriginalStore originals;
    private long copied;
    private long bytes;
    private long unreadable;

    ImageCopies(Path site, OriginalStore originals) {
        this.site = site;
        this.originals = originals;
    }

    /** {@code assets/images/<ab>/<sha>.<ext>} for a kept image of a known type, else null (it stays remote). */
    static String relativePath(ArticleImage i) {
        String ext = ImageSniffer.extension(i);
        if (ext == null) return null;
        return "assets/images/" + i.sha256().substring(0, 2) + "/" + i.sha256() + "." + ext;
    }

    /**
     * Copies the article's kept images that are not in the site yet; returns original URL → href from a post for
     * each image that is there.
     */
    Map<String, String> copy(List<ArticleImage> images) throws IOException {
        Map<String, String> hrefs = new HashMap<>();
        for (ArticleImage i : images) {
            String rel = relativePath(i);
            if (rel == null || hrefs.containsKey(i.url())) continue;
            Path target = site.resolve(rel);
            if (Files.exists(target) || copyBlob(i.sha256(), target)) hrefs.put(i.url(), FROM_POST + rel);
        }
        return hrefs;
    }

    private boolean copyBlob(String sha, Path target) throws IOException {
        Path blob = originals.blobPath(sha);
        if (!Files.isRegularFile(blob)) {
            unreadable++;
            return false;
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long n;
        try (InputStream in = originals.open(sha);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), md)) {
            n = in.transferTo(out);
        } catch (IOException e) {
            // a truncated or corrupt blob: verify --deep names it; the export goes on with the image remote
            Files.deleteIfExists(tmp);
            unreadable++;
            return false;
        }
        if (!HexFormat.of().formatHex(md.digest()).equals(sha)) {
            Files.delete(tmp);
            unreadable++;
            return false;
        }
        Files.move(tmp, target);
        copied++;
        bytes += n;
        return true;
    }

    /** For the export's summary line. */
    String summary() {
        return copied + " images copied (" + bytes + " bytes)" + (unreadable > 0 ? ", " + unreadable + " image blobs unreadable (left remote)" : "");
    }
}
