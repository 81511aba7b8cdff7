package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.render.Variant;

class OpmlTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        return Path.of("src", "test", "resources", "config", name);
    }

    static OutletConfig outlet(String id, String name, Duration interval, FeedConfig... feeds) {
        return new OutletConfig(id, name, List.of(feeds), null, List.of(), interval, Variant.JEKYLL, null, false, Path.of("x"));
    }

    @Test
    void exportThenImportGivesBackTheSameOutlets() throws Exception {
        List<OutletConfig> outlets = List.of(
            outlet("rfa", "自由亚洲电台 \"RFA\" & <co>", Duration.ofMinutes(30), new FeedConfig("https://www.rfa.org/mandarin/rss2.xml", true),
                new FeedConfig("https://feedx.net/rss/rfa.xml?a=1&b=2", false)),
            outlet("nytimes", "纽约时报中文网", Duration.ofMinutes(90), new FeedConfig("https://cn.nytimes.com/rss/", true)));
        Path file = dir.resolve("feeds.opml");
        Files.writeString(file, Opml.write(outlets, Instant.parse("2024-06-20T12:00:00Z")));
        assertThat(Files.readString(file)).contains("<dateCreated>Thu, 20 Jun 2024 12:00:00 GMT</dateCreated>")
            .contains("nv:interval=\"1h30m\"");

        Opml.Document doc = Opml.read(file);
        assertThat(doc.invalid()).isZero();
        assertThat(doc.outlets()).containsExactly(
            new Opml.Outlet("rfa", "自由亚洲电台 \"RFA\" & <co>", "30m", outlets.get(0).feeds()),
            new Opml.Outlet("nytimes", "纽约时报中文网", "1h30m", outlets.get(1).feeds()));

        // and into an empty config, through the editor
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "# empty\n");
        var summary = new FeedEditor(config).importOutlets(doc.outlets());
        assertThat(summary.feedsAdded()).isEqualTo(3);
        assertThat(summary.outletsCreated()).isEqualTo(2);
        Settings s = ConfigLoader.load(config);
        for (OutletConfig o : outlets) {
            OutletConfig back = s.outlet(o.id()).orElseThrow();
            assertThat(back.name()).isEqualTo(o.name());
            assertThat(back.interval()).isEqualTo(o.interval());
            assertThat(back.feeds()).isEqualTo(o.feeds());
        }
        var again = new FeedEditor(config).importOutlets(doc.outlets());
        assertThat(again.feedsAdded()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
    }

    @Test
    void readsFoldersTitlesAndHostsAndSkipsWhatIsNotAnHttpFeed() throws Exception {
        Opml.Document doc = Opml.read(resource("reader.opml"));
        assertThat(doc.outlets()).extracting(Opml.Outlet::id).containsExactly("deutsche-welle", "nested-folder-feeds-belong-to-the-neares",
            "voachinese-com", "china-digital-times");
        assertThat(doc.outlets().get(0).feeds()).extracting(FeedConfig::url)
            .containsExactly("https://rss.dw.com/rdf/rss-chi-all", "https://feedx.net/rss/dw.xml");
        assertThat(doc.outlets().get(2).name()).isEqualTo("美国之音");
        assertThat(doc.invalid()).isEqualTo(2);
        assertThat(doc.repeated()).isEqualTo(1);
    }

    @Test
    void importIntoAConfigWithThoseOutletsExtendsThemAndSkipsDuplicates() throws Exception {
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "outlets:\n  - id: deutsche-welle\n    feeds: [https://rss.dw.com/rdf/rss-chi-all]\n");
        byte[] before = Files.readAllBytes(config);
        var r = new FeedEditor(config).importOutlets(Opml.read(resource("reader.opml")).outlets());
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.outletsExtended()).isEqualTo(1);
        assertThat(r.outletsCreated()).isEqualTo(3);
        assertThat(ConfigLoader.load(config).outlet("deutsche-welle").orElseThrow().feeds()).hasSize(2);
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void refusesDoctypes() {
        assertThatThrownBy(() -> Opml.read(resource("xxe.opml"))).isInstanceOf(IOException.class).hasMessageContaining("not valid OPML");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Deutsche Welle | deutsche-welle",
        "  BBC News 中文 (简体) | bbc-news",
        "Café Crème | cafe-creme",
        "自由亚洲电台 | ''",
        "--a--b-- | a-b",
    })
    void slugs(String title, String slug) {
        assertThat(Opml.slug(title)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource({"PT30M, 30m", "PT1H30M, 1h30m", "PT45S, 45s", "P1D, 1d", "PT1H, 1h", "PT0.5S, 500ms"})
    void durations(Duration d, String text) {
        assertThat(Opml.format(d)).isEqualTo(text);
        assertThat(YamlNodes.parseDuration(text)).isEqualTo(d);
    }
}
