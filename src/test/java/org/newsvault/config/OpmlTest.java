package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * A value other than the default for every outlet key of the config model besides id, name, feeds and
     * source. A key added to {@link OutletConfig} fails {@link #everyOutletKeyRoundTrips} until it has a sample
     * here, and then until export and import carry it.
     */
    static final Map<String, Object> SAMPLES = Map.of(
        "content", "div.post-content > .body",
        "remove", List.of(".share, .ad", "div[data-x=\"a,b\"]", "aside"),
        "interval", Duration.ofMinutes(90),
        "format", Variant.PLAIN,
        "proxy", "socks5://127.0.0.1:1080",
        "imageProxy", true,
        "images", false,
        "categories", List.of("新闻 & <News>", "Second \"one\""));

    static OutletConfig everyKeySet(String id, List<FeedConfig> feeds) throws Exception {
        RecordComponent[] rc = OutletConfig.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            args[i] = switch (rc[i].getName()) {
                case "id" -> id;
                case "name" -> "自由亚洲电台 \"RFA\" & <co>";
                case "feeds" -> feeds;
                case "source" -> Path.of("x");
                default -> SAMPLES.get(rc[i].getName());
            };
        }
        return OutletConfig.class.getDeclaredConstructor(Arrays.stream(rc).map(RecordComponent::getType).toArray(Class[]::new))
            .newInstance(args);
    }

    @Test
    void everyOutletKeyRoundTrips() throws Exception {
        Set<String> keys = Arrays.stream(OutletConfig.class.getRecordComponents()).map(RecordComponent::getName)
            .filter(n -> !Set.of("id", "name", "feeds", "source").contains(n)).collect(Collectors.toSet());
        assertThat(SAMPLES.keySet()).as("a sample value for every outlet key of the config model").isEqualTo(keys);

        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "outlets:\n  - id: plain\n    feeds: [https://plain.example/feed]\n");
        OutletConfig defaults = ConfigLoader.load(config).outlet("plain").orElseThrow();
        for (RecordComponent c : OutletConfig.class.getRecordComponents()) {
            if (!keys.contains(c.getName())) continue;
            assertThat(c.getAccessor().invoke(defaults)).as("sample of %s is not the default", c.getName())
                .isNotEqualTo(SAMPLES.get(c.getName()));
        }

        List<OutletConfig> outlets = List.of(
            everyKeySet("rfa", List.of(new FeedConfig("https://www.rfa.org/mandarin/rss2.xml", true),
                new FeedConfig("https://feedx.net/rss/rfa.xml?a=1&b=2", false))),
            outlet("nytimes", "纽约时报中文网", OutletConfig.DEFAULT_INTERVAL, new FeedConfig("https://cn.nytimes.com/rss/", true)));
        Path file = dir.resolve("feeds.opml");
        Files.writeString(file, Opml.write(outlets, Instant.parse("2024-06-20T12:00:00Z")));
        assertThat(Files.readString(file)).contains("<dateCreated>Thu, 20 Jun 2024 12:00:00 GMT</dateCreated>")
            .contains("nv:interval=\"1h30m\"").contains("nv:outlet=\"nytimes\"").doesNotContain("nv:format=\"jekyll\"");

        Path empty = dir.resolve("other").resolve("newsvault.yaml");
        Files.createDirectories(empty.getParent());
        Files.writeString(empty, "# empty\n");
        Opml.Document doc = Opml.read(file);
        assertThat(doc.problems()).isEmpty();
        var summary = new FeedEditor(empty).importOutlets(doc.outlets());
        assertThat(summary.lines()).isEmpty();
        assertThat(summary.feedsAdded()).isEqualTo(3);
        assertThat(summary.outletsCreated()).isEqualTo(2);
        List<OutletConfig> back = ConfigLoader.load(empty).outlets();
        assertThat(back).usingRecursiveFieldByFieldElementComparatorIgnoringFields("source").containsExactlyInAnyOrderElementsOf(outlets);

        // and once more: all there already, nothing written
        var again = new FeedEditor(empty).importOutlets(Opml.read(file).outlets());
        assertThat(again.feedsAdded()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.lines()).contains("skipped '自由亚洲电台 \"RFA\" & <co>' https://feedx.net/rss/rfa.xml?a=1&b=2: already a feed of outlet rfa");
    }

    @Test
    void aMinifluxExportBecomesOneOutletPerSiteWithItsFolderAsCategory() throws Exception {
        Opml.Document doc = Opml.read(resource("miniflux.opml"));
        assertThat(doc.outlets()).extracting(Opml.Outlet::id)
            .containsExactly("dw", "voachinese-com", "rfa", "ars-technica", "china-digital-times");
        Opml.Outlet dw = doc.outlets().get(0);
        assertThat(dw.name()).isEqualTo("DW 中文");
        assertThat(dw.explicit()).isFalse();
        assertThat(dw.categories()).containsExactly("新闻");
        assertThat(dw.feeds()).extracting(Opml.Feed::url)
            .containsExactly("https://rss.dw.com/rdf/rss-chi-all", "https://rss.dw.com/xml/rss-chi-eco");
        assertThat(doc.outlets().get(1).name()).isEqualTo("美国之音中文网");
        assertThat(doc.outlets().get(3).name()).isEqualTo("Ars Technica");
        assertThat(doc.outlets().get(3).categories()).containsExactly("Tech");
        assertThat(doc.outlets().get(4).categories()).isEmpty();
        assertThat(doc.outlets().get(4).name()).isEqualTo("China Digital Times 中国数字时代");
        assertThat(doc.problems()).containsExactly(
            "skipped outline 'RFA again': HTTP://WWW.RFA.ORG:80/mandarin/rss2.xml is already in this file (outline 'RFA 自由亚洲电台')",
            "skipped outline 'evil': 'javascript:alert(document.cookie)' is not an http(s) feed URL");
        assertThat(doc.repeated()).isEqualTo(1);
        assertThat(doc.invalid()).isEqualTo(1);

        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "# empty\n");
        var r = new FeedEditor(config).importOutlets(doc.outlets());
        assertThat(r.outletsCreated()).isEqualTo(5);
        assertThat(r.feedsAdded()).isEqualTo(7);
        OutletConfig back = ConfigLoader.load(config).outlet("dw").orElseThrow();
        assertThat(back.name()).isEqualTo("DW 中文");
        assertThat(back.categories()).containsExactly("新闻");
        assertThat(back.feeds()).hasSize(2);
    }

    @Test
    void aFreshRssExportKeepsSitesOfOneFolderApartAndRefusesLocalAndInlineUrls() throws Exception {
        Opml.Document doc = Opml.read(resource("freshrss.opml"));
        assertThat(doc.outlets()).extracting(Opml.Outlet::name)
            .containsExactly("BBC News 中文", "纽约时报中文网", "A blog", "Another blog", "DW (no page URL)");
        assertThat(doc.outlets()).extracting(Opml.Outlet::id)
            .containsExactly("bbc-news", "cn-nytimes-com", "a-blog", "another-blog", "dw-no-page-url");
        assertThat(doc.outlets().get(0).feeds()).hasSize(2);
        assertThat(doc.outlets().get(0).sites()).contains("bbc.com", "bbci.co.uk");
        assertThat(doc.outlets().get(2).categories()).containsExactly("Blogs");
        assertThat(doc.outlets().get(4).sites()).containsExactly("dw.com");
        assertThat(doc.problems()).containsExactly(
            "skipped outline 'local': 'file:///etc/passwd' is not an http(s) feed URL",
            "skipped outline 'inline': 'data:text/xml,<rss/>' is not an http(s) feed URL");
    }

    @Test
    void groupByFolderMakesOneOutletPerFolderAsBefore() throws Exception {
        Opml.Document doc = Opml.read(resource("reader.opml"), Opml.Grouping.FOLDER);
        assertThat(doc.outlets()).extracting(Opml.Outlet::id).containsExactly("deutsche-welle", "nested-folder-feeds-belong-to-the-neares",
            "voachinese-com", "china-digital-times");
        assertThat(doc.outlets().get(0).feeds()).extracting(Opml.Feed::url)
            .containsExactly("https://rss.dw.com/rdf/rss-chi-all", "https://feedx.net/rss/dw.xml");
        assertThat(doc.outlets().get(0).categories()).isEmpty();
        assertThat(doc.outlets().get(1).categories()).containsExactly("Deutsche Welle");
        assertThat(doc.outlets().get(2).name()).isEqualTo("美国之音");
        assertThat(doc.invalid()).isEqualTo(2);
        assertThat(doc.repeated()).isEqualTo(1);

        Opml.Document bySite = Opml.read(resource("reader.opml"));
        assertThat(bySite.outlets()).extracting(Opml.Outlet::id)
            .containsExactly("dw", "deeper", "dw-mirror", "voachinese-com", "china-digital-times");
        assertThat(bySite.outlets().get(1).categories()).containsExactly("nested folder, feeds belong to the nearest one");
    }

    @Test
    void anOlderExportWithOneFolderPerOutletGoesBackToTheSameOutlet() throws Exception {
        Opml.Document doc = Opml.read(resource("legacy-export.opml"));
        assertThat(doc.outlets()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("rfa");
            assertThat(o.explicit()).isTrue();
            assertThat(o.name()).isEqualTo("自由亚洲电台");
            assertThat(o.keys()).isEqualTo(Map.of("interval", "30m"));
            assertThat(o.feeds()).extracting(Opml.Feed::config).containsExactly(
                new FeedConfig("https://www.rfa.org/mandarin/rss2.xml", true), new FeedConfig("https://feedx.net/rss/rfa.xml", false));
        });
    }

    @Test
    void exportPutsOutletsInTheFolderOfTheirFirstCategory() throws Exception {
        OutletConfig a = withCategories(outlet("a", "A", OutletConfig.DEFAULT_INTERVAL, new FeedConfig("https://a.example/f", true)), "News");
        OutletConfig b = outlet("b", "B", OutletConfig.DEFAULT_INTERVAL, new FeedConfig("https://b.example/f", true));
        OutletConfig c = withCategories(outlet("c", "C", OutletConfig.DEFAULT_INTERVAL, new FeedConfig("https://c.example/f", true)), "News", "Z");
        String xml = Opml.write(List.of(a, b, c), Instant.EPOCH);
        assertThat(xml).containsSubsequence("<outline text=\"News\" title=\"News\">", "nv:outlet=\"a\"", "nv:outlet=\"c\"",
            "</outline>", "nv:outlet=\"b\"");
        assertThat(xml.split("text=\"News\"", -1)).hasSize(2);
        assertThat(xml).contains("nv:categories=\"[&quot;News&quot;,&quot;Z&quot;]\"").containsOnlyOnce("nv:categories");
        Path file = dir.resolve("f.opml");
        Files.writeString(file, xml);
        assertThat(Opml.read(file).outlets()).extracting(Opml.Outlet::categories)
            .containsExactly(List.of("News"), List.of("News", "Z"), List.of());
    }

    static OutletConfig withCategories(OutletConfig o, String... categories) {
        return new OutletConfig(o.id(), o.name(), o.feeds(), o.content(), o.remove(), o.interval(), o.format(), o.proxy(),
            o.imageProxy(), List.of(categories), o.source());
    }

    @Test
    void refusesDoctypesSoNoExternalEntityOrEntityExpansion() throws Exception {
        assertThatThrownBy(() -> Opml.read(resource("xxe.opml"))).isInstanceOf(IOException.class).hasMessageContaining("not valid OPML");
        Path laughs = dir.resolve("laughs.opml");
        Files.writeString(laughs, """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <opml version="2.0"><body><outline text="&c;" xmlUrl="https://x.example/"/></body></opml>
            """);
        assertThatThrownBy(() -> Opml.read(laughs)).isInstanceOf(IOException.class).hasMessageContaining("not valid OPML")
            .hasMessageContaining("DOCTYPE");
    }

    @Test
    void boundsNestingSizeAndFeedCount() throws Exception {
        Path deep = dir.resolve("deep.opml");
        Files.writeString(deep, "<opml version=\"2.0\"><body>" + "<outline text=\"f\">".repeat(5000)
            + "<outline text=\"x\" xmlUrl=\"https://x.example/\"/>" + "</outline>".repeat(5000) + "</body></opml>");
        assertThatThrownBy(() -> Opml.read(deep)).isInstanceOf(IOException.class).hasMessageContaining("deep.opml")
            .hasMessageContaining("not valid OPML");
        Path nested = dir.resolve("nested.opml");
        int levels = Opml.MAX_DEPTH + 1;
        Files.writeString(nested, "<opml version=\"2.0\"><body>" + "<outline text=\"f\">".repeat(levels)
            + "<outline text=\"x\" xmlUrl=\"https://x.example/\"/>" + "</outline>".repeat(levels) + "</body></opml>");
        assertThatThrownBy(() -> Opml.read(nested)).isInstanceOf(IOException.class).hasMessageContaining("levels");

        Path many = dir.resolve("many.opml");
        StringBuilder sb = new StringBuilder("<opml version=\"2.0\"><body>");
        for (int i = 0; i <= Opml.MAX_FEEDS; i++) sb.append("<outline xmlUrl=\"https://x").append(i).append(".example/\"/>");
        Files.writeString(many, sb.append("</body></opml>"));
        assertThatThrownBy(() -> Opml.read(many)).isInstanceOf(IOException.class).hasMessageContaining("more than " + Opml.MAX_FEEDS);

        Path big = dir.resolve("big.opml");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(Opml.MAX_BYTES + 1); // sparse: refused by its size before a byte is parsed
        }
        assertThatThrownBy(() -> Opml.read(big)).isInstanceOf(IOException.class).hasMessageContaining("larger than 16 MB");
    }

    @Test
    void hostileTitlesAndAttributesAreCleanedOrReported() throws Exception {
        Path f = dir.resolve("odd.opml");
        Files.writeString(f, """
            <opml version="2.0" xmlns:nv="urn:newsvault:opml"><body>
              <outline text="Line&#10;break&#9;and&#13;more" xmlUrl="https://odd.example/feed" nv:remove="not json" nv:image-proxy="maybe"/>
              <outline text="no scheme" xmlUrl="//x.example/feed"/>
              <outline text="ftp" xmlUrl="ftp://x.example/feed"/>
              <outline text="Bad id" xmlUrl="https://bad.example/feed" nv:outlet="../../etc"/>
            </body></opml>
            """);
        Opml.Document doc = Opml.read(f);
        assertThat(doc.outlets()).extracting(Opml.Outlet::name).containsExactly("Line break and more", "Bad id");
        assertThat(doc.outlets()).extracting(Opml.Outlet::id).containsExactly("line-break-and-more", "bad-id");
        assertThat(doc.outlets().get(0).keys()).isEmpty();
        assertThat(doc.problems()).containsExactly(
            "skipped outline 'no scheme': '//x.example/feed' is not an http(s) feed URL",
            "skipped outline 'ftp': 'ftp://x.example/feed' is not an http(s) feed URL",
            "outline 'Line break and more': nv:remove ignored: not a JSON list of strings",
            "outline 'Line break and more': nv:image-proxy ignored: 'maybe' is not true or false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DW 中文 - 新闻; DW 中文 - 经济 | DW 中文",
        "BBC News 中文; BBC News 中文 (繁體) | BBC News 中文",
        "Deutsche Welle; Deutsch lernen | Deutsche Welle",
        "Ars Technica - All content; Ars Technica - Science | Ars Technica",
        "美国之音; 美国之音中文网 | 美国之音",
        "A; B | A",
        "Only one | Only one",
    })
    void aSiteIsNamedByWhatItsFeedTitlesShare(String titles, String name) {
        assertThat(Opml.siteName(List.of(titles.split("; ")))).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"rss.dw.com, dw.com", "feeds.bbci.co.uk, bbci.co.uk", "www.rfa.org, rfa.org", "127.0.0.1, 127.0.0.1",
        "localhost, localhost", "someone.github.io, someone.github.io"})
    void registrableDomains(String host, String domain) {
        assertThat(Opml.registrable(host)).isEqualTo(domain);
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

    @Test
    void keyNamesAreConfigKeys() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "x");
        entry.put("feeds", List.of("https://x.example/"));
        for (String k : Opml.keyNames()) entry.put(k, null);
        // every nv: attribute names a key the config accepts (a null value is "not set")
        assertThat(ConfigLoader.checkOutlet(entry, Path.of("x.yaml")).id()).isEqualTo("x");
    }
}
