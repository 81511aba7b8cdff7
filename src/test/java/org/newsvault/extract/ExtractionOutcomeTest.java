package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the extractor says it found each body ({@link Extracted#how()}), read on the one parse. */
class ExtractionOutcomeTest {
    private static final URI CDT = URI.create("https://chinadigitaltimes.net/chinese/709104.html");
    private static final URI PAGE = URI.create("https://news.example.com/2026/12/01/story.html");
    private final ArticleExtractor extractor = new ArticleExtractor();

    private static String longArticle(String wrapperOpen, String wrapperClose) {
        StringBuilder sb = new StringBuilder("<html><head><title>A story</title></head><body><nav><a href=/>Home</a></nav>")
            .append(wrapperOpen);
        for (int i = 0; i < 8; i++) {
            sb.append("<p>The council met on Tuesday to discuss the budget, and after a long debate, which ran late into ")
                .append("the night, the members agreed to fund the new library, the bridge repairs and the school. ")
                .append(i).append("</p>");
        }
        return sb.append(wrapperClose).append("<footer>© News</footer></body></html>").toString();
    }

    @Test
    void selectorThatMatchesIsSelectorMatched() throws IOException {
        Extracted e = extractor.extract(resource("cdt-post.html"), CDT, new ExtractRules("div.post-content", List.of()));
        assertThat(e.found()).isTrue();
        assertThat(e.how()).isEqualTo(Extraction.SELECTOR_MATCHED);
        assertThat(e.how().bad()).isFalse();
    }

    @Test
    void selectorThatMatchesNothingFallsBackToTheGenericBodyAndSaysSo() {
        // The site moved its body from div.post-content to div.entry-body: the article is still found, generically.
        Extracted e = extractor.extract(longArticle("<div class=\"entry-body\">", "</div>"), PAGE,
            new ExtractRules("div.post-content", List.of()));
        assertThat(e.found()).isTrue();
        assertThat(e.bodyHtml()).contains("fund the new library");
        assertThat(e.how()).isEqualTo(Extraction.SELECTOR_MISSED);
        assertThat(e.how().bad()).isTrue();
    }

    @Test
    void selectorMatchingOnlyEmptyElementsCountsAsMissed() {
        Extracted e = extractor.extract(longArticle("<div class=\"post-content\"></div><div class=\"entry\">", "</div>"),
            PAGE, new ExtractRules("div.post-content", List.of()));
        assertThat(e.how()).isEqualTo(Extraction.SELECTOR_MISSED);
    }

    @Test
    void genericArticleIsGeneric() {
        Extracted e = extractor.extract(longArticle("<article>", "</article>"), PAGE, ExtractRules.GENERIC);
        assertThat(e.found()).isTrue();
        assertThat(e.how()).isEqualTo(Extraction.GENERIC);
    }

    @Test
    void genericShortPageIsGenericShort() {
        Extracted e = extractor.extract("<html><body><article><p>Flash: the bridge is closed.</p></article></body></html>",
            PAGE, ExtractRules.GENERIC);
        assertThat(e.found()).isTrue();
        assertThat(e.how()).isEqualTo(Extraction.GENERIC_SHORT);
        assertThat(e.how().bad()).isTrue();
    }

    @Test
    void pageWithoutTextIsNothing() {
        assertThat(extractor.extract("<html><body></body></html>", PAGE, ExtractRules.GENERIC).how())
            .isEqualTo(Extraction.NOTHING);
        assertThat(extractor.extract("", PAGE, ExtractRules.GENERIC).how()).isEqualTo(Extraction.NOTHING);
    }

    @Test
    void labelsRoundTrip() {
        for (Extraction e : Extraction.values()) assertThat(Extraction.ofLabel(e.label())).isEqualTo(e);
        assertThat(Extraction.ofLabel("from_the_future")).isNull();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExtractionOutcomeTest.class.getResourceAsStream("/extract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
