package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ConfigLoader#loadForPolling}: a config without outlets is refused for polling, with its line. */
class ConfigLoaderOutletsTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                  | 1 | the file is empty",
        "'# nothing here yet\n'              | 1 | the file is empty",
        "'data: d\narchive: a\n'             | 1 | no outlets key",
        "'data: d\n\noutlets: []\n'          | 3 | an empty list",
    })
    void aConfigWithoutOutletsIsRefusedForPollingWithItsLine(String yaml, int line, String why) throws Exception {
        Path f = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigLoader.loadForPolling(f)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(f + ":" + line + ": outlets: none configured (" + why + ")");
        // commands that only read or edit the archive still take it
        assertThat(ConfigLoader.load(f).outlets()).isEmpty();
    }

    @Test
    void outletsFromOutletsDirCount() throws Exception {
        Path f = write("data: d\noutlets: []\n");
        Files.createDirectories(dir.resolve(ConfigLoader.OUTLETS_DIR));
        Files.writeString(dir.resolve(ConfigLoader.OUTLETS_DIR).resolve("hrw.yaml"),
            "outlets:\n  - id: hrw\n    feeds: [https://www.hrw.org/rss]\n");
        assertThat(ConfigLoader.loadForPolling(f).outlets()).extracting(OutletConfig::id).containsExactly("hrw");
    }

    @Test
    void everyFeedDisabledIsAcceptedForPolling() throws Exception {
        Path f = write("outlets:\n  - id: cdt\n    feeds:\n      - {url: https://example.org/feed, enabled: false}\n");
        Settings s = ConfigLoader.loadForPolling(f);
        assertThat(s.outlets()).hasSize(1);
        assertThat(s.outlets().get(0).feeds()).noneMatch(FeedConfig::enabled);
    }

    @Test
    void otherErrorsComeFirstAsBefore() throws Exception {
        Path f = write("outlets:\n  - id: BAD\n    feeds: [https://example.org/feed]\n");
        assertThatThrownBy(() -> ConfigLoader.loadForPolling(f)).hasMessageContaining(":2: outlets[BAD].id");
    }
}
