package org.newsvault.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rel keywords outside the descriptive set go; bidi controls go from text and attributes. */
class LinkSpoofingTest {
    private static final URI BASE = URI.create("https://example.com/a/page.html");
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <a href="/x" rel="opener">x</a>                          | <a href="https://example.com/x">x</a>
        <a href="/x" rel="OPENER noreferrer">x</a>               | <a href="https://example.com/x" rel="noreferrer">x</a>
        <a href="/x" rel="nofollow opener">x</a>                 | <a href="https://example.com/x" rel="nofollow">x</a>
        <a href="/x" rel="nofollow,noindex">x</a>                | <a href="https://example.com/x" rel="nofollow">x</a>
        <a href="/x" rel="prefetch stylesheet">x</a>             | <a href="https://example.com/x">x</a>
        <a href="/x" rel="nofollow noopener">x</a>               | <a href="https://example.com/x" rel="nofollow noopener">x</a>
        <a href="/x" rel="noopener noreferrer">x</a>             | <a href="https://example.com/x" rel="noopener noreferrer">x</a>
        <a href="/x" rel="external">x</a>                        | <a href="https://example.com/x" rel="external">x</a>
        <a href="/x" rel="category tag">x</a>                    | <a href="https://example.com/x" rel="category tag">x</a>
        <a href="/x" rel="">x</a>                                | <a href="https://example.com/x" rel="">x</a>
        <a href="/x" rel="ugc sponsored">x</a>                   | <a href="https://example.com/x" rel="ugc sponsored">x</a>
        """)
    void relKeepsOnlyDescriptiveKeywords(String in, String expected) {
        assertThat(sanitizer.sanitize(in, BASE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @CsvSource({"202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"})
    void bidiControlsAreRemovedFromTextAndAttributes(String hex) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));
        String in = "<p>invoice" + c + "fdp.exe</p><a href=\"https://example.com/" + c + "x\" title=\"t" + c + "itle\">"
                + "paypal" + c + ".com</a><img src=\"/i.jpg\" alt=\"a" + c + "lt\">";
        String out = sanitizer.sanitize(in, BASE);
        assertThat(out).doesNotContain(c)
                .contains("<p>invoicefdp.exe</p>", "title=\"title\"", ">paypal.com</a>", "alt=\"alt\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        <p dir="rtl">مرحبا <bdo dir="ltr">abc</bdo></p>
        <p>שלום \u200F world \u200E end</p>
        <p>中文，<b>粗体</b>和<a href="https://example.com/y" rel="nofollow">链接</a>。</p>
        """)
    void ordinaryBidiMarkupAndMarksStay(String in) {
        assertThat(sanitizer.sanitize(in, BASE)).isEqualTo(in);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <a href="ftp://example.com/f">x</a>                      | <a>x</a>
        <a href="file:///etc/passwd">x</a>                       | <a>x</a>
        <a href="mailto:a@example.com">x</a>                     | <a href="mailto:a@example.com">x</a>
        <a href="tel:123">x</a>                                  | <a>x</a>
        """)
    void linksStayWebOrMail(String in, String expected) {
        assertThat(sanitizer.sanitize(in, BASE)).isEqualTo(expected);
    }
}
