package org.newsvault.images;

import org.newsvault.model.ImageState;

/**
 * What a run of the image fetcher did, per image row (an image two articles share counts twice, fetched once).
 *
 * @param stored   rows now STORED ({@code fetched} of them by a request; the others named bytes already kept)
 * @param bytes    bytes fetched and kept by this run (a blob already on disk counted once, when first kept)
 * @param released rows given back untried (the run stopped, or their outlet no longer keeps images)
 */
public record ImageSummary(int stored, int fetched, int tooLarge, int notImage, int failed, int gone, int released,
                           long bytes) {
    public static final ImageSummary EMPTY = new ImageSummary(0, 0, 0, 0, 0, 0, 0, 0);

    public int rows() {
        return stored + tooLarge + notImage + failed + gone + released;
    }

    ImageSummary plus(ImageState state, int rows, boolean fetchedNow, long newBytes) {
        return new ImageSummary(stored + (state == ImageState.STORED ? rows : 0),
            fetched + (fetchedNow && state == ImageState.STORED ? 1 : 0),
            tooLarge + (state == ImageState.TOO_LARGE ? rows : 0), notImage + (state == ImageState.NOT_IMAGE ? rows : 0),
            failed + (state == ImageState.FAILED ? rows : 0), gone + (state == ImageState.GONE ? rows : 0),
            released + (state == ImageState.PENDING ? rows : 0), bytes + newBytes);
    }

    public ImageSummary plus(ImageSummary o) {
        return new ImageSummary(stored + o.stored, fetched + o.fetched, tooLarge + o.tooLarge, notImage + o.notImage,
            failed + o.failed, gone + o.gone, released + o.released, bytes + o.bytes);
    }

    /** {@code 12 stored (3.1 MB), 1 too large, 2 not images, 1 failed (retried later), 0 gone}. */
    public String line() {
        StringBuilder sb = new StringBuilder().append(stored).append(" stored (")
            .append(size(bytes)).append(" new)");
        sb.append(", ").append(tooLarge).append(" too large, ").append(notImage).append(notImage == 1 ? " not an image"
            : " not images").append(", ").append(failed).append(" failed (retried later), ").append(gone).append(" gone");
        if (released > 0) sb.append(", ").append(released).append(" left for later");
        return sb.toString();
    }

    /** Bytes for people: 512 B, 3.1 KB, 12.4 MB, 1.2 GB. */
    public static String size(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
