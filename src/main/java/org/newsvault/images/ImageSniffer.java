package org.newsvault.images;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.newsvault.fetch.BodyCheck;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageState;

/**
 * Tells an image by its first bytes, never by its name or Content-Type (both are often wrong, and a server may send
 * an HTML error page or a script with a 200): JPEG, PNG, GIF, WebP and AVIF are kept; SVG is refused on purpose (it is
 * a document that can carry script and load other URLs, not pixels); anything else is no image. As a {@link BodyCheck}
 * it stops the fetch after these first bytes.
 */
public final class ImageSniffer implements BodyCheck {
    /** The types {@link #type} tells, each with the file extension a copy of such an image gets. */
    public static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png", "image/gif", "gif",
        "image/webp", "webp", "image/avif", "avif");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * The file extension of a kept image: a STORED row whose blob name is a sha256 and whose type is one this class
     * tells; null for any other row (a hand-edited database included), whose image then stays remote.
     */
    public static String extension(ArticleImage i) {
        if (i.state() != ImageState.STORED || i.sha256() == null || !SHA256.matcher(i.sha256()).matches()) return null;
        return i.contentType() == null ? null : EXTENSIONS.get(i.contentType());
    }

    /** Enough for every signature here, AVIF's compatible brands included. */
    static final int PREFIX = 64;
    public static final ImageSniffer INSTANCE = new ImageSniffer();

    private ImageSniffer() {}

    @Override
    public int prefixBytes() {
        return PREFIX;
    }

    @Override
    public String check(byte[] head, int length) {
        return type(head, length) != null ? null : refusal(head, length);
    }

    /** image/jpeg, image/png, image/gif, image/webp or image/avif; null when the bytes are none of them. */
    public static String type(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "image/jpeg";
        if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
            && b[6] == 0x1A && b[7] == 0x0A) return "image/png";
        if (n >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
            && b[5] == 'a') return "image/gif";
        if (n >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "image/webp";
        if (n >= 12 && ascii(b, 4, "ftyp") && avif(b, n)) return "image/avif";
        return null;
    }

    /** An ISO-BMFF box whose major or a compatible brand is avif/avis. */
    private static boolean avif(byte[] b, int n) {
        long boxSize = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int end = (int) Math.min(n, boxSize < 16 ? 16 : boxSize);
        if (ascii(b, 8, "avif") || ascii(b, 8, "avis")) return true;
        for (int i = 16; i + 4 <= end; i += 4) if (ascii(b, i, "avif") || ascii(b, i, "avis")) return true;
        return false;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
        return true;
    }

    /** Why these bytes are not kept, in one line: SVG by name, an empty body, or what the bytes begin with. */
    static String refusal(byte[] b, int n) {
        if (n == 0) return "empty body";
        String text = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        int i = text.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0; // a UTF-8 byte order mark
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        String lead = text.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (lead.startsWith("<svg") || lead.startsWith("<?xml") && lead.contains("<svg")
            || lead.startsWith("<!doctype svg")) {
            return "SVG refused (a document that can run script, not an image)";
        }
        if (lead.startsWith("<?xml")) return "not an image (XML; SVG is refused)";
        if (lead.startsWith("<")) return "not an image (HTML or other markup)";
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < Math.min(n, 8); k++) hex.append(String.format("%02x", b[k] & 0xff));
        return "not an image (JPEG, PNG, GIF, WebP or AVIF); it begins " + hex;
    }
}
