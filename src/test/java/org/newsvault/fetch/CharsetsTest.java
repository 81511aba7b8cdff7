package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetsTest {
    private static final String SIMPLIFIED = "朱镕基在北京表示，这是中国的新闻自由问题。记者说他们不会离开。";
    private static final String TRADITIONAL = "中華民國總統在台北表示，這是台灣的新聞自由問題。記者說他們不會離開。";

    private static byte[] bytes(String s, String charset) {
        return s.getBytes(Charset.forName(charset));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] page(String headHtml, String text, String charset) {
        return concat(("<html><head>" + headHtml + "<title>t</title></head><body><p>").getBytes(StandardCharsets.US_ASCII),
            bytes(text, charset), "</p></body></html>".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        // charset the bytes are in, Content-Type header, meta in <head>
        "GBK,        null,                          null",
        "GBK,        text/html; charset=gb2312,     null",
        "GBK,        text/html; charset=GBK,        null",
        "GBK,        text/html;charset=\"x-gbk\",   null",
        "GBK,        null,                          <meta charset=gb2312>",
        "GBK,        null,                          '<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">'",
        "GB18030,    text/html; charset=gb18030,    null",
        "UTF-8,      null,                          null",
        "UTF-8,      text/html,                     <meta charset=\"utf-8\">",
        "UTF-8,      text/html; charset=bogus-cs,   <meta charset=\"UTF-8\">",
    })
    void simplifiedChineseDecodes(String charset, String contentType, String meta) {
        String text = SIMPLIFIED;
        String decoded = Charsets.decodeHtml(page(meta == null ? "" : meta, text, charset), contentType);
        assertThat(decoded).contains(text).doesNotContain("\uFFFD");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "null,                     null",
        "text/html; charset=big5,  null",
        "null,                     <meta charset=big5>",
        "text/html,                '<meta http-equiv=Content-Type content=\"text/html; charset=BIG5\">'",
    })
    void big5Decodes(String contentType, String meta) {
        String decoded = Charsets.decodeHtml(page(meta == null ? "" : meta, TRADITIONAL, "Big5"), contentType);
        assertThat(decoded).contains(TRADITIONAL).doesNotContain("\uFFFD");
    }

    @Test
    void gb2312LabelUsesTheGbkSuperset() {
        // 镕 is in GBK but not in GB2312: a strict GB2312 decoder would turn it into U+FFFD
        assertThat(new String(bytes("镕", "GBK"), Charset.forName("GB2312"))).isNotEqualTo("镕");
        assertThat(Charsets.forHtml(bytes("镕", "GBK"), "text/html; charset=gb2312").name()).isEqualTo("GB18030");
    }

    @Test
    void gb18030FourByteCharactersSurviveAGbkLabel() {
        String text = "𠮷野家的新闻"; // U+20BB7 exists only in GB18030's four-byte range
        byte[] body = bytes(text, "GB18030");
        assertThat(Charsets.decodeHtml(body, "text/html; charset=gbk")).isEqualTo(text);
        assertThat(Charsets.decodeHtml(body, null)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"UTF-8, EFBBBF", "UTF-16LE, FFFE", "UTF-16BE, FEFF"})
    void bomWinsOverHeaderAndMetaAndIsStripped(String charset, String bomHex) {
        byte[] bom = java.util.HexFormat.of().parseHex(bomHex);
        byte[] body = concat(bom, bytes("<meta charset=gbk><p>" + SIMPLIFIED, charset));
        String decoded = Charsets.decodeHtml(body, "text/html; charset=big5");
        assertThat(decoded).isEqualTo("<meta charset=gbk><p>" + SIMPLIFIED);
        assertThat(Charsets.forHtml(body, "text/html; charset=big5").name()).isEqualTo(charset);
    }

    @Test
    void headerWinsOverMeta() {
        byte[] body = page("<meta charset=utf-8>", SIMPLIFIED, "GBK");
        assertThat(Charsets.decodeHtml(body, "text/html; charset=gbk")).contains(SIMPLIFIED);
        assertThat(Charsets.forHtml(body, "text/html; charset=gbk").name()).isEqualTo("GB18030");
    }

    @Test
    void metaWinsOverSniffing() {
        // valid UTF-8 bytes, but the page says windows-1252: the page is believed
        byte[] body = page("<meta charset=windows-1252>", "café", "UTF-8");
        assertThat(Charsets.forHtml(body, null).name()).isEqualTo("windows-1252");
    }

    @Test
    void metaInsideACommentIsIgnored() {
        byte[] body = page("<!-- <meta charset=big5> -->", SIMPLIFIED, "UTF-8");
        assertThat(Charsets.forHtml(body, null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void metaAfterThePrescanWindowIsIgnored() {
        byte[] body = concat(" ".repeat(5000).getBytes(StandardCharsets.US_ASCII),
            "<meta charset=big5>".getBytes(StandardCharsets.US_ASCII), bytes(SIMPLIFIED, "UTF-8"));
        assertThat(Charsets.forHtml(body, null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void metaClaimingUtf16MeansUtf8() {
        byte[] body = page("<meta charset=utf-16>", SIMPLIFIED, "UTF-8");
        assertThat(Charsets.forHtml(body, null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Charsets.decodeHtml(body, null)).contains(SIMPLIFIED);
    }

    @Test
    void xmlDeclarationCountsWhenThereIsNoMeta() {
        byte[] body = concat("<?xml version=\"1.0\" encoding=\"big5\"?><html><body>".getBytes(StandardCharsets.US_ASCII),
            bytes(TRADITIONAL, "Big5"));
        assertThat(Charsets.forHtml(body, null).name()).isEqualTo("Big5-HKSCS");
    }

    @ParameterizedTest
    @CsvSource({"iso-8859-1, windows-1252", "US-ASCII, windows-1252", "gb2312, GB18030", "GBK, GB18030",
        "x-gbk, GB18030", "big5, Big5-HKSCS", "utf8, UTF-8", "Shift_JIS, Shift_JIS"})
    void labelsMapToSupersets(String label, String expected) {
        assertThat(Charsets.label(label).name()).isEqualTo(expected);
    }

    @Test
    void latinBytesWithoutChineseFallBackToWindows1252() {
        byte[] body = page("", "Café crème, naïve résumé", "ISO-8859-1");
        assertThat(Charsets.decodeHtml(body, null)).contains("Café crème, naïve résumé");
    }

    @Test
    void utf8CutMidCharacterByTheCapIsStillUtf8() {
        byte[] full = bytes(SIMPLIFIED, "UTF-8");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
        assertThat(Charsets.forHtml(cut, null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void emptyAndNullBodies() {
        assertThat(Charsets.decodeHtml(null, null)).isEmpty();
        assertThat(Charsets.decodeHtml(new byte[0], "text/html; charset=gbk")).isEmpty();
        assertThat(Charsets.forHtml(null, null)).isEqualTo(StandardCharsets.UTF_8);
    }
}
