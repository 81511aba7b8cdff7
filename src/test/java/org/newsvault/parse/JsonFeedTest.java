package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.model.Entry;

/** JSON Feed 1.0 and 1.1 into the same entries as RSS and Atom. */
class JsonFeedTest {

    private static ParsedFeed parse(String json, String contentType) throws ParseException {
        return new RomeFeedParser().parse(json.getBytes(StandardCharsets.UTF_8), contentType, Fixtures.FEED_URL);
    }

    private static ParsedFeed parse(String json) throws ParseException {
        return parse(json, "application/feed+json");
    }

    @Test
    void version11MapsEveryField() throws ParseException {
        ParsedFeed feed = parse("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "Blog &#8211; Example",
                 "home_page_url": "https://example.org/", "feed_url": "https://example.org/feed.json",
                 "authors": [{"name": "Feed Author"}],
                 "items": [
                   {"id": "1", "url": "https://example.org/1", "title": "First &amp; best",
                    "content_html": "<p>Hello</p>", "summary": "a < b",
                    "date_published": "2024-05-06T07:08:09+02:00", "date_modified": "2024-05-07T00:00:00Z",
                    "authors": [{"url": "https://example.org/nobody"}, {"name": "Ann"}], "tags": ["中国", "人权", "中国"]},
                   {"id": "https://example.org/2", "title": "Only an id", "content_text": "Line one\\nline two\\n\\nSecond <para>",
                    "date_modified": "Fri, 31 May 2019 12:17:58 -0700"},
                   {"id": "3", "external_url": "https://elsewhere.example/3", "content_text": "linked"},
                   {"id": "4", "title": "No URL at all"}
                 ]}""");
        assertThat(feed.title()).isEqualTo("Blog – Example");
        assertThat(feed.link()).isEqualTo("https://example.org/");

        Entry first = feed.entries().get(0);
        assertThat(first.guid()).isEqualTo("1");
        assertThat(first.link()).isEqualTo("https://example.org/1");
        assertThat(first.title()).isEqualTo("First & best");
        assertThat(first.contentHtml()).isEqualTo("<p>Hello</p>");
        assertThat(first.summaryHtml()).isEqualTo("a &lt; b");
        assertThat(first.published()).isEqualTo(Instant.parse("2024-05-06T05:08:09Z"));
        assertThat(first.author()).isEqualTo("Ann");
        assertThat(first.categories()).containsExactly("中国", "人权");

        Entry second = feed.entries().get(1);
        assertThat(second.link()).isEqualTo("https://example.org/2");
        assertThat(second.contentHtml()).isEqualTo("<p>Line one<br>\nline two</p>\n<p>Second &lt;para&gt;</p>");
        assertThat(second.published()).as("date_modified, in RFC 822").isEqualTo(Instant.parse("2019-05-31T19:17:58Z"));
        assertThat(second.author()).as("the feed's author").isEqualTo("Feed Author");

        assertThat(feed.entries().get(2).link()).isEqualTo("https://elsewhere.example/3");
        assertThat(feed.entries()).hasSize(3);
        assertThat(feed.skipped()).containsExactly("item 4: no link");
    }

    @Test
    void version10AuthorAndNumericIds() throws ParseException {
        ParsedFeed feed = parse("""
                {"version": "https://jsonfeed.org/version/1", "title": "One oh",
                 "author": {"name": "Feed Person"},
                 "items": [{"id": 42, "url": "https://example.org/42", "title": "x", "author": {"name": "Item Person"}},
                           {"id": 43, "url": "https://example.org/43"}]}""");
        assertThat(feed.entries()).extracting(Entry::guid).containsExactly("42", "43");
        assertThat(feed.entries()).extracting(Entry::author).containsExactly("Item Person", "Feed Person");
    }

    @Test
    void imagesAndAttachmentsTheBodyDoesNotNameAreAddedToIt() throws ParseException {
        ParsedFeed feed = parse("""
                {"version": "https://jsonfeed.org/version/1.1", "items": [
                  {"id": "1", "url": "https://example.org/1", "content_html": "<p>Text</p>",
                   "image": "https://example.org/lead.jpg", "banner_image": "https://example.org/banner.jpg",
                   "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg", "title": "Episode <1>"},
                                   {"url": "javascript:alert(1)", "mime_type": "text/html"}, "junk"]},
                  {"id": "2", "url": "https://example.org/2", "content_html": "<p><img src=\\"https://example.org/lead.jpg\\"></p>",
                   "image": "https://example.org/lead.jpg"},
                  {"id": "3", "url": "https://example.org/3", "image": "https://example.org/only.jpg"}]}""");
        assertThat(feed.entries().get(0).contentHtml()).isEqualTo("""
                <p><img src="https://example.org/lead.jpg" alt=""></p>
                <p><img src="https://example.org/banner.jpg" alt=""></p>
                <p>Text</p>
                <ul class="attachments">
                <li><a href="https://example.org/a.mp3">Episode &lt;1&gt;</a> (audio/mpeg)</li>
                </ul>""");
        assertThat(feed.entries().get(1).contentHtml()).isEqualTo("<p><img src=\"https://example.org/lead.jpg\"></p>");
        assertThat(feed.entries().get(2).contentHtml()).isEqualTo("<p><img src=\"https://example.org/only.jpg\" alt=\"\"></p>\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/feed+json", "application/json", "text/plain", "application/rss+xml"})
    void theBodyDecidesWhateverTheContentType(String contentType) throws ParseException {
        ParsedFeed feed = parse("\uFEFF\n {\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": "
                + "[{\"id\": \"1\", \"url\": \"https://example.org/1\"}]}", contentType);
        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.org/1");
    }

    @Test
    void anXmlBodyServedAsJsonIsStillXml() throws ParseException {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>t</title><item><link>https://example.org/1</link>"
                + "</item></channel></rss>", "application/feed+json");
        assertThat(feed.entries()).hasSize(1);
    }

    @Test
    void valuesOfTheWrongTypeAreAbsentAndBadItemsSkipped() throws ParseException {
        ParsedFeed feed = parse("""
                {"version": "https://jsonfeed.org/version/1.1", "title": ["not", "text"],
                 "items": [7, null, {"id": {"x": 1}, "url": "https://example.org/1", "title": {"t": 1},
                  "content_html": false, "tags": [1, {"x": 2}, "ok"], "authors": "nobody", "date_published": "yesterday"}]}""");
        assertThat(feed.title()).isNull();
        assertThat(feed.skipped()).containsExactly("item 1: not a JSON object", "item 2: not a JSON object");
        Entry e = feed.entries().get(0);
        assertThat(e.guid()).isNull();
        assertThat(e.title()).isNull();
        assertThat(e.contentHtml()).isNull();
        assertThat(e.categories()).containsExactly("1", "ok");
        assertThat(e.published()).isNull();
        assertThat(parse("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": {}}").skipped())
                .containsExactly("feed: \"items\" is not a list");
    }

    @Test
    void hostileJsonIsAOneLineFailure() {
        String deep = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"_x\": " + "[".repeat(100_000);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ParseException.class)
                .hasMessage("not a JSON Feed: too complex to read (Document nesting depth (65) exceeds the maximum allowed (64))");
        String hugeNumber = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": " + "9".repeat(5_000) + "}]}";
        assertThatThrownBy(() -> parse(hugeNumber)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("not a JSON Feed: too complex to read (Number value length (5000) exceeds the maximum");
        assertThatThrownBy(() -> parse("{\"version\": \"https://jsonfeed.org/version/1.1\"} {\"more\": 1}"))
                .hasMessage("not a JSON Feed: text after the JSON value");
    }

    @Test
    void contentHtmlIsFeedHtmlForTheSanitizerLikeAnyOther() throws ParseException {
        // The parse stage keeps the body as written; poll's article stage sanitizes it (it.JsonFeedPollTest).
        Entry e = parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"url\": \"https://example.org/1\","
                + "\"content_html\": \"<p>ok</p><script>alert(1)</script>\"}]}").entries().get(0);
        assertThat(e.contentHtml()).isEqualTo("<p>ok</p><script>alert(1)</script>");
    }
}
