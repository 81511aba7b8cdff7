package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.jdom2.JDOMException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.model.Entry;

class FeedSecurityTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setBody("<!ENTITY leak \"FETCHED\">FETCHED"));
        }
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void fileEntityNeverLeaks() throws ParseException {
        ParsedFeed feed = Fixtures.parse("xxe.xml");

        assertThat(feed.entries()).hasSize(1);
        assertThat(allText(feed)).doesNotContain("root:").doesNotContain("/bin/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE rss [<!ENTITY ext SYSTEM \"%s\">]>",
            "<!DOCTYPE rss [<!ENTITY %% p SYSTEM \"%s\"> %%p;]>",
            "<!DOCTYPE rss SYSTEM \"%s\">",
            "<!-- first a comment --><?pi x?>\n<!DOCTYPE rss PUBLIC \"-//x//y\" \"%s\" [<!ENTITY ext SYSTEM \"%s\">]>"})
    void externalEntitiesAndDtdsAreNeverFetched(String doctype) throws Exception {
        String url = server.url("/evil").toString();
        String xml = "<?xml version=\"1.0\"?>" + doctype.formatted(url, url)
                + "<rss version=\"2.0\"><channel><title>t &ext;</title><item><title>&ext;</title>"
                + "<link>https://example.com/x</link></item></channel></rss>";

        ParsedFeed feed = new RomeFeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, Fixtures.FEED_URL);

        assertThat(server.getRequestCount()).isZero();
        assertThat(allText(feed)).doesNotContain("FETCHED");
    }

    @Test
    void billionLaughsIsNotExpanded() {
        ParsedFeed feed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Fixtures.parse("billion-laughs.xml"));

        assertThat(feed.entries()).extracting(Entry::link).containsExactly("https://example.com/lol");
        assertThat(allText(feed).length()).isLessThan(1_000);
        assertThat(allText(feed)).doesNotContain("lollol");
    }

    @Test
    void strictParserRejectsAnyDoctypeThatGetsThrough() {
        String xml = "<!DOCTYPE rss [<!ENTITY a \"b\">]><rss>&a;</rss>";
        assertThatThrownBy(() -> SecureXml.parse(new StringReader(xml)))
                .isInstanceOf(JDOMException.class).hasMessageContaining("DOCTYPE");
    }

    private static String allText(ParsedFeed feed) {
        List<String> parts = new ArrayList<>();
        parts.add(feed.title());
        parts.add(feed.link());
        parts.addAll(feed.skipped());
        for (Entry e : feed.entries()) {
            parts.addAll(List.of(String.valueOf(e.guid()), e.link(), String.valueOf(e.title()), String.valueOf(e.author()),
                    String.valueOf(e.contentHtml()), String.valueOf(e.summaryHtml())));
            parts.addAll(e.categories());
        }
        return String.join("\n", parts.stream().map(String::valueOf).toList());
    }
}
