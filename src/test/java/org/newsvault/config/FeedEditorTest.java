package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedEditorTest {
    static final String MAIN = """
        # My hand-written config. These comments must survive every CLI edit.
        data: data   # the database
        outlets:
          # Radio Free Asia
          - id: rfa
            name: 自由亚洲电台
            feeds:
              - https://www.rfa.org/mandarin/rss2.xml   # full text
              - https://feedx.net/rss/rfa.xml
            interval: 30m
          - id: dw
            feeds: [https://rss.dw.com/rdf/rss-chi-all]
        """;

    @TempDir
    Path dir;
    Path config;
    FeedEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, MAIN);
        editor = new FeedEditor(config);
    }

    OutletConfig outlet(String id) {
        return ConfigLoader.load(config).outlet(id).orElseThrow();
    }

    Path own(String id) {
        return dir.resolve("outlets.d").resolve(id + ".yaml");
    }

    @Test
    void addingToAMainFileOutletGoesToItsOwnFileAndLeavesTheMainFileByteIdentical() throws Exception {
        byte[] before = Files.readAllBytes(config);
        assertThat(editor.add("rfa", " https://extra.example/rss ", null, null, null)).startsWith("added https://extra.example/rss to rfa");
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
        OutletConfig rfa = outlet("rfa");
        assertThat(rfa.feeds()).extracting(FeedConfig::url).containsExactly("https://www.rfa.org/mandarin/rss2.xml",
            "https://feedx.net/rss/rfa.xml", "https://extra.example/rss");
        assertThat(rfa.name()).isEqualTo("自由亚洲电台");
        assertThat(rfa.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Files.readString(own("rfa"))).startsWith("# Written by `newsvault feeds`").contains("- id: rfa")
            .doesNotContain("name");

        assertThatThrownBy(() -> editor.add("rfa", "https://other.example/", "Name", null, null))
            .hasMessageContaining("is defined in").hasMessageContaining("set its name");
        assertThatThrownBy(() -> editor.add("rfa", "https://other.example/", null, null, null, List.of("News")))
            .hasMessageContaining("categories there");
        assertThatThrownBy(() -> editor.remove("rfa", "https://www.rfa.org/mandarin/rss2.xml"))
            .hasMessageContaining("remove it there").hasMessageContaining("feeds disable rfa");

        editor.remove("rfa", "https://extra.example/rss");
        assertThat(own("rfa")).doesNotExist();
        assertThat(outlet("rfa").feeds()).hasSize(2);
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void disablingAMainFileFeedIsAnOverrideThatEnablingRemoves() throws Exception {
        byte[] before = Files.readAllBytes(config);
        String url = "https://feedx.net/rss/rfa.xml";
        assertThat(editor.setEnabled("rfa", url, false)).endsWith("is now disabled");
        assertThat(outlet("rfa").feeds()).containsExactly(new FeedConfig("https://www.rfa.org/mandarin/rss2.xml", true),
            new FeedConfig(url, false));
        assertThat(editor.setEnabled("rfa", url, false)).endsWith("is already disabled");
        assertThat(editor.setEnabled("rfa", url, true)).endsWith("is now enabled");
        assertThat(own("rfa")).doesNotExist();
        assertThat(outlet("rfa").feeds()).allMatch(FeedConfig::enabled);
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void aNewOutletIsCreatedWholeAndGoesAwayWithItsLastFeed() throws Exception {
        editor.add("cdt", "https://chinadigitaltimes.net/chinese/feed/", "中国数字时代", "div.post-content", "20m");
        OutletConfig cdt = outlet("cdt");
        assertThat(cdt.name()).isEqualTo("中国数字时代");
        assertThat(cdt.content()).isEqualTo("div.post-content");
        assertThat(cdt.interval()).isEqualTo(Duration.ofMinutes(20));
        assertThat(cdt.source().toAbsolutePath()).isEqualTo(own("cdt").toAbsolutePath());
        assertThat(Files.readString(own("cdt"))).contains("中国数字时代"); // not \\u-escaped

        editor.add("cdt", "https://feedx.net/rss/cdt.xml", null, null, "10m", List.of(" 中文 ", "Blogs", "中文"));
        assertThat(outlet("cdt").categories()).containsExactly("中文", "Blogs");
        assertThatThrownBy(() -> editor.add("cdt", "https://x.example/", null, null, null, List.of(" ")))
            .hasMessage("--category: an empty category name");
        editor.setEnabled("cdt", "https://feedx.net/rss/cdt.xml", false);
        assertThat(outlet("cdt").interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(outlet("cdt").feeds()).containsExactly(new FeedConfig("https://chinadigitaltimes.net/chinese/feed/", true),
            new FeedConfig("https://feedx.net/rss/cdt.xml", false));

        editor.remove("cdt", "https://feedx.net/rss/cdt.xml");
        assertThat(editor.remove("cdt", "https://chinadigitaltimes.net/chinese/feed/")).endsWith("is gone");
        assertThat(own("cdt")).doesNotExist();
        assertThat(ConfigLoader.load(config).outlet("cdt")).isEmpty();
    }

    @Test
    void refusesWhatItCannotDoCleanly() throws Exception {
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/hand.yaml"), "# mine\noutlets:\n  - id: mine\n    feeds: [https://mine.example/]\n");
        assertThatThrownBy(() -> editor.add("mine", "https://x.example/", null, null, null)).hasMessageContaining("does not edit");
        assertThatThrownBy(() -> editor.add("dw", "https://rss.dw.com/rdf/rss-chi-all", null, null, null))
            .hasMessageContaining("dw already has");
        assertThatThrownBy(() -> editor.add("other", "https://rss.dw.com/rdf/rss-chi-all", null, null, null))
            .hasMessageContaining("already a feed of outlet dw");
        assertThatThrownBy(() -> editor.add("Bad Id", "https://x.example/", null, null, null)).hasMessageContaining("a-z");
        assertThatThrownBy(() -> editor.add("x", "ftp://x.example/", null, null, null)).hasMessageContaining("not an http");
        assertThatThrownBy(() -> editor.add("x", "https://x.example/", null, null, "soon")).hasMessageContaining("interval");
        assertThatThrownBy(() -> editor.add("x", "https://x.example/", null, "div[", null)).hasMessageContaining("CSS selector");
        assertThatThrownBy(() -> editor.remove("nope", "https://x.example/")).hasMessageContaining("no outlet 'nope'");
        assertThatThrownBy(() -> editor.setEnabled("dw", "https://x.example/", false)).hasMessageContaining("has no feed");
        assertThat(own("x")).doesNotExist();
        assertThat(Files.readString(dir.resolve("outlets.d/hand.yaml"))).startsWith("# mine");
    }

    @Test
    void aBrokenConfigIsNotEdited() throws Exception {
        Files.writeString(config, MAIN + "bogus: 1\n");
        assertThatThrownBy(() -> editor.add("x", "https://x.example/", null, null, null))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("the config does not load, fix it first");
    }

    @Test
    void aUrlThatNormalisesToAConfiguredFeedIsADuplicate() throws Exception {
        assertThatThrownBy(() -> editor.add("other", "HTTP://RSS.DW.com:80/rdf/rss-chi-all", null, null, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("HTTP://RSS.DW.com:80/rdf/rss-chi-all is already a feed of outlet dw (as https://rss.dw.com/rdf/rss-chi-all)");
        assertThatThrownBy(() -> editor.add("dw", "https://rss.dw.com/rdf/rss-chi-all/?utm_source=x", null, null, null))
            .hasMessageStartingWith("dw already has https://rss.dw.com/rdf/rss-chi-all/?utm_source=x (as https://rss.dw.com/rdf/rss-chi-all)");
        assertThat(own("other")).doesNotExist();
        assertThat(own("dw")).doesNotExist();
        // a different path is a different feed
        assertThat(editor.add("dw", "https://rss.dw.com/rdf/rss-chi-eco", null, null, null)).startsWith("added");
    }

    @Test
    void removeAndDisableFindAFeedByItsNormalisedUrl() {
        editor.add("cdt", "https://chinadigitaltimes.net/chinese/feed/", null, null, null);
        assertThat(editor.setEnabled("rfa", "HTTPS://FEEDX.NET/rss/rfa.xml", false)).isEqualTo("https://feedx.net/rss/rfa.xml of rfa is now disabled");
        assertThat(editor.remove("cdt", "http://ChinaDigitalTimes.net:80/chinese/feed")).startsWith("removed https://chinadigitaltimes.net/chinese/feed/ from cdt");
    }

    static Path opml(Path dir, String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<opml version=\"2.0\" xmlns:nv=\"urn:newsvault:opml\"><body>\n" + body + "\n</body></opml>\n");
        return f;
    }

    @Test
    void importSkipsNormalisedDuplicatesOneLineEachAndJoinsTheSameSitesOutlet() throws Exception {
        byte[] before = Files.readAllBytes(config);
        var r = editor.importOutlets(Opml.read(OpmlTest.resource("miniflux.opml")).outlets());
        assertThat(r.lines()).containsExactly(
            "skipped 'DW 中文 - 新闻' https://rss.dw.com/rdf/rss-chi-all: already a feed of outlet dw",
            "skipped 'RFA 自由亚洲电台' https://www.rfa.org/mandarin/rss2.xml: already a feed of outlet rfa");
        assertThat(r.duplicates()).isEqualTo(2);
        // dw proposed for the DW feeds: the outlet dw of the main file is that site, so it gains the new one
        assertThat(r.outletsExtended()).isEqualTo(1);
        assertThat(r.outletsCreated()).isEqualTo(3);
        assertThat(r.feedsAdded()).isEqualTo(5);
        assertThat(outlet("dw").feeds()).extracting(FeedConfig::url)
            .containsExactly("https://rss.dw.com/rdf/rss-chi-all", "https://rss.dw.com/xml/rss-chi-eco");
        assertThat(Files.readString(own("dw"))).doesNotContain("name").doesNotContain("categories");
        assertThat(outlet("ars-technica").categories()).containsExactly("Tech");
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void aProposedIdNeverTakesTheOutletOfAnotherSite() throws Exception {
        Files.writeString(config, """
            outlets:
              - id: dw
                feeds: [https://mirror.example/dw.xml]
            """);
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/hand.yaml"), "outlets:\n  - id: rfa\n    feeds: [https://www.rfa.org/cantonese/rss2.xml]\n");
        Path f = opml(dir, "two-bbcs.opml", """
            <outline text="DW 中文" xmlUrl="https://rss.dw.com/rdf/rss-chi-all" htmlUrl="https://www.dw.com/zh/"/>
            <outline text="RFA" xmlUrl="https://www.rfa.org/mandarin/rss2.xml" htmlUrl="https://www.rfa.org/mandarin"/>
            <outline text="BBC" xmlUrl="https://feeds.bbci.co.uk/zhongwen/simp/rss.xml" htmlUrl="https://www.bbc.com/zhongwen/simp"/>
            <outline text="BBC" xmlUrl="https://bbc.example.org/feed" htmlUrl="https://bbc.example.org/"/>
            """);
        var r = editor.importOutlets(Opml.read(f).outlets());
        assertThat(r.lines()).isEmpty();
        assertThat(r.outletsCreated()).isEqualTo(4);
        Settings s = ConfigLoader.load(config);
        assertThat(s.outlets()).extracting(OutletConfig::id).containsExactlyInAnyOrder("dw", "rfa", "dw-2", "rfa-2", "bbc", "bbc-2");
        assertThat(s.outlet("dw").orElseThrow().feeds()).hasSize(1);
        assertThat(s.outlet("dw-2").orElseThrow().feeds()).extracting(FeedConfig::url).containsExactly("https://rss.dw.com/rdf/rss-chi-all");
        assertThat(s.outlet("bbc-2").orElseThrow().feeds()).extracting(FeedConfig::url).containsExactly("https://bbc.example.org/feed");
    }

    @Test
    void importingAReadersListAgainWithOneMoreFeedExtendsThatSitesOutlet() throws Exception {
        Files.writeString(config, "# empty\n");
        editor.importOutlets(Opml.read(OpmlTest.resource("miniflux.opml")).outlets());
        Path f = opml(dir, "later.opml", """
            <outline text="新闻">
              <outline text="DW 中文 - 新闻" xmlUrl="https://rss.dw.com/rdf/rss-chi-all" htmlUrl="https://www.dw.com/zh/"/>
              <outline text="DW 中文 - 文化" xmlUrl="https://rss.dw.com/xml/rss-chi-cul" htmlUrl="https://www.dw.com/zh/s-1682"/>
            </outline>
            """);
        var r = editor.importOutlets(Opml.read(f).outlets());
        assertThat(r.outletsCreated()).isZero();
        assertThat(r.outletsExtended()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(outlet("dw").feeds()).hasSize(3);
    }

    @Test
    void anOutletWithInvalidSettingsIsALineAndTheRestIsImported() throws Exception {
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/hand.yaml"), "outlets:\n  - id: mine\n    feeds: [https://mine.example/]\n");
        Path f = opml(dir, "bad.opml", """
            <outline text="Bad" xmlUrl="https://bad.example/feed" nv:outlet="bad" nv:content="div["/>
            <outline text="Slow" xmlUrl="https://slow.example/feed" nv:outlet="slow" nv:interval="soon"/>
            <outline text="Mine" xmlUrl="https://mine.example/other" nv:outlet="mine"/>
            <outline text="Good" xmlUrl="https://good.example/feed" nv:outlet="good" nv:proxy="direct"/>
            """);
        var r = editor.importOutlets(Opml.read(f).outlets());
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0)).isEqualTo("not imported: outlet bad ('Bad', 1 feeds): outlets[bad].content: 'div[' is not a valid CSS selector");
        assertThat(r.lines().get(1)).startsWith("not imported: outlet slow ('Slow', 1 feeds): outlets[slow].interval:");
        assertThat(r.lines().get(2)).startsWith("not imported: 1 feeds of outlet mine: it is defined in ").endsWith("which the CLI does not edit");
        assertThat(r.refused()).isEqualTo(3);
        assertThat(r.feedsAdded()).isEqualTo(1);
        assertThat(outlet("good").proxy()).isEqualTo("direct");
        assertThat(own("bad")).doesNotExist();
    }
}
