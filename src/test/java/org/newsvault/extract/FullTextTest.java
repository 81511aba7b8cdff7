package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullTextTest {
    private static final String CHINESE_PARAGRAPH =
            "<p>俄罗斯总统普京日前突击访问朝鲜时，与朝鲜最高领导人金正恩签署一项协议。协议规定，当一方受到侵略时，另一方将向其提供军事援助。"
            + "但是，中国却对朝俄此项似乎超越中俄无上限伙伴关系的结盟反应冷淡。朝俄缔约会对地区和俄乌局势造成何种影响？</p>";
    private static final String ENGLISH_PARAGRAPH = "<p>In the global battle of narratives, China has sought to portray "
            + "itself as a peaceful nation opposed to dividing the world into hostile camps. It has accused the United "
            + "States, by contrast, of forming cliques and pushing the world toward a new Cold War. But the mutual "
            + "defense treaty signed by Russia and North Korea requires both to provide military aid in a war.</p>";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                                                        | true
        <p>  </p>                                                 | true
        <p>俄罗斯与朝鲜结盟，东北亚局势巨变</p>                     | true
        <p>A short English summary of the story.</p>              | true
        <p>很长的文章……</p>                                         | true
        <p>Some text and then [...]</p>                           | true
        <p>前文<a href="/x">阅读全文</a></p>                         | true
        <p>Lead paragraph. <a href="/x">Continue reading →</a></p> | true
        <p>Lead paragraph. <a href="/x">Read more »</a></p>       | true
        """)
    void shortOrTruncatedContentIsATeaser(String html, boolean teaser) {
        assertThat(FullText.isTeaser(html)).isEqualTo(teaser);
    }

    @Test
    void fullChineseArticleIsNotATeaser() {
        assertThat(FullText.isTeaser(CHINESE_PARAGRAPH.repeat(3))).isFalse();
    }

    @Test
    void fullEnglishArticleIsNotATeaser() {
        assertThat(FullText.isTeaser(ENGLISH_PARAGRAPH.repeat(3) + "<p>He said there was more.</p>")).isFalse();
    }

    @Test
    void longTextEndingWithReadMoreIsStillATeaser() {
        assertThat(FullText.isTeaser(CHINESE_PARAGRAPH.repeat(3) + "<p><a href=/a>阅读更多</a></p>")).isTrue();
    }

    @Test
    void oneChineseParagraphIsATeaserButThreeAreNot() {
        assertThat(FullText.isTeaser(CHINESE_PARAGRAPH)).isTrue();
    }
}
