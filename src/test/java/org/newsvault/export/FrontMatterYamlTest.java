package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class FrontMatterYamlTest {
    static final Instant DATE = Instant.parse("2024-06-20T12:11:16.362Z");

    static String fm(String title, String author) {
        return "layout: post\ntitle: \"" + title.replace("\"", "\\\"") + "\"\ndate: 2024-06-20T12:11:16.362Z\nauthor: " + author
            + "\nfrom: https://a.example/x\ntags: [ 德国之声 ]\ncomments: True\ncategories: [ 德国之声 ]";
    }

    @ParameterizedTest
    @ValueSource(strings = {"普通标题", "引号\"里", "“全角引号”", "冒号: 之后", "# 井号开头", "[方括号]", "'单引号'", "{花括号}"})
    void whatFormatMdWritesForOrdinaryTitlesIsKeptAsItIs(String title) {
        String fm = fm(title, "德国之声");
        assertThat(FrontMatterYaml.valid(fm)).isTrue();
        assertThat(FrontMatterYaml.ensureValid(fm, title, DATE)).isEqualTo(fm);
        assertThat(load(fm).get("title")).isEqualTo(title);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "反斜杠\\在这里|德国之声",
        "C:\\path\\q|德国之声",
        "普通标题|记者: 张三",
        "普通标题|*星号作者",
        "控\u0001制|德国之声",
        "末尾反斜杠\\|德国之声"})
    void invalidFrontMatterIsRepairedKeepingTheValues(String title, String author) {
        String fm = fm(title, author);
        assertThat(FrontMatterYaml.valid(fm)).isFalse();
        String fixed = FrontMatterYaml.ensureValid(fm, title, DATE);
        Map<String, Object> m = load(fixed);
        assertThat(m.get("title")).isEqualTo(title);
        assertThat(m.get("author")).isEqualTo(author);
        assertThat(m.get("layout")).isEqualTo("post");
        assertThat(m.get("date")).isInstanceOf(java.util.Date.class);
        assertThat(fixed).contains("tags: [ 德国之声 ]").contains("comments: True");
    }

    @ParameterizedTest
    @ValueSource(strings = {"date: yesterday", "date: ", "date: 2024-13-45"})
    void aDateThatIsNotATimestampBecomesTheArticleDate(String dateLine) {
        String fm = fm("标题", "德国之声").replace("date: 2024-06-20T12:11:16.362Z", dateLine);
        String fixed = FrontMatterYaml.ensureValid(fm, "标题", DATE);
        assertThat(fixed).contains("date: 2024-06-20T12:11:16.362Z");
        assertThat(FrontMatterYaml.valid(fixed)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title: [unclosed", "not yaml at all: [", ": :", "key: &a [*a, *a]"})
    void hopelessFrontMatterFallsBackToTheMinimum(String bad) {
        String fixed = FrontMatterYaml.ensureValid(bad, "题\"目", DATE);
        assertThat(FrontMatterYaml.valid(fixed)).isTrue();
        assertThat(load(fixed).get("title")).isEqualTo(bad.startsWith("title") ? "[unclosed" : load(fixed).get("title"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Yaml().load(yaml);
    }
}
