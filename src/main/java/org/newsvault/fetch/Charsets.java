package org.newsvault.fetch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes fetched HTML. Precedence follows the HTML standard: byte-order mark, then the HTTP header's
 * charset, then a {@code <meta>} in the first 4 KB, then sniffing (valid UTF-8, else GB18030 or Big5 by
 * which decoding yields more of the commonest Chinese characters, else windows-1252).
 *
 * <p>Labels map to the supersets browsers use: gb2312/gbk/x-gbk → GB18030 (pages labelled gb2312 use GBK
 * characters such as 镕), big5 → Big5-HKSCS, iso-8859-1/us-ascii → windows-1252.
 */
public final class Charsets {
    private static final int PRESCAN = 4096;
    private static final int SNIFF = 64 * 1024;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5 = Charset.forName("Big5-HKSCS");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, Charset> ALIASES = Map.ofEntries(
        Map.entry("gb2312", GB18030), Map.entry("gbk", GB18030), Map.entry("x-gbk", GB18030),
        Map.entry("gb18030", GB18030), Map.entry("cp936", GB18030), Map.entry("ms936", GB18030),
        Map.entry("windows-936", GB18030), Map.entry("euc-cn", GB18030), Map.entry("x-euc-cn", GB18030),
        Map.entry("csgb2312", GB18030), Map.entry("gb_2312-80", GB18030), Map.entry("chinese", GB18030),
        Map.entry("hz-gb-2312", GB18030),
        Map.entry("big5", BIG5), Map.entry("big5-hkscs", BIG5), Map.entry("x-x-big5", BIG5),
        Map.entry("cn-big5", BIG5), Map.entry("csbig5", BIG5), Map.entry("cp950", BIG5),
        Map.entry("iso-8859-1", WINDOWS_1252), Map.entry("latin1", WINDOWS_1252),
        Map.entry("l1", WINDOWS_1252), Map.entry("us-ascii", WINDOWS_1252), Map.entry("ascii", WINDOWS_1252),
        Map.entry("utf8", StandardCharsets.UTF_8), Map.entry("unicode-1-1-utf-8", StandardCharsets.UTF_8));

    private static final Pattern HEADER_CHARSET =
        Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?\\s*([^\"';\\s]+)");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|$)");
    private static final Pattern META_CHARSET =
        Pattern.compile("(?i)<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]+)");
    private static final Pattern XML_ENCODING =
        Pattern.compile("^\\s*<\\?xml[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)");

    /** The commonest characters of Chinese news text, simplified and traditional. */
    private static final String COMMON = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子"
        + "那得于着下自之年过发后作里用道行所然家种事成方多经去法学如都同现当没动面起看定天分还进好小部其些主样"
        + "這個們來為國說時會對於過發後裡種經現當動還進樣與從間關開長問學體認無實門東點並電軍區義黨議邊總應語讓員務處機歲計"
        + "新闻聞政府报報记記者美台湾灣港香表示将將日月今";

    private Charsets() {
    }

    /** Decodes {@code body} (may be null) per {@link #forHtml}; the BOM, if any, is not part of the text. */
    public static String decodeHtml(byte[] body, String contentType) {
        byte[] b = body == null ? new byte[0] : body;
        Charset bom = bom(b);
        Charset cs = bom != null ? bom : forHtml(b, contentType);
        int skip = bom == null ? 0 : bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
        return new String(b, skip, b.length - skip, cs);
    }

    /** The charset to decode an HTML body with; never null. */
    public static Charset forHtml(byte[] body, String contentType) {
        byte[] b = body == null ? new byte[0] : body;
        Charset cs = bom(b);
        if (cs == null) {
            cs = label(headerLabel(contentType));
        }
        if (cs == null) {
            cs = metaCharset(b);
        }
        return cs != null ? cs : sniff(b);
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static String headerLabel(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static Charset metaCharset(byte[] b) {
        // ISO-8859-1 maps bytes 1:1, so ASCII markup is found whatever the real encoding
        String head = new String(b, 0, Math.min(b.length, PRESCAN), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        head = COMMENT.matcher(head).replaceAll("");
        Matcher m = META_CHARSET.matcher(head);
        String found = m.find() ? m.group(1) : xml.find() ? xml.group(1) : null;
        Charset cs = label(found);
        // a meta cannot truly declare UTF-16: the ASCII it is written in proves otherwise
        if (cs != null && cs.name().startsWith("UTF-16")) {
            return StandardCharsets.UTF_8;
        }
        return cs;
    }

    /** The charset for a label, mapped to its browser superset; null when unknown. */
    static Charset label(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        Charset alias = ALIASES.get(l);
        if (alias != null) {
            return alias;
        }
        try {
            Charset cs = Charset.forName(l);
            return ALIASES.getOrDefault(cs.name().toLowerCase(Locale.ROOT), cs);
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return null;
        }
    }

    private static Charset sniff(byte[] b) {
        if (validUtf8(b)) {
            return StandardCharsets.UTF_8;
        }
        int n = Math.min(b.length, SNIFF);
        int gb = commonHits(new String(b, 0, n, GB18030));
        int big5 = commonHits(new String(b, 0, n, BIG5));
        if (big5 > gb) {
            return BIG5;
        }
        if (gb > 0) {
            return GB18030;
        }
        return WINDOWS_1252;
    }

    /** Common characters found, less those the decoding could not map (a sign of the wrong charset). */
    private static int commonHits(String s) {
        int hits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD') {
                hits -= 2;
            } else if (c >= 0x4e00 && COMMON.indexOf(c) >= 0) {
                hits++;
            }
        }
        return hits;
    }

    /** Strict UTF-8 check that tolerates a sequence cut off at the end (the body may be capped). */
    private static boolean validUtf8(byte[] b) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, false);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return in.remaining() < 4; // only an incomplete trailing sequence can be left
            }
            out.clear();
        }
    }
}
