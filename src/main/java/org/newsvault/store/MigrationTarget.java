package org.newsvault.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * The database {@code newsvault migrate-db --to URL} copies into: opened and migrated by Flyway to this build's
 * schema, so {@link DatabaseCopy} finds the same tables on both sides.
 */
public final class MigrationTarget {
    private MigrationTarget() {}

    /**
     * A connection to the migrated target (auto-commit; the caller closes it).
     *
     * @param url {@code jdbc:h2:...}: an H2 database, created when missing, with the user every newsvault H2 file has
     *            (so {@code data/newsvault.mv.db} made this way opens as an archive) unless the URL names one
     * @throws IllegalArgumentException for a URL of another database
     */
    public static Connection open(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) return h2(url);
        return postgresql(url);
    }

    /**
     * PostgreSQL ({@code postgresql://host:5432/db?user=NAME} or {@code jdbc:postgresql://...}), migrated with the
     * PostgreSQL migrations. The password, as for {@code database:}, comes from {@code NEWSVAULT_DB_PASSWORD}; one
     * written in the URL is refused (command lines end up in shell histories and process lists).
     */
    static Connection postgresql(String url) {
        Backend.Location at;
        try {
            at = Backend.locate(url);
        } catch (Backend.PasswordInUrl e) {
            throw passwordGiven();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--to: " + e.getMessage(), e);
        }
        if (!at.jdbc().startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("--to: '" + redacted(url)
            + "' is not a PostgreSQL or jdbc:h2: URL");
        String jdbc = at.jdbc();
        String user = at.user();
        String password = System.getenv("NEWSVAULT_DB_PASSWORD");
        try {
            Flyway.configure().locations(SchemaMigration.locations(Vendor.POSTGRESQL)).dataSource(jdbc, user, password)
                .load().migrate();
            java.util.Properties props = new java.util.Properties();
            if (user != null) props.setProperty("user", user);
            if (password != null) props.setProperty("password", password);
            return java.sql.DriverManager.getConnection(jdbc, props);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open the target database " + redacted(url) + ": " + Database.rootMessage(e), e);
        }
    }

    private static IllegalArgumentException passwordGiven() {
        return new IllegalArgumentException("--to: a password is written in the URL: refused; set the environment"
            + " variable NEWSVAULT_DB_PASSWORD instead");
    }

    private static Connection h2(String url) {
        boolean namesUser = url.toUpperCase(Locale.ROOT).contains(";USER=");
        String user = namesUser ? null : DatabaseCopy.H2_USER;
        String password = namesUser ? null : "";
        try {
            Flyway.configure().locations(SchemaMigration.locations(Vendor.H2)).dataSource(url, user, password).load().migrate();
            var ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            if (user != null) {
                ds.setUser(user);
                ds.setPassword(password);
            }
            return ds.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open the target database " + redacted(url) + ": " + Database.rootMessage(e), e);
        }
    }

    /** The URL for messages: without a password it may carry. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
