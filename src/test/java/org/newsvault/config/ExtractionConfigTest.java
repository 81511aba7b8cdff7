package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code extraction:} (rule health), through the one loader every command uses. */
class ExtractionConfigTest {
    private static final String OUTLETS = "outlets:\n  - id: a\n    feeds: [https://x.example/]\n";
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsAreTwentyPagesAndHalf() throws Exception {
        assertThat(ConfigLoader.load(write(OUTLETS)).extraction()).isEqualTo(new ExtractionSettings(20, 0.5));
        assertThat(ConfigLoader.load(Path.of("config", "newsvault.yaml")).extraction()).isEqualTo(ExtractionSettings.DEFAULTS);
    }

    @Test
    void windowAndShareAreRead() throws Exception {
        assertThat(ConfigLoader.load(write("extraction: {window: 40, stale-share: 0.75}\n" + OUTLETS)).extraction())
            .isEqualTo(new ExtractionSettings(40, 0.75));
        assertThat(ConfigLoader.load(write("extraction:\n  stale-share: 30%\n" + OUTLETS)).extraction())
            .isEqualTo(new ExtractionSettings(20, 0.3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "extraction: {window: 0}|extraction.window: must be at least 1",
        "extraction: {window: 5000}|extraction.window: must be at most 1000",
        "extraction: {window: many}|extraction.window: expected a whole number",
        "extraction: {stale-share: 1}|extraction.stale-share: expected a share between 0 and 1",
        "extraction: {stale-share: 0}|extraction.stale-share: expected a share between 0 and 1",
        "extraction: {stale-share: half}|extraction.stale-share: expected a share between 0 and 1",
        "extraction: {stale-share: 150%}|extraction.stale-share: expected a share between 0 and 1",
        "extraction: {share: 0.5}|extraction.share: unknown key",
    })
    void badValuesAreRefusedWithFileLineAndKey(String yaml, String message) throws Exception {
        Path f = write(yaml + "\n" + OUTLETS);
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(f + ":1: ").hasMessageContaining(message);
    }
}
