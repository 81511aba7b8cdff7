package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.newsvault.model.WorkBudget;

/** Each feed is read under a work budget: a deadline, an element cap, a nesting depth. */
class FeedBudgetTest {

    private static ParsedFeed parse(RomeFeedParser parser, String text) throws ParseException {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL);
    }

    private static final String ITEM = "<item><title>t</title><link>https://example.com/1</link></item>";

    @Test
    void theDeadlineStopsTheParsersAsTheyRead() {
        // a clock that moves a second on every reading: the 10 s deadline passes within the parse
        AtomicLong now = new AtomicLong();
        RomeFeedParser parser = new RomeFeedParser(() -> new WorkBudget(RomeFeedParser.FEED_TIME, RomeFeedParser.MAX_ELEMENTS,
                RomeFeedParser.MAX_DEPTH, () -> now.addAndGet(1_000_000_000L)));
        String big = "<rss version=\"2.0\"><channel><title>t</title>" + ITEM.repeat(20_000) + "</channel></rss>";
        assertThatThrownBy(() -> parse(parser, big)).isInstanceOf(ParseException.class)
                .hasMessage("feed too complex to process (over 10 s)");
        String broken = big.replace("<title>t</title>", "<title>t &bogus;</title>");
        assertThatThrownBy(() -> parse(parser, broken)).hasMessage("feed too complex to process (over 10 s)");
        String json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
                + "{\"url\": \"https://example.com/1\"},".repeat(20_000) + "{}]}";
        assertThatThrownBy(() -> parse(parser, json)).hasMessage("feed too complex to process (over 10 s)");
    }

    @Test
    void tooManyElementsIsRefusedBeforeParsing() {
        String many = "<rss version=\"2.0\"><channel><title>t</title>" + ITEM + "<i/>".repeat(RomeFeedParser.MAX_ELEMENTS)
                + "</channel></rss>";
        assertThatThrownBy(() -> parse(new RomeFeedParser(), many)).isInstanceOf(ParseException.class)
                .hasMessage("feed too complex to process (over 500000 elements)");
    }

    @Test
    void deepNestingIsAClearFailureOrReadAroundNeverAStackOverflow() throws ParseException {
        String deep = "<rss version=\"2.0\"><channel><title>t</title>" + ITEM + "<x>".repeat(50_000) + "</x>".repeat(50_000)
                + "</channel></rss>";
        ParsedFeed feed = parse(new RomeFeedParser(), deep);
        assertThat(feed.skipped().get(0)).contains("maxElementDepth").endsWith("; read leniently");
        assertThat(feed.entries()).hasSize(1);
        String deepItems = "<rss version=\"2.0\"><channel><title>t</title>" + "<item>".repeat(50_000) + "</channel></rss>";
        feed = parse(new RomeFeedParser(), deepItems);
        assertThat(feed.entries()).isEmpty();
        assertThat(feed.skipped()).hasSize(2).last().isEqualTo("item 1: truncated (feed ends inside the item)");
    }

    @Test
    void aHostileTitleIsCutBeforeItIsReadAsHtml() throws ParseException {
        String title = "&lt;b&gt;".repeat(100_000) + "x";
        ParsedFeed feed = parse(new RomeFeedParser(), "<rss version=\"2.0\"><channel><title>t</title><item><title>" + title
                + "</title><link>https://example.com/1</link></item></channel></rss>");
        assertThat(feed.entries().get(0).title()).isEmpty(); // the first 8,192 characters are only tags
        String text = "字".repeat(20_000);
        feed = parse(new RomeFeedParser(), "<rss version=\"2.0\"><channel><title>t</title><item><title>" + text
                + "</title><link>https://example.com/1</link></item></channel></rss>");
        assertThat(feed.entries().get(0).title()).hasSize(EntryMapper.MAX_TITLE);
    }
}
