package org.newsvault.bench;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The bench outlet's pictures, drawn in code (real, small JPEG, PNG and GIF files; each name its own colour, so its
 * own bytes): one photo per article ({@code /_img/a/<item>.jpg}), three PNGs that many articles share
 * ({@code /_img/shared/<k>.png}), two lead GIFs ({@code og:image}, {@code /_img/og/<k>.gif}), an SVG (refused by
 * the archive), a JPEG larger than the default per-image cap (streamed, without a length), and a link to a picture
 * that does not exist (404). The corpus stories' own pictures are served here too ({@link #localize}). What {@link SyntheticOutlet} puts in its pages and {@link OutletServer} answers.
 */
final class BenchImages {
    static final int SHARED = 3;
    static final int LEADS = 2;
    /** Larger than the default {@code images.max-bytes} (10 MB). */
    static final int HUGE_BYTES = 11 << 20;
    /** Every how many items a page also shows the SVG, the huge JPEG and the missing one. */
    static final int ODD_EVERY = 5;
    static final byte[] SVG = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        + "<script>alert(document.domain)</script><rect width=\"10\" height=\"10\"/></svg>").getBytes(StandardCharsets.UTF_8);
    private static final Pattern PATH = Pattern.compile("/_img/(?:(?:a|x)/([a-z0-9-]{1,64})\\.jpg|shared/(\\d)\\.png|og/(\\d)\\.gif)");
    private static final Map<String, byte[]> FIXED = new ConcurrentHashMap<>();

    private BenchImages() {}

    /** A page's images, in its body (the lead image goes into its head). */
    static String figures(String item, int n) {
        StringBuilder sb = new StringBuilder(300);
        sb.append("<figure><img src=\"/_img/a/").append(item).append(".jpg\" alt=\"现场照片\" width=\"16\" height=\"16\">")
            .append("<figcaption>资料图片（").append(item).append("）</figcaption></figure>")
            .append("<p><img src=\"/_img/shared/").append(n % SHARED).append(".png\" alt=\"图表\"></p>");
        if (n % ODD_EVERY == 0) {
            sb.append("<p><img src=\"/_img/logo.svg\" alt=\"标志\"><img src=\"/_img/huge.jpg\" alt=\"大图\">")
                .append("<img src=\"/_img/missing.jpg\" alt=\"已删除\"></p>");
        }
        return sb.toString();
    }

    private static final Pattern REMOTE = Pattern.compile("(src|srcset|data-src|poster)=\"https?://[^\"]*\"");

    /**
     * The corpus's own pictures (the outlets' real CDNs) pointed at this outlet ({@code /_img/x/<hash>.jpg}): a poll of
     * the bench outlet keeps every picture without a request leaving the machine.
     */
    static String localize(String html) {
        Matcher m = REMOTE.matcher(html);
        if (!m.find()) return html;
        StringBuilder sb = new StringBuilder(html.length());
        do {
            String local = "/_img/x/" + Integer.toHexString(m.group().hashCode()) + ".jpg";
            m.appendReplacement(sb, m.group(1) + "=\"" + local + "\"");
        } while (m.find());
        return m.appendTail(sb).toString();
    }

    static String lead(int n) {
        return "/_img/og/" + (n % LEADS) + ".gif";
    }

    /** Whether {@code path} is one of the bench's pictures (huge and SVG included). */
    static boolean serves(String path) {
        return path.equals("/_img/logo.svg") || path.equals("/_img/huge.jpg") || PATH.matcher(path).matches()
            && ok(PATH.matcher(path));
    }

    private static boolean ok(Matcher m) {
        m.matches();
        return m.group(2) != null ? Integer.parseInt(m.group(2)) < SHARED : m.group(3) == null
            || Integer.parseInt(m.group(3)) < LEADS;
    }

    /** The picture's bytes with its content type; null for the huge one (see {@link #writeHuge}). */
    static byte[] bytes(String path) {
        if (path.equals("/_img/logo.svg")) return SVG;
        Matcher m = PATH.matcher(path);
        if (!m.matches()) return null;
        if (m.group(1) != null) return draw("jpg", new java.util.SplittableRandom(m.group(1).hashCode()).nextInt());
        if (m.group(2) != null) return FIXED.computeIfAbsent(path, p -> draw("png", 0x5EED00 + Integer.parseInt(m.group(2))));
        return FIXED.computeIfAbsent(path, p -> draw("gif", 0x0C0FFE + Integer.parseInt(m.group(3))));
    }

    static String type(String path) {
        return path.endsWith(".svg") ? "image/svg+xml" : path.endsWith(".png") ? "image/png"
            : path.endsWith(".gif") ? "image/gif" : "image/jpeg";
    }

    /** A JPEG's first bytes and then {@link #HUGE_BYTES} more, written as they are asked for (never held whole). */
    static void writeHuge(OutputStream out) throws IOException {
        byte[] head = FIXED.computeIfAbsent("/_img/huge.jpg", p -> draw("jpg", 0x777777));
        out.write(head, 0, Math.min(head.length, 64));
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < HUGE_BYTES; sent += chunk.length) out.write(chunk);
    }

    private static byte[] draw(String format, int seed) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(seed & 0xFFFFFF));
        g.fillRect(0, 0, 16, 16);
        g.setColor(new Color(~seed & 0xFFFFFF));
        g.fillRect(4, 4, 8, 8);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no image writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
