package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsvault.model.Entry;

/** The cases issue 14 found in a conformance suite of 441 feeds, one test each (strict and lenient paths). */
class ConformanceCasesTest {
    private static final String ATOM = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>";
    private static final String ATOM03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title>";

    private static ParsedFeed parse(String xml) throws ParseException {
        return new RomeFeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL);
    }

    /** The same feed with an undefined entity in it: not well-formed, so the lenient reader has it. */
    private static ParsedFeed parseLeniently(String xml) throws ParseException {
        ParsedFeed feed = parse(xml.replaceFirst("<title>t</title>", "<title>t &bogus;</title>"));
        assertThat(feed.skipped()).first().asString().contains("read leniently");
        return feed;
    }

    @Test
    void aNamespaceUriWithSpacesAroundItIsRead() throws ParseException {
        String xml = "<rss version=\"2.0\" xmlns:dc=\" http://purl.org/dc/elements/1.1/ \" xmlns:content='\thttp://purl.org/rss/1.0/modules/content/'>"
                + "<channel><title>NS</title><link>https://example.com/</link><item><title>One</title>"
                + "<link>https://example.com/1</link><dc:creator>Ann</dc:creator>"
                + "<content:encoded><![CDATA[<p>body</p>]]></content:encoded></item></channel></rss>";
        ParsedFeed feed = parse(xml);
        assertThat(feed.skipped()).isEmpty();
        Entry e = feed.entries().get(0);
        assertThat(e.author()).isEqualTo("Ann");
        assertThat(e.contentHtml()).isEqualTo("<p>body</p>");
    }

    @Test
    void aNamespaceUriJdomRefusesOtherwiseIsAClearErrorOrReadLeniently() throws ParseException {
        // "1x" is no legal namespace URI for JDOM: read leniently, never an IllegalNameException
        String xml = "<rss version=\"2.0\" xmlns:x=\"1x\"><channel><title>t</title><item><title>One</title>"
                + "<link>https://example.com/1</link></item></channel></rss>";
        ParsedFeed feed = parse(xml);
        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/1");
        assertThat(feed.skipped().get(0)).startsWith("feed: malformed XML: ").endsWith("; read leniently");
    }

    @Test
    void anAtomEntryWithoutLinkIsKeptByItsHttpId() throws ParseException {
        String xml = ATOM + "<entry><id>https://example.com/post/1</id><title>One</title></entry>"
                + "<entry><id>tag:example.com,2024:2</id><title>Two</title></entry></feed>";
        for (ParsedFeed feed : List.of(parse(xml), parseLeniently(xml))) {
            assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/post/1");
            assertThat(feed.skipped()).contains("item 2: unusable link \"tag:example.com,2024:2\"");
        }
    }

    @Test
    void anRssItemWithoutLinkIsKeptByItsGuidUnlessItIsNoPermalink() throws ParseException {
        String xml = "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><guid>https://example.com/g/1</guid><title>One</title></item>"
                + "<item><guid isPermaLink=\"true\">https://example.com/g/2</guid></item>"
                + "<item><guid isPermaLink=\"false\">https://example.com/g/3</guid></item>"
                + "<item><link>https://example.com/4</link><guid isPermaLink=\"false\">https://example.com/g/4</guid></item>"
                + "</channel></rss>";
        for (ParsedFeed feed : List.of(parse(xml), parseLeniently(xml))) {
            assertThat(feed.entries()).extracting(Entry::link)
                    .containsExactly("https://example.com/g/1", "https://example.com/g/2", "https://example.com/4");
            assertThat(feed.entries()).extracting(Entry::guid).last().isEqualTo("https://example.com/g/4");
            assertThat(feed.skipped()).contains("item 3: no link");
        }
    }

    @Test
    void htmlTitlesWithChildElementsKeepTheirText() throws ParseException {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">Feed <b>bold</b> title</title>"
                + "<entry><title type=\"html\">An <b>important</b> story &amp; more</title><link href=\"https://example.com/1\"/></entry>"
                + "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">An <i>xhtml</i> story</div></title>"
                + "<link href=\"https://example.com/2\"/></entry>"
                + "<entry><title type=\"text/html\">Media <em>type</em> html</title><link href=\"https://example.com/3\"/></entry>"
                + "<entry><title>Text <span>with</span> markup</title><link href=\"https://example.com/4\"/></entry>"
                + "</feed>";
        ParsedFeed feed = parse(xml);
        assertThat(feed.title()).isEqualTo("Feed bold title");
        assertThat(feed.entries()).extracting(Entry::title)
                .containsExactly("An important story & more", "An xhtml story", "Media type html", "Text with markup");
        assertThat(parse(ATOM03.replace("<title>t</title>", "") + "<entry><title mode=\"xml\" type=\"text/html\">"
                + "Atom <b>0.3</b></title><link rel=\"alternate\" href=\"https://example.com/1\"/></entry></feed>")
                .entries().get(0).title()).isEqualTo("Atom 0.3");
    }

    @Test
    void base64ContentIsDecoded() throws ParseException {
        String b64 = "RXhhbXBsZSA8Yj5BdG9tPC9iPg=="; // "Example <b>Atom</b>"
        ParsedFeed atom10 = parse(ATOM + "<entry><title type=\"application/octet-stream\">" + b64 + "</title>"
                + "<link href=\"https://example.com/1\"/><content type=\"application/octet-stream\">\n  " + b64
                + "\n</content><summary type=\"application/octet-stream\">" + b64 + "</summary></entry></feed>");
        Entry e = atom10.entries().get(0);
        assertThat(e.title()).isEqualTo("Example Atom");
        assertThat(e.contentHtml()).isEqualTo("Example <b>Atom</b>");
        assertThat(e.summaryHtml()).isEqualTo("Example <b>Atom</b>");

        ParsedFeed atom03 = parse(ATOM03 + "<entry><title mode=\"base64\">" + b64 + "</title>"
                + "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.com/1\"/>"
                + "<content mode=\"base64\" type=\"text/html\">" + b64 + "</content></entry></feed>");
        assertThat(atom03.entries().get(0).title()).isEqualTo("Example Atom");
        assertThat(atom03.entries().get(0).contentHtml()).isEqualTo("Example <b>Atom</b>");
    }

    @Test
    void base64IsDecodedByTheLenientReaderToo() throws ParseException {
        String b64 = "RXhhbXBsZSA8Yj5BdG9tPC9iPg==";
        ParsedFeed feed = parseLeniently(ATOM03 + "<entry><title mode=\"base64\">" + b64 + "</title>"
                + "<link rel=\"alternate\" href=\"https://example.com/1\"/><content mode=\"base64\" type=\"text/html\">" + b64
                + "</content><summary mode=\"base64\">" + b64 + "</summary></entry></feed>");
        Entry e = feed.entries().get(0);
        assertThat(e.title()).isEqualTo("Example Atom");
        assertThat(e.contentHtml()).isEqualTo("Example <b>Atom</b>");
        assertThat(e.summaryHtml()).isEqualTo("Example &lt;b&gt;Atom&lt;/b&gt;");
    }

    @Test
    void base64ThatIsNotTextIsNoBody() throws ParseException {
        ParsedFeed feed = parse(ATOM + "<entry><title>t</title><link href=\"https://example.com/1\"/>"
                + "<content type=\"image/png\">iVBORw0KGgoAAAANSUhEUg==</content></entry></feed>");
        assertThat(feed.entries().get(0).contentHtml()).isNull();
    }

    @Test
    void theAlternateLinkOfAnHtmlTypeIsChosen() throws ParseException {
        String xml = ATOM + "<link rel=\"self\" href=\"https://example.com/feed.xml\"/><link rel=\"alternate\" href=\"https://example.com/\"/>"
                + "<entry><id>tag:x,1</id><title>One</title>"
                + "<link rel=\"related\" href=\"https://example.com/related\"/>"
                + "<link rel=\"enclosure\" href=\"https://example.com/a.mp3\"/>"
                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://example.com/1.atom\"/>"
                + "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.com/1.html\"/></entry>"
                + "<entry><id>tag:x,2</id><title>Two</title><link rel=\"self\" href=\"https://example.com/2.xml\"/>"
                + "<link href=\"https://example.com/2.html\"/></entry>"
                + "<entry><id>tag:x,3</id><title>Three</title><link rel=\"enclosure\" type=\"text/html\">https://example.com/enc</link>"
                + "<link rel=\"alternate\" type=\"text/html\">https://example.com/3.html</link></entry></feed>";
        for (ParsedFeed feed : List.of(parse(xml), parseLeniently(xml))) {
            assertThat(feed.link()).isEqualTo("https://example.com/");
            assertThat(feed.entries()).extracting(Entry::link)
                    .containsExactly("https://example.com/1.html", "https://example.com/2.html", "https://example.com/3.html");
        }
    }

    @Test
    void aChannelWhoseOnlyLinkIsAnAtomAlternateHasIt() throws ParseException {
        String xml = "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>t</title>"
                + "<atom:link rel=\"self\" href=\"https://example.com/feed.xml\"/>"
                + "<atom:link rel=\"alternate\" type=\"text/html\" href=\"https://example.com/site\"/>"
                + "<item><title>One</title><atom:link rel=\"alternate\" href=\"https://example.com/1\"/></item>"
                + "</channel></rss>";
        for (ParsedFeed feed : List.of(parse(xml), parseLeniently(xml))) {
            assertThat(feed.link()).isEqualTo("https://example.com/site");
            assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/1");
        }
    }

    @Test
    void rfc822DatesInAtom03ElementsAreRead() throws ParseException {
        String xml = ATOM03
                + "<entry><title>a</title><link rel=\"alternate\" href=\"https://example.com/1\"/><issued>Thu, 01 Jan 2004 19:48:21 GMT</issued></entry>"
                + "<entry><title>b</title><link rel=\"alternate\" href=\"https://example.com/2\"/><modified>Wed, 11 Jun 2003 04:00:00 +0200</modified></entry>"
                + "<entry><title>c</title><link rel=\"alternate\" href=\"https://example.com/3\"/><created>Thu, 01 Jan 2004 19:48:21 EST</created></entry>"
                + "<entry><title>d</title><link rel=\"alternate\" href=\"https://example.com/4\"/><issued>2003-12-13T18:30:02Z</issued></entry>"
                + "</feed>";
        for (ParsedFeed feed : List.of(parse(xml), parseLeniently(xml))) {
            assertThat(feed.entries()).extracting(Entry::published).containsExactly(
                    Instant.parse("2004-01-01T19:48:21Z"), Instant.parse("2003-06-11T02:00:00Z"),
                    Instant.parse("2004-01-02T00:48:21Z"), Instant.parse("2003-12-13T18:30:02Z"));
        }
    }
}
