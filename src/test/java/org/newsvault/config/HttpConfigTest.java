package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code http:} section's address ranges and body cap. */
class HttpConfigTest {
    private static final String OUTLET = "outlets:\n  - id: a\n    feeds: [https://example.org/feed]\n";

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml + OUTLET);
        return f;
    }

    @Test
    void allowPrivateIsAListOfRanges() throws Exception {
        Settings s = ConfigLoader.load(write("http:\n  allow-private: [10.1.0.0/16, \"fd00::/8\", 192.168.1.20]\n"));
        assertThat(s.http().allowPrivate()).containsExactly("10.1.0.0/16", "fd00:0:0:0:0:0:0:0/8", "192.168.1.20/32");
        assertThat(s.http().allowPrivateRanges()).hasSize(3);
        Settings one = ConfigLoader.load(write("http:\n  allow-private: 10.0.0.0/8\n"));
        assertThat(one.http().allowPrivate()).containsExactly("10.0.0.0/8");
    }

    @Test
    void noAllowPrivateMeansNone() throws Exception {
        assertThat(ConfigLoader.load(write("")).http().allowPrivate()).isEmpty();
        assertThat(HttpSettings.DEFAULTS.allowPrivate()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http:\\n  allow-private:\\n    - 10.0.0.0/8\\n    - 10.0.0.1/8\\n|:4: http.allow-private: '10.0.0.1/8' has bits set after the prefix; did you mean 10.0.0.0/8?",
        "http:\\n  allow-private: [intranet.lan]\\n|:2: http.allow-private: 'intranet.lan' is not an address range like 10.0.0.0/8 or fd00::/8",
        "http:\\n  allow-private: [10.0.0.0/40]\\n|:2: http.allow-private: '10.0.0.0/40': the prefix length must be 0 to 32",
        "http:\\n  allow-private: {a: b}\\n|:2: http.allow-private: expected a list",
        "http:\\n  max-body: 0\\n|:2: http.max-body: must be at least 1 byte",
    })
    void badValuesNameFileLineAndKey(String yaml, String message) throws Exception {
        Path f = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class).hasMessage(f + message);
    }

    @Test
    void aBodyCapTheHeapCannotHoldIsRefusedAtLoad() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        long tooBigMb = heap / ConfigLoader.HEAP_SHARE_FOR_ONE_BODY / (1024 * 1024) + 1;
        Path f = write("data: d\nhttp:\n  max-body: " + tooBigMb + "MB\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(f + ":3: http.max-body: " + tooBigMb + " MB is more than 1/4 of the Java heap (")
            .hasMessageEndingWith("or raise -Xmx");
        long fitsMb = Math.max(1, tooBigMb - 2);
        assertThat(ConfigLoader.load(write("http:\n  max-body: " + fitsMb + "MB\n")).http().maxBodyBytes())
            .isEqualTo(fitsMb * 1024 * 1024);
    }

    @Test
    void theHeapRuleForTheShippedUnitsHeap() {
        YamlNodes y = new YamlNodes(Path.of("c.yaml"));
        long xmx256 = 247L * 1024 * 1024; // what maxMemory() reports for -Xmx256m -XX:+UseSerialGC
        // the case: 64 MB bodies under -Xmx256m ran out of memory
        assertThatThrownBy(() -> ConfigLoader.checkMaxBody(y, null, 64L * 1024 * 1024, xmx256))
            .hasMessage("c.yaml: http.max-body: 64 MB is more than 1/4 of the Java heap (247 MB): a body is held in"
                + " memory while it is read and parsed; lower max-body to at most 61 MB or raise -Xmx");
        ConfigLoader.checkMaxBody(y, null, 61L * 1024 * 1024, xmx256);
        ConfigLoader.checkMaxBody(y, null, 10L * 1024 * 1024, 62L * 1024 * 1024); // the default under -Xmx64m
        ConfigLoader.checkMaxBody(y, null, Long.MAX_VALUE / 2, Long.MAX_VALUE); // no heap limit known
    }

    @Test
    void theOldConstructorKeepsWorking() {
        HttpSettings s = new HttpSettings(HttpSettings.DEFAULTS.connectTimeout(), HttpSettings.DEFAULTS.readTimeout(),
            HttpSettings.DEFAULTS.callTimeout(), 1, 1, 1, java.time.Duration.ZERO, 0, "ua", null);
        assertThat(s.allowPrivate()).isEmpty();
        assertThat(s.withAllowPrivate(List.of("127.0.0.0/8")).allowPrivate()).containsExactly("127.0.0.0/8");
    }
}
