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
     * PostgreSQL ({@code postgresql://...} or {@code jdbc:postgresql:...}): the PostgreSQL backend's own opener and
     * migrations belong here.
     */
    static Connection postgresql(String url) {
        throw new IllegalArgumentException("--to: this build copies into jdbc:h2: databases only, not " + redacted(url));
    }

    private static Connection h2(String url) {
        boolean namesUser = url.toUpperCase(Locale.ROOT).contains(";USER=");
        String user = namesUser ? null : DatabaseCopy.H2_USER;
        String password = namesUser ? null : "";
        try {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
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
