package org.newsvault.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes feed bytes to text from the BOM, the HTTP charset and the XML declaration.
 *
 * <p>Not ROME's {@code XmlReader}: in lenient mode it lets the XML declaration beat the HTTP charset,
 * in strict mode it decodes unlabelled {@code text/xml} as US-ASCII, and it hands labels such as
 * {@code gb2312} straight to Java, whose GB2312 decoder turns every GBK-only character into U+FFFD.
 * Here labels are widened to the superset real servers mean (GB18030, windows-950, windows-1252), and
 * a label is only believed when the bytes decode under it without error.
 */
final class FeedCharset {
    private static final Pattern XML_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:()+-]+)[\"']");
    private static final Pattern HTTP_CHARSET =
            Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?([A-Za-z0-9._:()+-]+)");

    // Servers announce these by default whatever the file holds, so a declaration in the file beats them.
    private static final List<String> WEAK_HTTP = List.of("windows-1252", "iso-8859-1", "us-ascii");

    private static final Map<String, List<String>> WIDER = Map.ofEntries(
            Map.entry("gb2312", List.of("GB18030")), Map.entry("gbk", List.of("GB18030")),
            Map.entry("x-gbk", List.of("GB18030")), Map.entry("cp936", List.of("GB18030")),
            Map.entry("ms936", List.of("GB18030")), Map.entry("windows-936", List.of("GB18030")),
            Map.entry("euc-cn", List.of("GB18030")), Map.entry("x-euc-cn", List.of("GB18030")),
            Map.entry("csgb2312", List.of("GB18030")), Map.entry("gb_2312-80", List.of("GB18030")),
            Map.entry("chinese", List.of("GB18030")), Map.entry("gb18030", List.of("GB18030")),
            Map.entry("big5", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("big-5", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("cn-big5", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("x-x-big5", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("csbig5", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("cp950", List.of("x-windows-950", "Big5-HKSCS")),
            Map.entry("big5-hkscs", List.of("Big5-HKSCS", "x-windows-950")),
            Map.entry("euc-kr", List.of("x-windows-949")), Map.entry("ks_c_5601-1987", List.of("x-windows-949")),
            Map.entry("iso-8859-1", List.of("windows-1252")), Map.entry("latin1", List.of("windows-1252")),
            Map.entry("l1", List.of("windows-1252")), Map.entry("iso_8859-1", List.of("windows-1252")),
            Map.entry("us-ascii", List.of("windows-1252")), Map.entry("ascii", List.of("windows-1252")),
            Map.entry("utf8", List.of("UTF-8")));

    private FeedCharset() {
    }

    /** The text and the charset it was read with. */
    record Decoded(String text, Charset charset) {
    }

    static Decoded decode(byte[] body, String contentType) {
        Decoded byBom = byBom(body);
        if (byBom != null) return byBom;
        Charset wide = wideWithoutBom(body);
        if (wide != null) return new Decoded(lenient(body, 0, wide), wide);

        String declared = declaredEncoding(body);
        String http = httpCharset(contentType);
        boolean ascii = isAscii(body);
        // Multi-byte UTF-8 that decodes cleanly is UTF-8 whatever the labels say: the reverse accident
        // (GBK or Latin-1 text forming valid UTF-8 sequences throughout) does not happen in real feeds.
        String utf8 = ascii ? null : strict(body, StandardCharsets.UTF_8);
        if (utf8 != null) return new Decoded(utf8, StandardCharsets.UTF_8);
        List<Charset> candidates = new ArrayList<>();
        boolean weakHttp = http != null && WEAK_HTTP.contains(http);
        if (!weakHttp) addLabel(candidates, http);
        addLabel(candidates, declared);
        if (weakHttp) addLabel(candidates, http);
        if (candidates.isEmpty()) return guessUnlabelled(body);
        for (Charset cs : candidates) {
            String text = strict(body, cs);
            if (text != null) return new Decoded(text, cs);
        }
        Charset first = ascii ? candidates.get(0) : StandardCharsets.UTF_8;
        return new Decoded(lenient(body, 0, first), first);
    }

    /**
     * No usable label and not UTF-8. The outlets newsvault follows are Chinese, so try GB18030 and Big5
     * (windows-950) and keep the reading that looks most like Chinese: both decoders accept most of the
     * other's byte pairs, but the wrong one yields Cyrillic, kana, bopomofo and private-use characters.
     */
    private static Decoded guessUnlabelled(byte[] body) {
        Decoded best = null;
        int bestScore = Integer.MIN_VALUE;
        for (String name : List.of("GB18030", "x-windows-950")) {
            Charset cs = lookup(name);
            String text = cs == null ? null : strict(body, cs);
            if (text == null) continue;
            int score = chineseScore(text);
            if (score > bestScore) {
                best = new Decoded(text, cs);
                bestScore = score;
            }
        }
        if (best != null && bestScore > 0) return best;
        Charset latin = Charset.forName("windows-1252");
        return new Decoded(lenient(body, 0, latin), latin);
    }

    /** +1 per CJK ideograph or CJK punctuation, -1 per other non-ASCII character. */
    static int chineseScore(String text) {
        int score = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) continue;
            boolean cjk = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
            score += cjk ? 1 : -1;
        }
        return score;
    }

    private static Decoded byBom(byte[] b) {
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) return new Decoded(lenient(b, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) return utf32(b, "UTF-32BE");
        if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) return utf32(b, "UTF-32LE");
        if (startsWith(b, 0xFE, 0xFF)) return new Decoded(lenient(b, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
        if (startsWith(b, 0xFF, 0xFE)) return new Decoded(lenient(b, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        return null;
    }

    private static Decoded utf32(byte[] b, String name) {
        Charset cs = Charset.forName(name);
        return new Decoded(lenient(b, 4, cs), cs);
    }

    /** UTF-16/32 without a BOM shows as zero bytes around the first {@code <}. */
    private static Charset wideWithoutBom(byte[] b) {
        if (b.length < 4) return null;
        boolean z0 = b[0] == 0, z1 = b[1] == 0, z2 = b[2] == 0, z3 = b[3] == 0;
        if (z0 && z1 && z2 && !z3) return Charset.forName("UTF-32BE");
        if (!z0 && z1 && z2 && z3) return Charset.forName("UTF-32LE");
        if (z0 && !z1 && z2) return StandardCharsets.UTF_16BE;
        if (!z0 && z1 && !z2 && z3) return StandardCharsets.UTF_16LE;
        return null;
    }

    static String declaredEncoding(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1);
        Matcher m = XML_ENCODING.matcher(head);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static String httpCharset(String contentType) {
        if (contentType == null) return null;
        Matcher m = HTTP_CHARSET.matcher(contentType);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static void addLabel(List<Charset> out, String label) {
        if (label == null) return;
        // We only get here for ASCII-compatible bytes, so a UTF-16/32 label is a lie.
        if (label.startsWith("utf-16") || label.startsWith("utf-32") || label.equals("unicode")) return;
        for (String name : WIDER.getOrDefault(label, List.of(label))) {
            Charset cs = lookup(name);
            if (cs != null && !out.contains(cs)) out.add(cs);
        }
    }

    private static Charset lookup(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }

    private static String strict(byte[] body, Charset cs) {
        try {
            CharBuffer out = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return out.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String lenient(byte[] body, int offset, Charset cs) {
        return new String(body, offset, body.length - offset, cs);
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
