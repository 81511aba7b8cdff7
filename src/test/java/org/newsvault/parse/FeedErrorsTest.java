package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.Entry;

class FeedErrorsTest {

    private static ParsedFeed parse(String text) throws ParseException {
        return new RomeFeedParser().parse(text.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing                 | ''                                                    | empty body
            whitespace and BOM      | '\uFEFF  \n\t '                                       | empty body
            plain text              | 'Service Unavailable'                                 | not XML: starts with "Service Unavailable"
            JSON but no JSON Feed   | '{"items":[]}'                                        | 'not a feed: got JSON without a JSON Feed version ("version": none)'
            JSON of another version | '{"version":"1.1","items":[]}'                        | 'not a feed: got JSON without a JSON Feed version ("version": "1.1")'
            a JSON list             | '[{"version":"https://jsonfeed.org/version/1.1"}]'     | not a feed: got JSON that is not an object
            broken JSON             | '{"version":"https://jsonfeed.org/version/1.1", "items": [}' | 'not a JSON Feed: malformed JSON at line 1, column 58: Unexpected close marker ''}'': expected '']'''
            sitemap                 | '<urlset><url><loc>https://x/</loc></url></urlset>'   | not a feed: root element <urlset>
            truncated before items  | '<rss version="2.0"><channel><title>x</title><desc'   | malformed XML at line 1: XML document structures must start and end within the same entity.
            html without doctype    | '<html><head><title> Just a moment... </title></head></html>' | not a feed: got an HTML page (title "Just a moment...")
            """)
    void clearOneLineErrors(String what, String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void nullBodyIsEmpty() {
        assertThatThrownBy(() -> new RomeFeedParser().parse(null, null, null)).hasMessage("empty body");
    }

    @Test
    void htmlPageNamesItsTitle() {
        assertThatThrownBy(() -> Fixtures.parse("html-page.html"))
                .isInstanceOf(ParseException.class)
                .hasMessage("not a feed: got an HTML page (title \"Access Denied\")");
    }

    @Test
    void aHugeHtmlPageIsReadOnlyForItsTitle() {
        // a million unclosed elements: the title is read from the page's start, within a work budget
        String page = "<html><head><title>Attention Required</title></head><body>" + "<div><b>".repeat(1_000_000);
        assertThatThrownBy(() -> parse(page)).isInstanceOf(ParseException.class)
                .hasMessage("not a feed: got an HTML page (title \"Attention Required\")");
        String late = "<html><head>" + "<meta name=x>".repeat(10_000) + "<title>late</title></head></html>";
        assertThatThrownBy(() -> parse(late)).hasMessage("not a feed: got an HTML page (no title)");
    }

    @Test
    void junkBeforeTheXmlIsDropped() throws ParseException {
        ParsedFeed feed = parse("Warning: mysql_connect() failed in /var/www/feed.php on line 3\n"
                + "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>t</title>"
                + "<link>https://example.com/a</link></item></channel></rss>");
        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/a");
    }

    @Test
    void truncatedFeedKeepsCompleteItemsAndReportsTheCutOne() throws ParseException {
        ParsedFeed feed = Fixtures.parse("truncated.xml");

        assertThat(feed.entries()).extracting(Entry::title).containsExactly("First", "Second");
        assertThat(feed.skipped()).hasSize(2);
        assertThat(feed.skipped().get(0)).startsWith("feed: malformed XML at line 18:").endsWith("; read leniently");
        assertThat(feed.skipped().get(1)).isEqualTo("item 3: truncated (feed ends inside the item)");
    }

    @Test
    void malformedMarkupFallsBackToTheLenientReader() throws ParseException {
        ParsedFeed feed = Fixtures.parse("malformed-markup.xml");

        assertThat(feed.title()).isEqualTo("Tom & Jerry News");
        assertThat(feed.entries()).extracting(Entry::link)
                .containsExactly("https://example.com/fish?a=1&b=2", "https://example.com/second");
        assertThat(feed.entries()).extracting(Entry::title)
                .containsExactly("Fish & Chips &bogus; entity", "Second © item");
        assertThat(feed.entries().get(0).summaryHtml()).contains("raw <br>").doesNotContain("\u0001");
        assertThat(feed.skipped()).singleElement().asString()
                .startsWith("feed: malformed XML at line 6: The entity \"bogus\" was referenced, but not declared.");
    }

    @Test
    void unescapedAmpersandsAlone() throws ParseException {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>AT&T</title><item><title>Q&A</title>"
                + "<link>https://example.com/?a=1&b=2</link></item></channel></rss>");

        assertThat(feed.title()).isEqualTo("AT&T");
        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/?a=1&b=2");
    }

    @Test
    void controlCharactersAreDroppedNotFatal() throws ParseException {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><item><title>a\u0000b\u0008c\u001Fd</title>"
                + "<link>https://example.com/a</link></item></channel></rss>");

        assertThat(feed.entries().get(0).title()).isEqualTo("abcd");
        assertThat(feed.skipped()).isEmpty();
    }

    @Test
    void xhtmlDoctypeOnAFeedIsNotAnHtmlPage() throws ParseException {
        ParsedFeed feed = parse("<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\">"
                + "<rss><channel><title>found</title></channel></rss>");
        assertThat(feed.title()).isEqualTo("found");
    }

    @Test
    void unknownRootWithFeedShapeIsReadLeniently() throws ParseException {
        ParsedFeed feed = parse("<feed xmlns=\"http://example.com/newformat#\"><title>New</title>"
                + "<entry><title>e</title><link href=\"https://example.com/e\"/></entry></feed>");

        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/e");
        assertThat(feed.skipped()).containsExactly("feed: no RSS/Atom format matches <feed>; read leniently");
    }
}
