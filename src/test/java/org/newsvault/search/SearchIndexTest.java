package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    SearchIndex index;

    @BeforeEach
    void setUp() {
        index = SearchIndex.open(dir.resolve("index"), SearchIndex.Options.manual(CLOCK));
        Headlines.ALL.forEach(index::add);
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private List<Long> ids(String text) {
        return ids(SearchQuery.of(text));
    }

    private List<Long> ids(SearchQuery q) {
        return index.search(q).hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void aTraditionalQueryFindsTheSimplifiedArticle() {
        assertThat(ids("習近平")).containsExactly(1L);
        assertThat(ids("习近平")).containsExactly(1L);
        assertThat(ids("香港國安法")).containsExactlyInAnyOrder(2L);
        assertThat(ids("澳門 賭博")).containsExactly(1L);
    }

    @Test
    void aSimplifiedQueryFindsTheTraditionalArticleAndMarksTheOriginalText() {
        SearchResult r = index.search(SearchQuery.of("德国警方担忧"));
        assertThat(r.hits()).extracting(SearchHit::id).containsExactly(4L);
        SearchHit hit = r.hits().get(0);
        assertThat(hit.title()).isEqualTo("德國警方擔憂：偽造疫苗接種證明難以識別");
        assertThat(hit.titleSnippet().html()).isEqualTo("<mark>德國警方擔憂</mark>：偽造疫苗接種證明難以識別");
        assertThat(hit.bodySnippet().html()).startsWith("<mark>德國警方擔憂</mark>");
        assertThat(ids("伪造 疫苗")).containsExactly(4L);
    }

    @Test
    void aSingleCharacterFindsItInsideWords() {
        assertThat(ids("澳")).containsExactly(1L);
        assertThat(ids("賭")).containsExactly(1L);
        assertThat(ids("条")).containsExactly(1L); // the last character of 萧条, in the title only
        assertThat(ids("锋")).containsExactly(2L); // the middle of 黄之锋留在
        assertThat(ids("聪 伦")).containsExactly(2L);
        assertThat(ids("港")).containsExactlyInAnyOrder(2L, 3L, 7L, 8L);
    }

    @Test
    void aPhraseMatchesAdjacentTextOnlyWhileWordsMatchAnywhere() {
        assertThat(ids("\"香港国安法\"")).containsExactly(2L);
        assertThat(ids("香港 国安法")).containsExactlyInAnyOrder(2L, 3L, 7L);
        // A space in a phrase separates words that follow each other with only spaces or punctuation
        // between them (香港《国安法》); typed without the space it is the text as written (香港国安法).
        assertThat(ids("\"香港 国安法\"")).containsExactly(3L);
        assertThat(ids("\"罗冠聪 伦敦\"")).isEmpty();
        assertThat(ids("罗冠聪 伦敦")).containsExactly(2L);
        assertThat(ids("\"罗冠聪流亡伦敦\"")).containsExactly(2L);
        assertThat(ids("\"hong kong\"")).containsExactly(8L);
        assertThat(ids("\"kong hong\"")).isEmpty();
        assertThat(ids("kong hong")).containsExactly(8L);
    }

    @Test
    void latinWordsAndMixedQueries() {
        assertThat(ids("IMF")).containsExactly(6L);
        assertThat(ids("imf")).containsExactly(6L);
        assertThat(ids("ＩＭＦ")).containsExactly(6L);
        assertThat(ids("monetary fund economy")).containsExactly(6L);
        assertThat(ids("BNO 港人")).containsExactly(8L);
        assertThat(ids("G7 中國 台海")).containsExactly(5L);
        assertThat(ids("IMF 香港")).isEmpty();
        assertThat(ids("IMF | BNO")).containsExactlyInAnyOrder(6L, 8L);
        assertThat(ids("香港 -国安法")).containsExactlyInAnyOrder(8L);
        assertThat(ids("-香港")).containsExactlyInAnyOrder(1L, 4L, 5L, 6L);
    }

    @Test
    void filtersByOutletDateRangeAndStatus() {
        index.add(Headlines.withStatus(Headlines.LAW_SANCTIONS, "deleted"));
        SearchQuery q = SearchQuery.of("香港");
        assertThat(ids(q.withOutlets(Set.of("dw-chinese")))).containsExactly(8L);
        assertThat(ids(q.withOutlets(Set.of("bbc-zhongwen", "dw-chinese")))).containsExactlyInAnyOrder(2L, 3L, 7L, 8L);
        assertThat(ids(q.withStatuses(Set.of("deleted")))).containsExactly(3L);
        assertThat(ids(q.withStatuses(Set.of("live", "edited")))).containsExactlyInAnyOrder(2L, 7L, 8L);
        // from inclusive, until exclusive
        assertThat(ids(q.withPublished(Instant.parse("2020-07-23T10:53:36Z"), Instant.parse("2020-08-08T02:00:00Z"))))
                .containsExactlyInAnyOrder(7L, 8L);
        assertThat(ids(q.withPublished(Instant.parse("2020-08-01T00:00:00Z"), null))).containsExactlyInAnyOrder(3L, 7L);
        assertThat(ids(q.withPublished(null, Instant.parse("2020-07-04T00:00:00Z")))).containsExactly(2L);
        assertThat(ids(q.withPublished(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")))).isEmpty();
    }

    @Test
    void aBlankQueryListsEverythingTheFiltersLetThroughNewestFirst() {
        SearchResult r = index.search(SearchQuery.of("").withOutlets(Set.of("dw-chinese")));
        assertThat(r.hits()).extracting(SearchHit::id).containsExactly(5L, 4L, 8L);
        assertThat(r.hits().get(0).bodySnippet().text()).isEqualTo("七国集团峰会公报提到台海和平。");
        assertThat(r.hits().get(0).titleSnippet().matches()).isEmpty();
    }

    @Test
    void newestFirstOrRelevance() {
        assertThat(ids(SearchQuery.of("香港").withOrder(SearchQuery.Order.NEWEST))).containsExactly(3L, 7L, 8L, 2L);
        // The title match counts more than a mention in the body; more mentions count more.
        index.add(Headlines.doc(20, "voa-chinese", "经济新闻", "提到一次澳门。", "2030-01-01T00:00:00Z"));
        SearchResult r = index.search(SearchQuery.of("澳门"));
        assertThat(r.hits()).extracting(SearchHit::id).containsExactly(1L, 20L);
        assertThat(r.hits().get(0).score()).isGreaterThan(r.hits().get(1).score());
        assertThat(index.search(SearchQuery.of("澳门").withOrder(SearchQuery.Order.NEWEST)).hits())
                .extracting(SearchHit::id).containsExactly(20L, 1L);
    }

    @Test
    void pagesCoverEveryHitOnceWithTheTotal() {
        for (int i = 0; i < 25; i++) {
            index.add(Headlines.doc(100 + i, "voa-chinese", "新冠疫情 第" + i + "天", "疫情报道",
                    Instant.parse("2020-03-01T00:00:00Z").plusSeconds(3600L * i).toString()));
        }
        Set<Long> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            SearchResult page = index.search(SearchQuery.of("疫情").withOrder(SearchQuery.Order.NEWEST).withPage(offset, 10));
            assertThat(page.total()).isEqualTo(25);
            assertThat(page.totalExact()).isTrue();
            assertThat(page.hasMore()).isEqualTo(offset < 20);
            page.hits().forEach(h -> order.add(h.id()));
            page.hits().forEach(h -> assertThat(seen.add(h.id())).isTrue());
        }
        assertThat(order).hasSize(25).first().isEqualTo(124L);
        assertThat(order).last().isEqualTo(100L);
        assertThat(index.search(SearchQuery.of("疫情").withPage(0, 0)).total()).isEqualTo(25);
        assertThat(index.search(SearchQuery.of("疫情").withPage(40, 10)).hits()).isEmpty();
    }

    @Test
    void hostileTextInAnArticleComesOutEscaped() {
        index.add(new SearchDocument(30, "bbc-zhongwen", "<img src=x onerror=alert(1)>习近平",
                "", "<script>alert(document.cookie)</script>据报道，习近平&nbsp;出席了会议。</p><b onclick=x>", List.of(),
                Instant.parse("2030-01-01T00:00:00Z"), "live", "full"));
        SearchHit hit = index.search(SearchQuery.of("習近平").withOrder(SearchQuery.Order.NEWEST)).hits().get(0);
        assertThat(hit.id()).isEqualTo(30L);
        String body = hit.bodySnippet().html();
        assertThat(body).doesNotContain("<script", "<b ", "</p>")
                .contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;", "<mark>习近平</mark>&amp;nbsp;");
        assertThat(hit.titleSnippet().html()).isEqualTo("&lt;img src=x onerror=alert(1)&gt;<mark>习近平</mark>");
        Snippet plain = hit.bodySnippet();
        assertThat(plain.matches()).hasSize(1);
        Snippet.Range m = plain.matches().get(0);
        assertThat(plain.text().substring(m.start(), m.end())).isEqualTo("习近平");
    }

    @Test
    void aLongBodyGivesAShortSnippetAroundTheMatch() {
        String filler = "这是一段没有句号的很长的文字".repeat(500);
        index.add(Headlines.doc(40, "dw-chinese", "长文", filler + "关键发现" + filler, "2030-01-01T00:00:00Z"));
        Snippet s = index.search(SearchQuery.of("关键发现")).hits().get(0).bodySnippet();
        assertThat(s.text().length()).isLessThanOrEqualTo(SearchIndex.BODY_SNIPPET_CHARS);
        assertThat(s.cutBefore()).isTrue();
        assertThat(s.cutAfter()).isTrue();
        assertThat(s.html()).contains("<mark>关键发现</mark>");
    }

    @Test
    void hostileQueriesGetAClearErrorAndNoWork() {
        assertThatThrownBy(() -> index.search(SearchQuery.of("a".repeat(10_000))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> index.search(SearchQuery.of("w ".repeat(100))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("too many words");
        assertThatThrownBy(() -> index.search(SearchQuery.of("国".repeat(200))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("too many words");
        assertThatThrownBy(() -> index.search(SearchQuery.of("*** ??? ~~~")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("nothing to search for");
        assertThatThrownBy(() -> index.search(SearchQuery.of("\"香港国安法")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("unbalanced quote");
        assertThatThrownBy(() -> index.search(SearchQuery.of("香港").withPage(0, 1_000)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("page size");
        assertThatThrownBy(() -> index.search(SearchQuery.of("香港").withPage(1_000_000, 10)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("page too deep");
        assertThatThrownBy(() -> index.search(SearchQuery.of("香港").withPage(-1, 10)))
                .isInstanceOf(InvalidQueryException.class);
        // Field, wildcard, fuzzy and regex syntax is plain text here, not work for the index.
        assertThat(ids("((( 香港 )))")).containsExactlyInAnyOrder(2L, 3L, 7L, 8L);
        assertThat(ids("body:香港")).isEmpty(); // the word "body" is in no article
        assertThat(ids("h* /.*/ imf~2")).isEmpty();
        assertThat(ids("((IMF")).containsExactly(6L);
    }

    @Test
    void updateReplacesAndDeleteRemoves() {
        index.add(Headlines.doc(6, "voa-chinese", "世界银行：全球经济收缩", "The World Bank said.", "2020-07-18T15:11:44Z"));
        assertThat(ids("IMF")).isEmpty();
        assertThat(ids("世界银行")).containsExactly(6L);
        index.delete(6);
        assertThat(ids("世界银行")).isEmpty();
        index.delete(999); // not there: nothing happens
        assertThat(index.search(SearchQuery.of("")).total()).isEqualTo(Headlines.ALL.size() - 1);
    }

    @Test
    void hitsCarryTheStoredFields() {
        SearchHit hit = index.search(SearchQuery.of("IMF")).hits().get(0);
        assertThat(hit.outlet()).isEqualTo("voa-chinese");
        assertThat(hit.urls()).containsExactly("https://example.org/voa-chinese/6");
        assertThat(hit.published()).isEqualTo(Instant.parse("2020-07-18T15:11:44Z"));
        assertThat(hit.status()).isEqualTo("live");
        assertThat(hit.kind()).isEqualTo("full");
    }

    @Test
    void anArticleWithoutADateSortsLastAndFallsOutsideDateRanges() {
        index.add(new SearchDocument(50, "voa-chinese", "无日期 IMF", "", "", null, null, null, null));
        assertThat(ids(SearchQuery.of("IMF").withOrder(SearchQuery.Order.NEWEST))).containsExactly(6L, 50L);
        assertThat(ids(SearchQuery.of("IMF").withPublished(Instant.EPOCH, null))).containsExactly(6L);
    }
}
