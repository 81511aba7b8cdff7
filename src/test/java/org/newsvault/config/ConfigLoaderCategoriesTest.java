package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outlet key {@code categories} (a feed reader's folders, kept by {@code opml import}), and the per-entry check. */
class ConfigLoaderCategoriesTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void categoriesAreAListOrOneNameAndDefaultToNone() throws Exception {
        Path f = write("""
            outlets:
              - id: a
                feeds: [https://a.example/feed]
                categories: [新闻, " Tech ", 新闻]
              - id: b
                feeds: [https://b.example/feed]
                categories: News
              - id: c
                feeds: [https://c.example/feed]
            """);
        Settings s = ConfigLoader.load(f);
        assertThat(s.outlet("a").orElseThrow().categories()).containsExactly("新闻", "Tech");
        assertThat(s.outlet("b").orElseThrow().categories()).containsExactly("News");
        assertThat(s.outlet("c").orElseThrow().categories()).isEmpty();
    }

    @Test
    void anEmptyCategoryIsRefusedWithItsLine() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://a.example/feed]\n    categories: [News, '']\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessage(f + ":4: outlets[a].categories: an empty category name");
    }

    @Test
    void anExtensionEntryMayNotSetCategoriesOfAMainFileOutlet() throws Exception {
        Path f = write("outlets:\n  - id: a\n    feeds: [https://a.example/feed]\n");
        Files.createDirectories(dir.resolve(ConfigLoader.OUTLETS_DIR));
        Files.writeString(dir.resolve(ConfigLoader.OUTLETS_DIR).resolve("a.yaml"),
            "outlets:\n  - id: a\n    feeds: [https://a.example/other]\n    categories: [X]\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("outlets[a].categories")
            .hasMessageContaining("may only list feeds");
    }

    @Test
    void anEntryIsCheckedAloneByTheSameRules() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "x");
        e.put("categories", List.of("News"));
        e.put("feeds", List.of("https://x.example/"));
        assertThat(ConfigLoader.checkOutlet(e, Path.of("x.yaml")).categories()).containsExactly("News");
        e.put("format", "markdown");
        assertThatThrownBy(() -> ConfigLoader.checkOutlet(e, Path.of("x.yaml"))).isInstanceOf(ConfigException.class)
            .hasMessage("outlets[x].format: format must be jekyll or plain, not 'markdown'");
        e.remove("format");
        e.put("colour", "red");
        assertThatThrownBy(() -> ConfigLoader.checkOutlet(e, Path.of("x.yaml"))).hasMessageStartingWith("outlets[x].colour: unknown key");
    }
}
