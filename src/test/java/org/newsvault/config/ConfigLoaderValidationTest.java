package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One validation for every command: listen, duplicate feed URLs and outlet ids, each with file:line. */
class ConfigLoaderValidationTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    Path outletsD(String name, String yaml) throws Exception {
        Path d = Files.createDirectories(dir.resolve(ConfigLoader.OUTLETS_DIR));
        return Files.writeString(d.resolve(name), yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999", "65536", "'localhost:70000'", "'a:b:9090'", "'host:'", "'[::1]9090'", "nine", "'-1'"})
    void aBadListenIsRefusedByEveryLoadWithItsLine(String listen) throws Exception {
        Path f = write("data: d\n\nlisten: " + listen + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(f + ":3: listen: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9090", "'127.0.0.1:9090'", "'[::1]:65535'", "'localhost:1'", "':9090'", "'127.0.0.1:0'"})
    void aGoodListenIsKept(String listen) throws Exception {
        Path f = write("listen: " + listen + "\n");
        assertThat(ConfigLoader.load(f).listen()).isEqualTo(listen.replace("'", ""));
    }

    @Test
    void theSameFeedInTwoOutletsIsRefusedAtTheSecondNamingTheFirst() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://example.org/feed/]\n"
            + "  - id: b\n    feeds:\n      - https://example.org/x\n      - HTTP://Example.ORG:80/feed\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(f + ":7: outlets[b].feeds: ")
            .hasMessageContaining("already a feed of outlet 'a' (" + f + ":3)");
    }

    @Test
    void aFeedOfTheMainFileRepeatedInAnOutletsDOutletIsRefused() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://example.org/feed]\n");
        Path d = outletsD("b.yaml", "outlets:\n  - id: b\n    feeds:\n      - https://example.org/feed?utm_source=x\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageStartingWith(d + ":4: outlets[b].feeds: ")
            .hasMessageContaining("outlet 'a' (" + f + ":3)");
    }

    @Test
    void switchingOffAFeedOfAMainOutletFromOutletsDIsNoDuplicate() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://example.org/feed]\n");
        outletsD("a.yaml", "outlets:\n  - id: a\n    feeds:\n      - {url: https://example.org/feed, enabled: false}\n");
        assertThat(ConfigLoader.load(f).outlets().get(0).feeds()).singleElement().matches(fc -> !fc.enabled());
    }

    @Test
    void differentFeedsOfOneSiteAreNotDuplicates() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: ['https://example.org/feed?cat=1']\n"
            + "  - id: b\n    feeds: ['https://example.org/feed?cat=2', 'file:///tmp/x.xml']\n");
        assertThat(ConfigLoader.load(f).outlets()).hasSize(2);
    }

    @Test
    void aDuplicateOutletIdAcrossOutletsDFilesHasTheLineOfBoth() throws Exception {
        Path f = write("outlets: []\n");
        Path one = outletsD("1.yaml", "outlets:\n  - id: x\n    feeds: [https://one.example/feed]\n");
        Path two = outletsD("2.yaml", "\noutlets:\n  - id: x\n    feeds: [https://two.example/feed]\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessage(two + ":3: outlets: id 'x' is used twice (first at " + one + ":2)");
    }

    @Test
    void aDuplicateOutletIdInTheMainFileHasItsLine() throws Exception {
        Path f = write("outlets:\n  - id: x\n    feeds: [https://one.example/feed]\n"
            + "  - id: x\n    feeds: [https://two.example/feed]\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageStartingWith(f + ":4: outlets: id 'x' is used twice");
    }

    @Test
    void feedKeyIgnoresCaseDefaultPortAndTrailingSlash() {
        assertThat(ConfigLoader.feedKey("HTTP://Example.ORG:80/feed/")).isEqualTo(ConfigLoader.feedKey("https://example.org/feed"));
        assertThat(ConfigLoader.feedKey("https://example.org/a")).isNotEqualTo(ConfigLoader.feedKey("https://example.org/b"));
    }
}
