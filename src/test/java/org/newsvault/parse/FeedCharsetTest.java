package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.Entry;

class FeedCharsetTest {
    // 镕 and 堃 are in GBK but not in GB2312: a GB2312 decoder turns them into U+FFFD.
    private static final String SIMPLIFIED = "朱镕基与王堃：中国新闻";
    // Traditional characters, as Big5 outlets in Taiwan and Hong Kong write them.
    private static final String TRADITIONAL = "臺灣新聞：自由時報報導國際經濟與兩岸關係";

    private static byte[] feed(String declared, String title, Charset cs) {
        String decl = declared == null ? "<?xml version=\"1.0\"?>" : "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>";
        String xml = decl + "<rss version=\"2.0\"><channel><title>" + title + "</title><item><title>" + title
                + "</title><link>https://example.com/a</link></item></channel></rss>";
        return xml.getBytes(cs);
    }

    private static String parsedTitle(byte[] body, String contentType) throws ParseException {
        Entry e = new RomeFeedParser().parse(body, contentType, Fixtures.FEED_URL).entries().get(0);
        return e.title();
    }

    @ParameterizedTest(name = "declared {0}, sent {1}")
    @CsvSource(nullValues = "-", value = {
            "gb2312, -", "gbk, -", "GB18030, -", "-, text/xml; charset=gb2312", "utf-8, application/rss+xml; charset=GBK"})
    void gbkFeedsComeOutAsUnicode(String declared, String contentType) throws ParseException {
        byte[] body = feed(declared, SIMPLIFIED, Charset.forName("GBK"));
        assertThat(parsedTitle(body, contentType)).isEqualTo(SIMPLIFIED).doesNotContain("\uFFFD");
    }

    @ParameterizedTest(name = "declared {0}, sent {1}")
    @CsvSource(nullValues = "-", value = {"big5, -", "BIG5, text/xml", "-, application/xml; charset=\"big5\""})
    void big5FeedsComeOutAsUnicode(String declared, String contentType) throws ParseException {
        byte[] body = feed(declared, TRADITIONAL, Charset.forName("Big5"));
        assertThat(parsedTitle(body, contentType)).isEqualTo(TRADITIONAL);
    }

    @Test
    void unlabelledGbkAndBig5AreToldApart() {
        assertThat(FeedCharset.decode(feed(null, SIMPLIFIED, Charset.forName("GBK")), null).text()).contains(SIMPLIFIED);
        assertThat(FeedCharset.decode(feed(null, TRADITIONAL, Charset.forName("Big5")), null).text()).contains(TRADITIONAL);
    }

    @Test
    void utf8BomWinsOverAWrongDeclaration() throws ParseException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(feed("iso-8859-1", SIMPLIFIED, StandardCharsets.UTF_8));
        assertThat(parsedTitle(out.toByteArray(), "text/xml; charset=gbk")).isEqualTo(SIMPLIFIED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-16LE, true", "UTF-16BE, true", "UTF-16LE, false", "UTF-16BE, false"})
    void utf16WithAndWithoutBom(String charset, boolean bom) throws ParseException {
        Charset cs = Charset.forName(charset);
        String xml = (bom ? "\uFEFF" : "") + new String(feed("utf-16", SIMPLIFIED, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(parsedTitle(xml.getBytes(cs), null)).isEqualTo(SIMPLIFIED);
    }

    @Test
    void httpCharsetBeatsTheDeclarationWhenTheBytesAgree() {
        byte[] body = feed("utf-8", "Ærø", Charset.forName("ISO-8859-15"));
        assertThat(FeedCharset.decode(body, "text/xml; charset=iso-8859-15").charset().name()).isEqualTo("ISO-8859-15");
    }

    @Test
    void defaultLatin1HeaderLosesToTheDeclaration() {
        byte[] body = feed("gb2312", SIMPLIFIED, Charset.forName("GBK"));
        assertThat(FeedCharset.decode(body, "text/html; charset=ISO-8859-1").text()).contains(SIMPLIFIED);
    }

    @Test
    void validUtf8WinsOverAWrongLabel() {
        byte[] body = feed("gb2312", SIMPLIFIED, StandardCharsets.UTF_8);
        assertThat(FeedCharset.decode(body, "text/xml; charset=big5").text()).contains(SIMPLIFIED);
    }

    @Test
    void latin1DeclarationReadsAsWindows1252() {
        byte[] body = feed("iso-8859-1", "caf\u00e9 \u2019quoted\u2019", Charset.forName("windows-1252"));
        assertThat(FeedCharset.decode(body, null).text()).contains("café ’quoted’");
    }

    @Test
    void bogusLabelsAreIgnored() {
        byte[] body = feed("x-no-such-charset", "plain", StandardCharsets.US_ASCII);
        assertThat(FeedCharset.decode(body, "text/xml; charset=\"bogus!\"").text()).contains("<title>plain</title>");
    }
}
