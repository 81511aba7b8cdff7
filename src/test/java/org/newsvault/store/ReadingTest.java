package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.Reading.ChangeFilter;
import org.newsvault.store.Reading.ChangeKind;
import org.newsvault.store.Reading.ListFilter;
import org.newsvault.store.Reading.Listed;

class ReadingTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2024-06-20T10:00:00Z");

    @TempDir Path data;
    private Database db;
    private ArticleRepository articles;
    private Reading reading;

    @BeforeEach
    void open() {
        db = Database.open(data);
        articles = new ArticleRepository(db);
        reading = new Reading(db);
        OutletRepository outlets = new OutletRepository(db);
        outlets.upsert("rfa", "自由亚洲电台");
        outlets.upsert("dw", "德国之声");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long add(String outlet, String slug, Instant published, Instant fetched) {
        String url = "https://" + outlet + ".example/news/" + slug;
        ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题 " + slug, url, "记者", outlet, published, fetched,
            "<p>正文 " + slug + "</p>");
        return articles.insert(new ArticleRow(0, outlet, null, null, url, "标题 " + slug, "记者", published, fetched,
            "hash-" + slug, f, outlet + "/" + slug + ".md", true, null, "poll", "live"), fetched);
    }

    @Test
    void listsNewestFirstByPublishedElseFetchedTime() {
        long a = add("rfa", "a", T0, T0.plusSeconds(60));
        long b = add("rfa", "b", null, T0.plusSeconds(3600));        // no published time: its fetch time counts
        long c = add("dw", "c", T0.minusSeconds(3600), T0.plusSeconds(7200));
        var page = reading.list(ListFilter.ALL, 0, 10);
        assertThat(page.items()).extracting(Listed::id).containsExactly(b, a, c);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isFalse();
        Listed first = page.items().get(0);
        assertThat(first.when()).isEqualTo(T0.plusSeconds(3600));
        assertThat(first.outletId()).isEqualTo("rfa");
        assertThat(first.title()).isEqualTo("标题 b");
        assertThat(first.author()).isEqualTo("记者");
        assertThat(first.url()).isEqualTo("https://rfa.example/news/b");
        assertThat(first.status()).isEqualTo("live");
        assertThat(first.bodyKind()).isEqualTo("full");
    }
}
