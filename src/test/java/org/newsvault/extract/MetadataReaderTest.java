package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        俄朝共同防御条约给北京带来更多麻烦 - 纽约时报中文网                      | 俄朝共同防御条约给北京带来更多麻烦
        DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网            | DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶
        BBC News » Why the Korean treaty matters to Beijing and its neighbours    | Why the Korean treaty matters to Beijing and its neighbours
        朝俄恢复共同防御条约 中国反应低调 — 自由亚洲电台                         | 朝俄恢复共同防御条约 中国反应低调
        Plain title without a site name                                           | Plain title without a site name
        """)
    void documentTitleLosesItsSiteName(String title, String expected) {
        assertThat(MetadataReader.cleanDocumentTitle(title)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        短缺药品保供稳价 全力保障临床用药需求-新华网 | 短缺药品保供稳价 全力保障临床用药需求
        德清县固定资产投资结构趋稳趋优_凤凰网      | 德清县固定资产投资结构趋稳趋优
        专家：稳就业政策效果逐步显现               | 专家：稳就业政策效果逐步显现
        """)
    void chineseSiteSuffixWithoutSpacesIsDropped(String title, String expected) {
        assertThat(MetadataReader.withoutChineseSiteSuffix(title)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        作者：张三                                  | 张三
        DAVID PIERSON, CHOE SANG-HUN                | DAVID PIERSON, CHOE SANG-HUN
        `name, email@gmail.com`                     | ``
        https://www.facebook.com/nytimes            | ``
        104363                                      | ``
        版权声明 来源：当代商报 时间：2019-09-20       | ``
        作者：未知 责任编辑：棒棒不是糖                 | ``
        """)
    void authorPlaceholdersAreRejected(String raw, String expected) {
        assertThat(MetadataReader.plausibleAuthor(raw)).isEqualTo(expected.isEmpty() ? null : expected);
    }

    @Test
    void ogTitleWinsAndLosesAMatchingSiteSuffix() {
        var doc = Jsoup.parse("<html><head><title>x</title><meta property=og:title content='标题 | 德国之声'>"
                + "<meta property=og:site_name content='德国之声'></head><body><h1>别的</h1></body></html>");
        assertThat(MetadataReader.read(doc).title()).isEqualTo("标题");
    }

    @Test
    void singleH1IsUsedWithoutOgTitle() {
        var doc = Jsoup.parse("<html><head><title>站点首页 - 文章</title></head><body><h1>真正的标题</h1></body></html>");
        assertThat(MetadataReader.read(doc).title()).isEqualTo("真正的标题");
    }

    @Test
    void jsonLdGraphGivesAuthorAndDate() {
        var doc = Jsoup.parse("<html><head><script type='application/ld+json'>{\"@context\":\"https://schema.org\","
                + "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"站\"},{\"@type\":\"NewsArticle\",\"headline\":\"头条\","
                + "\"author\":{\"@type\":\"Person\",\"name\":\"记者甲\"},\"datePublished\":\"2024-06-21T09:07:39+08:00\"}]}"
                + "</script></head><body></body></html>");
        var meta = MetadataReader.read(doc);
        assertThat(meta.title()).isEqualTo("头条");
        assertThat(meta.author()).isEqualTo("记者甲");
        assertThat(meta.published()).isEqualTo(Instant.parse("2024-06-21T01:07:39Z"));
    }

    @Test
    void brokenJsonLdIsIgnoredAndTimeElementUsed() {
        var doc = Jsoup.parse("<html lang=en><head><script type='application/ld+json'>{not json</script></head>"
                + "<body><p class=byline>By A. Writer</p><time datetime='2024-06-20'>June 20</time></body></html>");
        var meta = MetadataReader.read(doc);
        assertThat(meta.author()).isEqualTo("By A. Writer");
        assertThat(meta.published()).isEqualTo(Instant.parse("2024-06-20T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        2024-06-20T12:11:16.362Z   | 2024-06-20T12:11:16.362Z
        2024-06-20T12:11:16+02:00  | 2024-06-20T10:11:16Z
        2024-06-20T12:11:16+0200   | 2024-06-20T10:11:16Z
        2024-06-21 09:07:39        | 2024-06-21T01:07:39Z
        2024/06/21 09:07           | 2024-06-21T01:07:00Z
        2024年6月21日 09:07         | 2024-06-21T01:07:00Z
        2024-06-21                 | 2024-06-20T16:00:00Z
        """)
    void datesParseWithTheLocalZoneWhenNoneIsGiven(String raw, String expected) {
        assertThat(Dates.parse(raw, ZoneOffset.ofHours(8))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        yesterday
        2024-13-45
        ''
        """)
    void junkDatesGiveNull(String raw) {
        assertThat(Dates.parse(raw, ZoneOffset.UTC)).isNull();
    }
}
