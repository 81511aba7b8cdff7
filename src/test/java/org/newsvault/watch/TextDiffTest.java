package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDiffTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "普京在平壤签署条约       | 普京在莫斯科签署条约       | 普京在[-平壤-]{+莫斯科+}签署条约",
        "死亡人数为12人           | 死亡人数为21人             | 死亡人数为[-12-]{+21+}人",
        "条约内容                 | 条约内容（已更正）         | 条约内容{+（已更正）+}",
        "中国外交部对此反应低调   | 中国外交部对此反应         | 中国外交部对此反应[-低调-]",
        "same                     | same                       | same",
        "俄朝签署条约             | 俄罗斯与朝鲜签订盟约       | 俄[-朝签署条-]{+罗斯与朝鲜签订盟+}约",
    })
    void marksCharacterChanges(String before, String after, String expected) {
        assertThat(TextDiff.inline(before, after, false)).isEqualTo(expected);
    }

    @Test
    void colorUsesAnsiCodes() {
        assertThat(TextDiff.inline("平壤", "莫斯科", true)).isEqualTo("\u001b[31m[-平壤-]\u001b[0m\u001b[32m{+莫斯科+}\u001b[0m");
    }

    @Test
    void paragraphsOfHtmlAndOnlyChangedOnesShown() {
        List<String> a = TextDiff.paragraphs("<h2>标题</h2><p>第一段。</p><p>第二段，在平壤。</p><ul><li>要点</li></ul>");
        List<String> b = TextDiff.paragraphs("<h2>标题</h2><p>第一段。</p><p>第二段，在莫斯科。</p><ul><li>要点</li></ul><p>新增段落。</p>");
        assertThat(a).containsExactly("标题", "第一段。", "第二段，在平壤。", "要点");
        assertThat(TextDiff.paragraphs(a, b, false))
            .isEqualTo("¶ 3: 第二段，在[-平壤-]{+莫斯科+}。\n¶ 5: {+新增段落。+}\n");
        assertThat(TextDiff.paragraphs(a, a, false)).isEmpty();
    }

    @Test
    void replacedParagraphsArePairedAndNoiseOnlyOnesCounted() {
        List<String> a = List.of("标题", "5 分钟前 阅读 1000", "第一段在平壤。", "结尾");
        List<String> b = List.of("标题", "8 分钟前 阅读 1111", "第一段在莫斯科。", "新的一段。", "结尾");
        assertThat(TextDiff.paragraphs(a, b, false)).isEqualTo("¶ 3: 第一段在[-平壤-]{+莫斯科+}。\n¶ 4: {+新的一段。+}\n"
            + "(1 paragraph differing only in times or counters not shown)\n");
        assertThat(TextDiff.paragraphs(b, List.of("标题", "结尾"), false))
            .isEqualTo("¶ 2: [-8 分钟前 阅读 1111-]\n¶ 2: [-第一段在莫斯科。-]\n¶ 2: [-新的一段。-]\n");
    }
}
