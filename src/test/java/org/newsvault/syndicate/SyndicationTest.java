package org.newsvault.syndicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsvault.store.ChangeRow;
import org.newsvault.store.Reading;
import org.newsvault.store.Reading.ChangeKind;
import org.newsvault.store.StatusEvent;

class SyndicationTest {
    private static final Instant T0 = Instant.parse("2024-06-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String HOSTILE = "<script>alert(1)</script> R&D \"引号\" & 习近平\u0001\u001b[2J";
    private static final Syndication FEEDS = new Syndication(URI.create("http://127.0.0.1:8080/"), CLOCK);

    private static final Reading.Listed A = new Reading.Listed(1, "rfa", "朝俄恢复共同防御条约", "自由亚洲电台", T0,
        T0.plusSeconds(600), "https://www.rfa.org/mandarin/a.html", "live", "full");
    private static final Reading.Listed B = new Reading.Listed(2, "dw", HOSTILE, null, T0.minusSeconds(60),
        T0.minusSeconds(30), "javascript:alert(1)", "deleted", "teaser");

    @Test
    void anOutletsAtomFeedHasStableIdsAbsoluteLinksAndTextTitles() throws Exception {
        Channel ch = Channel.outlet("rfa", "自由亚洲电台 & <b>RFA</b>").at("feeds/outlet/rfa.atom");
        String xml = FEEDS.atom(ch, List.of(A, B), null);
        assertThat(xml).doesNotContain("<script>", "<b>RFA").contains("&lt;script&gt;");

        Feed f = (Feed) new WireFeedInput().build(new StringReader(xml));
        assertThat(f.getFeedType()).isEqualTo("atom_1.0");
        assertThat(f.getId()).isEqualTo("urn:newsvault:feed:outlet:rfa");
        assertThat(f.getTitleEx().getType()).isEqualTo("text");
        assertThat(f.getTitleEx().getValue()).isEqualTo("自由亚洲电台 & <b>RFA</b>");
        assertThat(f.getUpdated()).isEqualTo(Date.from(T0.plusSeconds(600)));
        assertThat(f.getAlternateLinks()).extracting(Link::getHref).containsExactly("http://127.0.0.1:8080/outlet/rfa");
        assertThat(f.getOtherLinks()).extracting(Link::getRel, Link::getHref)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("self", "http://127.0.0.1:8080/feeds/outlet/rfa.atom"));

        List<Entry> entries = f.getEntries();
        assertThat(entries).extracting(Entry::getId).containsExactly("urn:newsvault:article:1", "urn:newsvault:article:2");
        Entry a = entries.get(0);
        assertThat(a.getTitleEx().getValue()).isEqualTo("朝俄恢复共同防御条约");
        assertThat(a.getAlternateLinks()).extracting(Link::getHref).containsExactly("http://127.0.0.1:8080/article/1");
        assertThat(a.getOtherLinks()).extracting(Link::getRel, Link::getHref)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("related", "https://www.rfa.org/mandarin/a.html"));
        assertThat(a.getPublished()).isEqualTo(Date.from(T0));
        assertThat(a.getUpdated()).isEqualTo(Date.from(T0.plusSeconds(600)));
        assertThat(a.getAuthors().get(0).getName()).isEqualTo("自由亚洲电台");
        assertThat(a.getContents()).isEmpty();

        Entry b = entries.get(1);
        // the title is the archived text, less what XML cannot carry; escaped, not interpreted
        assertThat(b.getTitleEx().getValue()).isEqualTo("<script>alert(1)</script> R&D \"引号\" & 习近平[2J");
        assertThat(b.getOtherLinks()).as("a javascript: URL is no link").isEmpty();
        assertThat(b.getCategories()).extracting(c -> c.getTerm()).containsExactly("dw", "deleted", "teaser");

        SyndFeed synd = new SyndFeedInput().build(new StringReader(xml));
        assertThat(synd.getEntries()).extracting(SyndEntry::getTitle)
            .containsExactly("朝俄恢复共同防御条约", "<script>alert(1)</script> R&D \"引号\" & 习近平[2J");
        assertThat(synd.getEntries().get(0).getLink()).isEqualTo("http://127.0.0.1:8080/article/1");
    }

    @Test
    void theSanitizedBodyGoesOutOnlyWhenAskedFor() throws Exception {
        Map<Long, String> bodies = Map.of(1L, "<p>正文 &amp; <a href=\"https://www.rfa.org/x\">链接</a></p>");
        String xml = FEEDS.atom(Channel.day(LocalDate.parse("2024-06-20"), "2024-06-20").at("feeds/day/2024-06-20.atom"),
            List.of(A, B), bodies::get);
        Feed f = (Feed) new WireFeedInput().build(new StringReader(xml));
        assertThat(f.getId()).isEqualTo("urn:newsvault:feed:day:2024-06-20");
        Entry a = f.getEntries().get(0);
        assertThat(a.getContents()).hasSize(1);
        assertThat(a.getContents().get(0).getType()).isEqualTo("html");
        assertThat(a.getContents().get(0).getValue()).isEqualTo(bodies.get(1L));
        assertThat(f.getEntries().get(1).getContents()).isEmpty();

        JsonNode j = new ObjectMapper().readTree(FEEDS.jsonFeed(Channel.day(LocalDate.parse("2024-06-20"), "d"), List.of(A, B),
            bodies::get));
        assertThat(j.get("items").get(0).get("content_html").asText()).isEqualTo(bodies.get(1L));
        assertThat(j.get("items").get(1).has("content_html")).isFalse();
        assertThat(j.get("items").get(1).get("content_text").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void jsonFeedCarriesTheSameEntries() throws Exception {
        String json = FEEDS.jsonFeed(Channel.outlet("rfa", "自由亚洲电台").at("feeds/outlet/rfa.json"), List.of(A, B), null);
        assertThat(json).doesNotContain("\u001b", "\u0001");
        JsonNode f = new ObjectMapper().readTree(json);
        assertThat(f.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(f.get("title").asText()).isEqualTo("自由亚洲电台");
        assertThat(f.get("home_page_url").asText()).isEqualTo("http://127.0.0.1:8080/outlet/rfa");
        assertThat(f.get("feed_url").asText()).isEqualTo("http://127.0.0.1:8080/feeds/outlet/rfa.json");
        JsonNode a = f.get("items").get(0);
        assertThat(a.get("id").asText()).isEqualTo("urn:newsvault:article:1");
        assertThat(a.get("url").asText()).isEqualTo("http://127.0.0.1:8080/article/1");
        assertThat(a.get("external_url").asText()).isEqualTo("https://www.rfa.org/mandarin/a.html");
        assertThat(a.get("title").asText()).isEqualTo("朝俄恢复共同防御条约");
        assertThat(a.get("content_text").asText()).isEqualTo("朝俄恢复共同防御条约");
        assertThat(a.get("date_published").asText()).isEqualTo("2024-06-20T10:00:00Z");
        assertThat(a.get("date_modified").asText()).isEqualTo("2024-06-20T10:10:00Z");
        assertThat(a.get("authors").get(0).get("name").asText()).isEqualTo("自由亚洲电台");
        assertThat(a.get("tags").get(0).asText()).isEqualTo("rfa");
        JsonNode b = f.get("items").get(1);
        assertThat(b.get("title").asText()).isEqualTo(HOSTILE);
        assertThat(b.has("external_url")).isFalse();
        assertThat(b.has("authors")).isFalse();
    }

    @Test
    void theChangesFeedListsEachChangeWithItsEvidence() throws Exception {
        Reading.Change deleted = new Reading.Change(ChangeKind.DELETED, new ChangeRow(new StatusEvent(7, T0.plusSeconds(90),
            "deleted", 404, "https://www.rfa.org/mandarin/", "HTTP 404 (2 consecutive checks)"), "rfa", HOSTILE,
            "https://www.rfa.org/mandarin/b.html"));
        Reading.Change edited = new Reading.Change(ChangeKind.EDITED, new ChangeRow(new StatusEvent(8, T0, "edited", 200,
            "https://www.dw.com/zh/c", "revision 2: title changed"), "dw", "新标题", "https://www.dw.com/zh/c"));
        Channel ch = Channel.changes("kind=deleted", "删除").at("feeds/changes.atom?kind=deleted");
        String xml = FEEDS.atomOfChanges(ch, List.of(deleted, edited));
        Feed f = (Feed) new WireFeedInput().build(new StringReader(xml));
        assertThat(f.getId()).isEqualTo("urn:newsvault:feed:changes:kind%3Ddeleted");
        assertThat(f.getUpdated()).isEqualTo(Date.from(T0.plusSeconds(90)));
        assertThat(f.getAlternateLinks().get(0).getHref()).isEqualTo("http://127.0.0.1:8080/changes?kind=deleted");
        assertThat(f.getOtherLinks().get(0).getHref()).isEqualTo("http://127.0.0.1:8080/feeds/changes.atom?kind=deleted");
        Entry d = f.getEntries().get(0);
        assertThat(d.getId()).isEqualTo("urn:newsvault:change:7:" + T0.plusSeconds(90).toEpochMilli() + ":deleted")
            .isEqualTo(Syndication.changeId(deleted));
        assertThat(d.getTitleEx().getValue()).isEqualTo("Deleted: <script>alert(1)</script> R&D \"引号\" & 习近平[2J");
        assertThat(d.getSummary().getType()).isEqualTo("text");
        assertThat(d.getSummary().getValue())
            .isEqualTo("HTTP 404 (2 consecutive checks); HTTP 404; final URL https://www.rfa.org/mandarin/");
        assertThat(d.getAlternateLinks().get(0).getHref()).isEqualTo("http://127.0.0.1:8080/article/7");
        assertThat(d.getUpdated()).isEqualTo(Date.from(T0.plusSeconds(90)));
        assertThat(d.getCategories()).extracting(c -> c.getTerm()).containsExactly("rfa", "deleted");
        assertThat(f.getEntries().get(1).getSummary().getValue()).isEqualTo("revision 2: title changed; HTTP 200");

        var zh = FEEDS.withLabels(k -> switch (k) {
            case EDITED -> "已修改";
            case DELETED -> "已删除";
            case RETURNED -> "已恢复";
        });
        JsonNode j = new ObjectMapper().readTree(zh.jsonFeedOfChanges(ch.at("feeds/changes.json?kind=deleted"),
            List.of(deleted, edited)));
        assertThat(j.get("items").get(1).get("title").asText()).isEqualTo("已修改: 新标题");
        assertThat(j.get("items").get(0).get("id").asText()).isEqualTo(Syndication.changeId(deleted));
        assertThat(j.get("items").get(0).get("content_text").asText()).startsWith("HTTP 404 (2 consecutive checks)");
        assertThat(j.get("items").get(0).get("date_published").asText()).isEqualTo("2024-06-20T10:01:30Z");
    }

    @Test
    void anEmptyFeedIsUpdatedNowAndStillValid() throws Exception {
        Feed f = (Feed) new WireFeedInput().build(new StringReader(FEEDS.atom(Channel.search("q=%E4%B9%A0", "search"),
            List.of(), null)));
        assertThat(f.getEntries()).isEmpty();
        assertThat(f.getUpdated()).isEqualTo(Date.from(CLOCK.instant()));
        assertThat(f.getId()).isEqualTo("urn:newsvault:feed:search:q%3D%25E4%25B9%25A0");
        assertThat(f.getAlternateLinks().get(0).getHref()).isEqualTo("http://127.0.0.1:8080/search?q=%E4%B9%A0");
        assertThat(new ObjectMapper().readTree(FEEDS.jsonFeedOfChanges(Channel.changes("", "all"), List.of()))
            .get("items")).isEmpty();
    }

    @Test
    void linksStayUnderABaseWithAPath() {
        var under = new Syndication(URI.create("https://example.org/archive"), CLOCK);
        assertThat(under.url("article/5")).isEqualTo("https://example.org/archive/article/5");
        assertThat(under.url("/outlet/rfa")).isEqualTo("https://example.org/archive/outlet/rfa");
        assertThat(new Syndication(URI.create("http://h:8080"), CLOCK).url("article/5")).isEqualTo("http://h:8080/article/5");
        assertThatThrownBy(() -> new Syndication(URI.create("/relative"), CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Syndication(URI.create("file:///etc/"), CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xmlTextDropsOnlyWhatXmlCannotCarry() {
        assertThat(XmlText.of("a\u0000b\u0008c\td\ne\rf\uFFFEg\uD800h\uD83D\uDE00i")).isEqualTo("abc\td\ne\rfgh\uD83D\uDE00i");
        assertThat(XmlText.of("习近平")).isEqualTo("习近平");
        assertThat(XmlText.of(null)).isNull();
    }
}
