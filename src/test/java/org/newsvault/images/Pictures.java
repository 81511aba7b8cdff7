package org.newsvault.images;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real image bytes for tests, drawn in code (no files): each colour gives other bytes. */
final class Pictures {
    private Pictures() {}

    static byte[] png(int rgb) {
        return encode("png", rgb);
    }

    static byte[] jpeg(int rgb) {
        return encode("jpg", rgb);
    }

    static byte[] gif(int rgb) {
        return encode("gif", rgb);
    }

    /** A WebP file's header as the sniffer reads it (the JDK writes no WebP). */
    static byte[] webp() {
        byte[] b = new byte[40];
        System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
        b[4] = 32;
        System.arraycopy("WEBPVP8 ".getBytes(), 0, b, 8, 8);
        return b;
    }

    /** An AVIF file's ftyp box with avif among its compatible brands. */
    static byte[] avif() {
        byte[] b = new byte[48];
        b[3] = 28;
        System.arraycopy("ftypmif1".getBytes(), 0, b, 4, 8);
        System.arraycopy("mif1avifmiaf".getBytes(), 0, b, 16, 12);
        return b;
    }

    private static byte[] encode(String format, int rgb) {
        BufferedImage img = new BufferedImage(8, 8, format.equals("jpg") ? BufferedImage.TYPE_INT_RGB
            : BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
