package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsvault.model.Entry;

/** Small real-world feeds copied from the shared corpora (provenance in resources/parse/real/README.md). */
class RealFeedsTest {

    @Test
    void rss092InLatin1() throws ParseException {
        ParsedFeed feed = Fixtures.parse("real/heraldsun.rss");
        assertThat(feed.title()).isEqualTo("RSS0.92 Example");
        assertThat(feed.entries()).extracting(Entry::link)
                .containsExactly("http://www.oreilly.com/example/001.html", "http://www.oreilly.com/example/002.html");
        assertThat(feed.entries().get(0).categories()).containsExactly("Business/Industries/Publishing/Publishers/Nonfiction/");
    }

    @Test
    void portugueseLatin1FeedDecodesAccents() throws ParseException {
        ParsedFeed feed = Fixtures.parse("real/uolNoticias.rss");
        assertThat(feed.entries()).hasSize(15);
        assertThat(feed.entries().get(0).title()).isEqualTo("Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno");
        assertThat(feed.entries()).allSatisfy(e -> assertThat(e.title()).doesNotContain("\uFFFD"));
    }

    @Test
    void youtubeAtomWithMediaGroup() throws ParseException {
        Entry e = Fixtures.parse("real/atom_mediarss_youtube_1.xml").entries().get(0);
        assertThat(e.link()).isEqualTo("https://www.youtube.com/watch?v=0A1ouV7iD8o");
        assertThat(e.author()).isEqualTo("PBS Space Time");
        assertThat(e.published()).isEqualTo(Instant.parse("2020-12-22T19:15:01Z"));
        assertThat(e.summaryHtml()).startsWith("Check Out Weathered on PBS Terra");
    }

    @Test
    void atomHtmlTitlesAndCdataContent() throws ParseException {
        ParsedFeed feed = Fixtures.parse("real/atom_xml_base.xml");
        Entry e = feed.entries().get(0);
        assertThat(feed.title()).isEqualTo("my cool website title");
        assertThat(e.link()).as("id is the permalink").isEqualTo("https://numi.st/post/2022/travel-uke");
        assertThat(e.contentHtml()).contains("<img src=\"IMG_1232.jpeg\" />");
    }

    @Test
    void unlabelledGb2312IsReadAsChinese() throws ParseException {
        ParsedFeed feed = Fixtures.parse("real/gb2312.xml");
        assertThat(feed.entries()).isEmpty();
        assertThat(feed.skipped()).containsExactly("item 1: no link");
        String text = FeedCharset.decode(Fixtures.bytes("real/gb2312.xml"), null).text();
        assertThat(text).contains("不归移民漫画系列：专业工作");
    }
}
