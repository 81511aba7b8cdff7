package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

        editor.add("cdt", "https://feedx.net/rss/cdt.xml", null, null, "10m");
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
}
