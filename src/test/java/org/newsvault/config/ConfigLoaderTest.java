package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.render.Variant;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void shippedDefaultConfigLoads() {
        Settings s = ConfigLoader.load(Path.of("config", "newsvault.yaml"));
        assertThat(s.outlets()).extracting(OutletConfig::id).contains("rfa", "dw", "nytimes", "cdt", "bbc", "voa");
        assertThat(s.outlet("cdt").orElseThrow().content()).isEqualTo("div.post-content");
        assertThat(s.data()).isEqualTo(Path.of("data"));
        assertThat(s.archive()).isEqualTo(Path.of("archive"));
    }

    @Test
    void minimalOutletGetsDefaults() throws Exception {
        Settings s = ConfigLoader.load(write("outlets:\n  - id: cdt\n    feeds: [https://example.org/feed]\n"));
        OutletConfig o = s.outlets().get(0);
        assertThat(o.name()).isEqualTo("cdt");
        assertThat(o.interval()).isEqualTo(OutletConfig.DEFAULT_INTERVAL);
        assertThat(o.format()).isEqualTo(Variant.JEKYLL);
        assertThat(o.feeds()).containsExactly(new FeedConfig("https://example.org/feed", true));
        assertThat(s.http()).isEqualTo(HttpSettings.DEFAULTS);
    }

    @Test
    void fullOutlet() throws Exception {
        Settings s = ConfigLoader.load(write("""
            data: d
            archive: a
            http:
              max-body: 2MB
              proxy: socks5://127.0.0.1:1080
            outlets:
              - id: cdt
                name: 中国数字时代
                feeds:
                  - https://chinadigitaltimes.net/chinese/feed/
                  - url: file:///tmp/x.xml
                    enabled: false
                content: "div.post-content"
                remove: [".addtoany_share_save_container", ".su-spoiler"]
                interval: 1h30m
                format: plain
                image-proxy: true
            """));
        OutletConfig o = s.outlets().get(0);
        assertThat(o.interval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(o.format()).isEqualTo(Variant.PLAIN);
        assertThat(o.imageProxy()).isTrue();
        assertThat(o.remove()).hasSize(2);
        assertThat(o.feeds().get(1).enabled()).isFalse();
        assertThat(s.http().maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(s.http().proxy()).isEqualTo("socks5://127.0.0.1:1080");
    }

    @Test
    void outletsFolderIsMerged() throws Exception {
        Path main = write("outlets:\n  - id: a\n    feeds: [https://a.example/feed]\n");
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/b.yaml"), "outlets:\n  - id: b\n    feeds: [https://b.example/feed]\n");
        assertThat(ConfigLoader.load(main).outlets()).extracting(OutletConfig::id).containsExactly("a", "b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "outlets:\\n  - id: Bad_Id\\n    feeds: [https://x/]|:2: outlets[Bad_Id].id: 'Bad_Id' may only use",
        "outlets:\\n  - id: a\\n    feeds: [ftp://x/]|:3: outlets[a].feeds: 'ftp://x/' must be an http, https or file URL",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    interval: soon|:4: outlets[a].interval: expected a duration",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    contnet: div|:4: outlets[a].contnet: unknown key",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    content: 'div[['|:4: outlets[a].content: 'div[[' is not a valid CSS selector",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    format: html|:4: outlets[a].format: format must be jekyll or plain",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    proxy: localhost|:4: outlets[a].proxy: 'localhost' must look like",
        "outlets:\\n  - id: a\\n  - id: a|:2: outlets[a].feeds: missing",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n  - id: a\\n    feeds: [https://y/]|id 'a' is used twice",
        "http:\\n  per-host: 0|:2: http.per-host: must be at least 1",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    interval: 0s|:4: outlets[a].interval: must be longer than zero",
        "outlets: [\\n|not valid YAML",
    })
    void badConfigNamesKeyAndLine(String yaml, String expected) throws Exception {
        Path f = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(expected).hasMessageStartingWith(f.toString());
    }

    @ParameterizedTest
    @CsvSource({"0s, 0", "0, 0", "250ms, 250"})
    void perHostGapMayBeZero(String gap, long millis) throws Exception {
        Path f = write("http:\n  per-host-gap: " + gap + "\noutlets:\n  - id: a\n    feeds: [https://x/]\n");
        assertThat(ConfigLoader.load(f).http().perHostGap()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
            .hasMessageContaining("config file not found");
    }
}
