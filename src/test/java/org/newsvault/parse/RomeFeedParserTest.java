package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.Entry;

class RomeFeedParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            rss20.xml  | 自由亚洲电台 & Friends | https://www.rfa.org/mandarin | rfa-0001                  | https://www.rfa.org/mandarin/a-1.html  | 标题一 & more     | 记者 王明       | 2024-01-02T02:00:00Z
            rdf10.xml  | RDF Channel          | https://example.org/         | https://example.org/rdf/1 | https://example.org/rdf/1              | RDF item          | Dublin Creator | 2023-05-06T07:08:09Z
            atom10.xml | DW 中文               | https://www.dw.com/zh/       | tag:dw.com,2024:a-123     | https://www.dw.com/zh/articles/a-123   | 德国 新闻 & 评论    | 作者甲          | 2024-03-01T07:30:00Z
            atom03.xml | Atom 0.3 feed        | http://example.org/          | tag:example.org,2003:3.2397 | http://example.org/2003/12/13/atom03 | Atom 0.3 entry    | Mark           | 2003-12-13T18:30:02Z
            rss091.xml | Netscape 0.91        | http://example.com/          | -                         | http://example.com/cafe.html           | Café déjà vu — olé | -             | -
            """)
    void readsEachFormat(String fixture, String feedTitle, String feedLink, String guid, String link, String title,
                         String author, String published) throws ParseException {
        ParsedFeed feed = Fixtures.parse(fixture);

        assertThat(feed.title()).isEqualTo(feedTitle);
        assertThat(feed.link()).isEqualTo(feedLink);
        Entry first = feed.entries().get(0);
        assertThat(first.guid()).isEqualTo(guid);
        assertThat(first.link()).isEqualTo(link);
        assertThat(first.title()).isEqualTo(title);
        assertThat(first.author()).isEqualTo(author);
        assertThat(first.published()).isEqualTo(published == null ? null : Instant.parse(published));
    }

    @Test
    void rss20MapsContentSummaryCategoriesAndSkipsLinklessItems() throws ParseException {
        ParsedFeed feed = Fixtures.parse("rss20.xml");

        Entry first = feed.entries().get(0);
        assertThat(first.contentHtml()).isEqualTo("<p>全文 <b>正文</b></p>");
        assertThat(first.summaryHtml()).isEqualTo("<p>摘要</p>");
        assertThat(first.categories()).containsExactly("中国", "人权");
        assertThat(feed.entries()).extracting(Entry::title)
                .containsExactly("标题一 & more", "Bold title", "No date, relative link", "Media only");
        assertThat(feed.skipped()).containsExactly("item 5: no link", "item 6: unusable link \"javascript:alert(1)\"");
    }

    @Test
    void rss20UsesGuidUrlWhenThereIsNoLink() throws ParseException {
        Entry e = Fixtures.parse("rss20.xml").entries().get(1);
        assertThat(e.link()).isEqualTo("https://www.rfa.org/mandarin/guid-only.html");
        assertThat(e.title()).isEqualTo("Bold title");
    }

    @Test
    void relativeLinkResolvesAgainstFeedUrlAndBadDateIsNull() throws ParseException {
        Entry e = Fixtures.parse("rss20.xml").entries().get(2);
        assertThat(e.link()).isEqualTo("https://feeds.example.com/mandarin/relative.html");
        assertThat(e.published()).isNull();
    }

    @Test
    void mediaDescriptionIsTheSummaryWhenThereIsNoDescription() throws ParseException {
        Entry e = Fixtures.parse("rss20.xml").entries().get(3);
        assertThat(e.summaryHtml()).isEqualTo("a &lt; b &amp; c");
        assertThat(e.contentHtml()).isNull();
    }

    @Test
    void atomResolvesXmlBaseKeepsXhtmlAndEscapesTextConstructs() throws ParseException {
        List<Entry> entries = Fixtures.parse("atom10.xml").entries();

        Entry first = entries.get(0);
        assertThat(first.contentHtml()).contains("<p>XHTML <b>body</b></p>");
        assertThat(first.summaryHtml()).isEqualTo("1 &lt; 2 &amp; text");
        assertThat(first.categories()).containsExactly("Politik");
        Entry second = entries.get(1);
        assertThat(second.published()).as("updated when there is no published").isEqualTo(Instant.parse("2024-03-03T10:00:00Z"));
        assertThat(second.contentHtml()).isEqualTo("plain &lt;text&gt;");
    }

    @Test
    void atom03EscapedContentIsHtml() throws ParseException {
        Entry e = Fixtures.parse("atom03.xml").entries().get(0);
        assertThat(e.contentHtml()).isEqualTo("<p>Escaped <b>HTML</b></p>");
    }

    @Test
    void oneBadItemNeverStopsTheOthers() throws ParseException {
        ParsedFeed feed = Fixtures.parse("broken-item.xml");

        assertThat(feed.entries()).extracting(Entry::link)
                .containsExactly("https://example.com/1", "https://example.com/2", "https://example.com/3");
        assertThat(feed.entries().get(1).published()).isNull();
        assertThat(feed.skipped()).containsExactly("item 2: no link", "item 4: unusable link \"ftp://example.com/file\"");
    }

    @Test
    void withoutFeedUrlRelativeLinksAreSkippedWithReason() throws ParseException {
        ParsedFeed feed = new RomeFeedParser().parse(Fixtures.bytes("rss20.xml"), null, null);
        assertThat(feed.skipped()).contains("item 3: relative link \"/mandarin/relative.html\" and no feed URL");
    }

    @Test
    void atomHtmlLeftUnescapedIsKeptAsMarkup() throws ParseException {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><link href=\"https://x.example/1\"/>"
                + "<content type=\"text/html\"><a href=\"https://x.example/1\">body</a> text</content></entry></feed>";
        Entry e = new RomeFeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL).entries().get(0);
        assertThat(e.contentHtml()).isEqualTo("<a href=\"https://x.example/1\">body</a> text");
    }

    @Test
    void dcDescriptionIsTheSummaryWhenThereIsNoDescription() throws ParseException {
        String xml = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item><title>t</title>"
                + "<link>https://x.example/1</link><dc:description>DC text</dc:description></item></channel></rss>";
        Entry e = new RomeFeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL).entries().get(0);
        assertThat(e.summaryHtml()).isEqualTo("DC text");
    }

    @Test
    void isThreadSafe() throws Exception {
        RomeFeedParser parser = new RomeFeedParser();
        List<String> names = List.of("rss20.xml", "rdf10.xml", "atom10.xml", "atom03.xml", "rss091.xml", "truncated.xml");
        List<ParsedFeed> expected = new ArrayList<>();
        for (String n : names) expected.add(parser.parse(Fixtures.bytes(n), null, Fixtures.FEED_URL));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ParsedFeed>> jobs = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (String n : names) jobs.add(() -> parser.parse(Fixtures.bytes(n), null, Fixtures.FEED_URL));
            }
            List<Future<ParsedFeed>> results = pool.invokeAll(jobs);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % names.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
