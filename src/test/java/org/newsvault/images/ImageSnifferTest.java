package org.newsvault.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageSnifferTest {
    static String type(byte[] b) {
        return ImageSniffer.type(b, Math.min(b.length, ImageSniffer.PREFIX));
    }

    static String check(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ImageSniffer.INSTANCE.check(b, Math.min(b.length, ImageSniffer.PREFIX));
    }

    @Test
    void knowsTheFiveFormatsByTheirBytes() {
        assertThat(type(Pictures.jpeg(0x336699))).isEqualTo("image/jpeg");
        assertThat(type(Pictures.png(0x336699))).isEqualTo("image/png");
        assertThat(type(Pictures.gif(0x336699))).isEqualTo("image/gif");
        assertThat(type(Pictures.webp())).isEqualTo("image/webp");
        assertThat(type(Pictures.avif())).isEqualTo("image/avif");
        assertThat(ImageSniffer.INSTANCE.check(Pictures.png(1), 64)).isNull();
    }

    @Test
    void refusesSvgAndEverythingElseWithOneLine() {
        assertThat(check("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")).startsWith("SVG refused");
        assertThat(check("\uFEFF  <?xml version=\"1.0\"?>\n<svg></svg>")).startsWith("SVG refused");
        assertThat(check("<!DOCTYPE html><html><body>404</body></html>")).startsWith("not an image (HTML");
        assertThat(check("GIF86a....")).startsWith("not an image").contains("474946");
        assertThat(ImageSniffer.INSTANCE.check(new byte[0], 0)).isEqualTo("empty body");
        // A truncated signature is not a JPEG.
        assertThat(ImageSniffer.type(new byte[] {(byte) 0xFF, (byte) 0xD8}, 2)).isNull();
        // An ISO-BMFF file of another brand (an MP4) is no AVIF.
        byte[] mp4 = Pictures.avif();
        System.arraycopy("isomiso2mp41".getBytes(), 0, mp4, 16, 12);
        System.arraycopy("isom".getBytes(), 0, mp4, 8, 4);
        assertThat(type(mp4)).isNull();
    }
}
