package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outlets.d entries that extend an outlet of the main file. */
class ConfigLoaderMergeTest {
    @TempDir
    Path dir;

    Settings load(String main, String extra) throws Exception {
        Path config = dir.resolve("newsvault.yaml");
        Files.writeString(config, main);
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/x.yaml"), extra);
        return ConfigLoader.load(config);
    }

    static final String MAIN = "outlets:\n  - id: a\n    name: A\n    interval: 1h\n    feeds: [https://a/1, https://a/2]\n";

    @Test
    void extensionAddsFeedsAndOverridesEnabled() throws Exception {
        Settings s = load(MAIN, "outlets:\n  - id: a\n    feeds:\n      - https://a/3\n      - url: https://a/1\n        enabled: false\n"
            + "  - id: b\n    feeds: [https://b/1]\n");
        OutletConfig a = s.outlet("a").orElseThrow();
        assertThat(a.feeds()).containsExactly(new FeedConfig("https://a/1", false), new FeedConfig("https://a/2", true),
            new FeedConfig("https://a/3", true));
        assertThat(a.name()).isEqualTo("A");
        assertThat(a.source()).isEqualTo(dir.resolve("newsvault.yaml"));
        assertThat(s.outlet("b").orElseThrow().name()).isEqualTo("b");
        assertThat(ConfigLoader.mainOutlets(dir.resolve("newsvault.yaml")).get(0).feeds()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "outlets:\\n  - id: a\\n    name: Other\\n    feeds: [https://a/9]\\n | may only list feeds",
        "outlets:\\n  - id: a\\n | missing: list the feeds",
        "outlets:\\n  - id: c\\n    feeds: [https://c/1]\\n  - id: c\\n    feeds: [https://c/2]\\n | is used twice",
    })
    void refused(String extra, String message) throws Exception {
        assertThatThrownBy(() -> load(MAIN, extra.replace("\\n", "\n"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining(message).hasMessageContaining("x.yaml");
    }
}
