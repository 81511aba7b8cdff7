package org.newsvault.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.newsvault.store.Backend;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The top-level keys {@code database:}, {@code database-password-file:} and {@code database-pool:}, read into a
 * {@link Backend}. Absent: the embedded H2 file in {@code data/}, as always. Otherwise
 * {@code postgresql://host:5432/db?user=u} (also {@code postgres://}, and {@code u@host} for the user) or a JDBC
 * URL ({@code jdbc:postgresql://...}, {@code jdbc:h2:tcp://...}). The password comes from the environment
 * variable {@value #PASSWORD_ENV} or from the file {@code database-password-file} names (its contents, trimmed),
 * never from the YAML: a config file is copied, committed and pasted into bug reports, a password in it is
 * refused.
 */
public final class DatabaseSettings {
    public static final String PASSWORD_ENV = "NEWSVAULT_DB_PASSWORD";
    static final String URL_KEY = "database";
    static final String PASSWORD_FILE_KEY = "database-password-file";
    static final String POOL_KEY = "database-pool";

    private DatabaseSettings() {}

    static Backend parse(YamlNodes y, Map<String, Node> top, Function<String, String> env) {
        Node urlNode = top.get(URL_KEY);
        String written = y.string(urlNode, URL_KEY);
        Node fileNode = top.get(PASSWORD_FILE_KEY);
        String passwordFile = y.string(fileNode, PASSWORD_FILE_KEY);
        Node poolNode = top.get(POOL_KEY);
        if (written == null || written.isBlank()) {
            if (passwordFile != null) throw y.error(fileNode, PASSWORD_FILE_KEY, "given without database: (the embedded H2 needs none)");
            if (poolNode != null) throw y.error(poolNode, POOL_KEY, "given without database: (the embedded H2 has its own)");
            return Backend.EMBEDDED;
        }
        String url = written.trim();
        int pool = y.integer(poolNode, POOL_KEY, Backend.DEFAULT_POOL, 1);
        if (pool > 200) throw y.error(poolNode, POOL_KEY, pool + " connections: at most 200");
        Backend.Location at;
        try {
            at = Backend.locate(url);
        } catch (Backend.PasswordInUrl e) {
            throw passwordInYaml(y, urlNode);
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage().contains("is not a database URL")
                ? ", or leave database: out for the embedded H2 in data/" : "";
            throw y.error(urlNode, URL_KEY, e.getMessage() + hint);
        }
        String jdbc = at.jdbc();
        String user = at.user();
        if (jdbc.startsWith("jdbc:h2:") && !jdbc.startsWith("jdbc:h2:tcp:") && !jdbc.startsWith("jdbc:h2:ssl:")
            && !jdbc.startsWith("jdbc:h2:mem:")) {
            throw y.error(urlNode, URL_KEY, "'" + Backend.redact(url) + "': an H2 file is the embedded default (data:"
                + " names its folder); database: takes an H2 server (jdbc:h2:tcp://...) or PostgreSQL");
        }
        if (jdbc.startsWith("jdbc:h2:") && jdbc.toUpperCase(java.util.Locale.ROOT).contains(";PASSWORD=")) {
            throw passwordInYaml(y, urlNode);
        }
        String password;
        if (passwordFile != null) {
            Path f = Path.of(passwordFile); // relative to the working directory, as data: and archive: are
            try {
                password = Files.readString(f, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw y.error(fileNode, PASSWORD_FILE_KEY, f + ": cannot read: " + e.getMessage());
            }
            if (password.isEmpty()) throw y.error(fileNode, PASSWORD_FILE_KEY, f + " is empty");
        } else {
            password = env.apply(PASSWORD_ENV);
        }
        return Backend.server(jdbc, user, password, pool);
    }

    private static ConfigException passwordInYaml(YamlNodes y, Node at) {
        return y.error(at, URL_KEY, "a password is written in the URL: refused (the config file is not a place for it);"
            + " set the environment variable " + PASSWORD_ENV + " or database-password-file: PATH, and remove it here");
    }
}
