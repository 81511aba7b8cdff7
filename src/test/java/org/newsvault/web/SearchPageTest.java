package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The search page over a real index of the test archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageTest {
    WebFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fx = new WebFixture(dir, "", true);
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void aTraditionalQueryFindsTheSimplifiedArticleWithMarkedSnippets() throws Exception {
        WebFixture.Page p = fx.page("/search?q=" + Ui.enc("習近平"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("修改后的标题").contains("href=\"/article/" + fx.edited + "\"").contains("<mark>")
            .contains("2 found").contains("value=\"習近平\"");
        ReadingRoomTest.pageHeaders(p.headers());
    }

    @Test
    void theFormWithoutAQueryAndFilters() throws Exception {
        assertThat(fx.page("/search").body()).contains("<form class=\"inline\" method=\"get\" action=\"/search\" role=\"search\">")
            .doesNotContain(" found<");
        assertThat(fx.page("/search?q=" + Ui.enc("被删除") + "&status=deleted").body()).contains("<mark>被删除</mark>的文章").contains("1 found");
        assertThat(fx.page("/search?q=" + Ui.enc("被删除") + "&status=live").body()).doesNotContain("的文章").contains("0 found");
        assertThat(fx.page("/search?q=&outlet=test&sort=newest").body()).contains("第0篇").contains("href=\"/search?q=&amp;outlet=test&amp;sort=newest&amp;page=2\"");
        assertThat(fx.page("/search?q=&outlet=test&sort=newest&page=2").body()).contains("第59篇");
        assertThat(fx.page("/search?q=x&status=bogus").status()).isEqualTo(400);
        assertThat(fx.page("/search?q=x&from=2024-13-01").status()).isEqualTo(400);
        assertThat(fx.page("/search?q=x&sort=random").status()).isEqualTo(400);
        assertThat(fx.page("/search?q=" + "x".repeat(ReadingRoom.MAX_QUERY + 1)).status()).isEqualTo(400);
    }

    @Test
    void hostileTextInHitsStaysText() throws Exception {
        String body = fx.page("/search?q=" + Ui.enc("标题 script")).body();
        assertThat(body).contains("&lt;").doesNotContain("<script");
    }

    @Test
    void aSearchHasItsFeed() throws Exception {
        WebFixture.Page p = fx.page("/search?q=" + Ui.enc("习近平"));
        assertThat(p.body()).contains("href=\"/feeds/search.atom?q=%E4%B9%A0%E8%BF%91%E5%B9%B3\"");
        WebFixture.Page atom = fx.page("/feeds/search.atom?q=" + Ui.enc("習近平"));
        assertThat(atom.status()).isEqualTo(200);
        assertThat(atom.body()).contains("修改后的标题");
    }
}
