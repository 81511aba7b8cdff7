package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code images:} limits and each outlet's {@code images:}, through the one loader every command uses. */
class ImageConfigTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsKeepImagesWithinTheDefaultLimits() throws Exception {
        Settings s = ConfigLoader.load(write("outlets:\n  - id: a\n    feeds: [https://x.example/]\n"));
        assertThat(s.images()).isEqualTo(ImageSettings.DEFAULTS);
        assertThat(s.images().maxBytes()).isEqualTo(10L << 20);
        assertThat(s.images().maxPerArticle()).isEqualTo(50L << 20);
        assertThat(s.images().maxCount()).isEqualTo(40);
        assertThat(s.outlet("a").orElseThrow().images()).isTrue();
        assertThat(ConfigLoader.load(Path.of("config", "newsvault.yaml")).outlets()).allMatch(OutletConfig::images);
    }

    @Test
    void limitsAndPerOutletSwitchAreRead() throws Exception {
        Settings s = ConfigLoader.load(write("images:\n  max-bytes: 2MB\n  max-per-article: 8MB\n  max-count: 12\n"
            + "outlets:\n  - id: a\n    feeds: [https://x.example/]\n    images: false\n"
            + "  - id: b\n    feeds: [https://y.example/]\n    images: true\n"));
        assertThat(s.images()).isEqualTo(new ImageSettings(2L << 20, 8L << 20, 12));
        assertThat(s.outlet("a").orElseThrow().images()).isFalse();
        assertThat(s.outlet("b").orElseThrow().images()).isTrue();
        // max-per-article follows a larger max-bytes when not given.
        assertThat(ConfigLoader.load(write("images:\n  max-bytes: 64MB\noutlets:\n  - id: a\n    feeds: [https://x.example/]\n"))
            .images().maxPerArticle()).isEqualTo(64L << 20);
    }

    @Test
    void anOutletsDFileKeepsTheMainFilesImagesSetting() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://x.example/]\n    images: false\n");
        Files.createDirectories(dir.resolve("outlets.d"));
        Files.writeString(dir.resolve("outlets.d/more.yaml"), "outlets:\n  - id: a\n    feeds: [https://z.example/]\n");
        OutletConfig a = ConfigLoader.load(f).outlet("a").orElseThrow();
        assertThat(a.feeds()).hasSize(2);
        assertThat(a.images()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "images:\\n  max-bytes: 0|:2: images.max-bytes: must be at least 1 byte",
        "images:\\n  max-bytes: lots|:2: images.max-bytes: expected a size like 10MB",
        "images:\\n  max-bytes: 2MB\\n  max-per-article: 1MB|:3: images.max-per-article: 1 MB is less than max-bytes (2 MB)",
        "images:\\n  max-count: 0|:2: images.max-count: must be at least 1",
        "images:\\n  max-size: 1MB|:2: images.max-size: unknown key (allowed: max-bytes, max-count, max-per-article)",
        "images: yes|:1: images: ",
        "outlets:\\n  - id: a\\n    feeds: [https://x/]\\n    images: maybe|:4: outlets[a].images: ",
    })
    void badImageSettingsNameKeyAndLine(String yaml, String expected) throws Exception {
        Path f = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(expected).hasMessageStartingWith(f.toString());
    }

    @Test
    void maxBytesIsBoundedByTheHeapLikeMaxBody() {
        YamlNodes y = new YamlNodes(Path.of("c.yaml"));
        long heap = 256L << 20;
        var node = new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader("max-bytes: 100MB"));
        assertThatThrownBy(() -> ConfigLoader.images(y, node, heap)).hasMessageContaining("images.max-bytes: 100 MB is more"
            + " than 1/4 of the Java heap (256 MB)");
        assertThat(ConfigLoader.images(y, node, Long.MAX_VALUE).maxBytes()).isEqualTo(100L << 20);
    }
}
