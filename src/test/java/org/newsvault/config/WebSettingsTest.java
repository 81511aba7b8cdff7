package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code web:} goes through the one validation path, with file:line on every refusal. */
class WebSettingsTest {
    static final String HASH = "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsWithoutAWebKey() throws Exception {
        WebSettings w = ConfigLoader.load(write("data: d\n")).web();
        assertThat(w).isEqualTo(WebSettings.DEFAULTS);
        assertThat(w.auth()).isFalse();
        assertThat(w.remoteImages()).isFalse();
        assertThat(w.zone()).isEqualTo(ZoneOffset.ofHours(8));
    }

    @Test
    void allKeys() throws Exception {
        WebSettings w = ConfigLoader.load(write("web:\n  user: reader\n  password-hash: \"" + HASH + "\"\n"
            + "  remote-images: true\n  timezone: Asia/Taipei\n")).web();
        assertThat(w).isEqualTo(new WebSettings("reader", HASH, true, ZoneId.of("Asia/Taipei")));
        assertThat(w.auth()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "web:\\n  pasword-hash: x\\n | :2: web.pasword-hash: unknown key",
        "web:\\n  user: reader\\n  password-hash: hunter2\\n | :3: web.password-hash: not a password hash",
        "web:\\n  user: reader\\n | :2: web: user and password-hash go together",
        "web:\\n  password-hash: '" + HASH + "'\\n | :2: web: user and password-hash go together",
        "web:\\n  user: 'a:b'\\n  password-hash: '" + HASH + "'\\n | :2: web.user: must be non-empty",
        "web:\\n  timezone: Mars/Olympus\\n | :2: web.timezone: 'Mars/Olympus' is not a time zone",
        "web:\\n  remote-images: maybe\\n | :2: web.remote-images: expected true or false",
        "web: [1]\\n | :1: web: expected a mapping",
    })
    void refusals(String yaml, String message) throws Exception {
        Path f = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class).hasMessageStartingWith(f + message);
    }

    @Test
    void theShippedConfigServesTheReadingRoomOnLoopback() {
        Settings s = ConfigLoader.load(Path.of("config", "newsvault.yaml"));
        assertThat(s.listen()).isEqualTo("127.0.0.1:8080");
        assertThat(s.web()).isEqualTo(WebSettings.DEFAULTS);
    }
}
