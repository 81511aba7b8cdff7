package org.newsvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.store.Backend;
import org.newsvault.store.Vendor;

class DatabaseSettingsTest {
    @TempDir Path dir;

    @AfterEach
    void environment() {
        ConfigLoader.environment = System::getenv;
    }

    private Settings load(String yaml, Map<String, String> env) throws Exception {
        ConfigLoader.environment = env::get;
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void absentIsTheEmbeddedH2() throws Exception {
        Backend b = load("data: d\n", Map.of()).database();
        assertThat(b.embedded()).isTrue();
        assertThat(b.vendor()).isEqualTo(Vendor.H2);
    }

    @Test
    void aPostgresqlUrlBecomesItsJdbcUrlWithThePasswordFromTheEnvironment() throws Exception {
        Backend b = load("database: postgresql://db.example:5432/news?user=nv&sslmode=require\ndatabase-pool: 20\n",
            Map.of(DatabaseSettings.PASSWORD_ENV, "s3cret")).database();
        assertThat(b.url()).isEqualTo("jdbc:postgresql://db.example:5432/news?user=nv&sslmode=require");
        assertThat(b.vendor()).isEqualTo(Vendor.POSTGRESQL);
        assertThat(b.password()).isEqualTo("s3cret");
        assertThat(b.poolSize()).isEqualTo(20);
        assertThat(b.toString()).doesNotContain("s3cret");
        Backend u = load("database: postgres://nv@db.example/news\n", Map.of()).database();
        assertThat(u.url()).isEqualTo("jdbc:postgresql://db.example/news");
        assertThat(u.user()).isEqualTo("nv");
        assertThat(u.password()).isNull();
    }

    @Test
    void thePasswordFileWinsTrimmed() throws Exception {
        Files.writeString(dir.resolve("pw"), "  from-file\n");
        Backend b = load("database: jdbc:postgresql://localhost/news?user=nv\ndatabase-password-file: " + dir.resolve("pw") + "\n",
            Map.of(DatabaseSettings.PASSWORD_ENV, "from-env")).database();
        assertThat(b.password()).isEqualTo("from-file");
        assertThat(b.poolSize()).isEqualTo(Backend.DEFAULT_POOL);
    }

    @Test
    void aPasswordInTheYamlIsRefusedWithoutEchoingIt() {
        for (String url : new String[] {"postgresql://nv:hunter2@db/news", "jdbc:postgresql://db/news?user=nv&password=hunter2",
            "postgresql://db/news?password=hunter2"}) {
            assertThatThrownBy(() -> load("database: " + url + "\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("newsvault.yaml:1: database: a password is written in the URL: refused")
                .hasMessageContaining(DatabaseSettings.PASSWORD_ENV).hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void otherMistakesSayWhatToWrite() {
        assertThatThrownBy(() -> load("database: mysql://db/news\n", Map.of())).hasMessageContaining("is not a database URL");
        assertThatThrownBy(() -> load("database: postgresql://db\n", Map.of())).hasMessageContaining("names no database");
        assertThatThrownBy(() -> load("database: jdbc:h2:file:/tmp/x\n", Map.of())).hasMessageContaining("embedded default");
        assertThatThrownBy(() -> load("database-pool: 5\n", Map.of())).hasMessageContaining("given without database:");
        assertThatThrownBy(() -> load("database: postgresql://db/n\ndatabase-password-file: " + dir.resolve("missing") + "\n",
            Map.of())).hasMessageContaining("cannot read");
    }
}
