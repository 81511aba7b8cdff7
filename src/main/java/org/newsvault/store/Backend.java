package org.newsvault.store;

/**
 * Where the database is: the embedded H2 file in the data directory ({@link #EMBEDDED}, the default), or a
 * database server reached by a JDBC URL (PostgreSQL; H2 over TCP works the same way) that several processes,
 * and later several nodes, use at once. The password never comes from the config file (see
 * {@code config.DatabaseSettings}); it is not part of {@link #toString()}.
 *
 * @param url      JDBC URL, null for the embedded file
 * @param user     null: the one in the URL (or the driver's default)
 * @param poolSize connections the pool keeps at most (server databases only)
 */
public record Backend(String url, String user, String password, int poolSize) {
    public static final int DEFAULT_POOL = 10;
    public static final Backend EMBEDDED = new Backend(null, null, null, DEFAULT_POOL);

    public Backend {
        if (url != null) Vendor.of(url);
        if (poolSize < 1) throw new IllegalArgumentException("pool size " + poolSize);
    }

    public static Backend server(String url, String user, String password, int poolSize) {
        return new Backend(url, user, password, poolSize);
    }

    /** Where a database URL points: its JDBC form and the user it names (null: the one in the query, or none). */
    public record Location(String jdbc, String user) {}

    /** A password written in a database URL: refused everywhere (config files and command lines are not for it). */
    public static final class PasswordInUrl extends IllegalArgumentException {
        PasswordInUrl() {
            super("a password is written in the URL");
        }
    }

    private static final java.util.regex.Pattern PASSWORD_PARAM = java.util.regex.Pattern.compile("(?i)[?&;]password=");

    /**
     * Reads a database URL as {@code database:} and {@code migrate-db --to} take it: {@code postgresql://[user@]host
     * [:port]/db[?query]} (also {@code postgres://}) or a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:h2:}). The one
     * reading of these URLs, so the config and the command accept the same and refuse a password alike.
     *
     * @throws PasswordInUrl when the URL carries a password
     * @throws IllegalArgumentException when it is not a database URL (the message says what is wrong, without secrets)
     */
    public static Location locate(String url) {
        String jdbc;
        String user = null;
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            java.net.URI u;
            try {
                u = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("'" + redact(url) + "' is not a valid URL: " + e.getReason());
            }
            if (u.getHost() == null) throw new IllegalArgumentException("'" + redact(url) + "' names no host");
            String info = u.getRawUserInfo();
            if (info != null) {
                if (info.contains(":")) throw new PasswordInUrl();
                user = java.net.URLDecoder.decode(info, java.nio.charset.StandardCharsets.UTF_8);
            }
            String path = u.getRawPath() == null || u.getRawPath().length() <= 1 ? "" : u.getRawPath();
            if (path.isEmpty()) {
                throw new IllegalArgumentException("'" + redact(url) + "' names no database (postgresql://host:5432/db)");
            }
            jdbc = "jdbc:postgresql://" + u.getRawAuthority().replaceFirst("^.*@", "") + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } else if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
            if (url.startsWith("jdbc:postgresql://")
                && url.substring("jdbc:postgresql://".length()).replaceAll("[/?].*", "").contains("@")) {
                throw new IllegalArgumentException("the JDBC URL takes the user as ?user=..., not user@host");
            }
            jdbc = url;
        } else {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a database URL: write"
                + " postgresql://host:5432/db?user=NAME or a JDBC URL (jdbc:postgresql://...)");
        }
        if (PASSWORD_PARAM.matcher(jdbc).find()) throw new PasswordInUrl();
        return new Location(jdbc, user);
    }

    /** A URL for an error line: without anything after '?' nor a user-info part, which may hold secrets. */
    public static String redact(String url) {
        return url.replaceAll("\\?.*", "?...").replaceAll("//[^/@]*@", "//...@");
    }

    public boolean embedded() {
        return url == null;
    }

    public Vendor vendor() {
        return url == null ? Vendor.H2 : Vendor.of(url);
    }

    /** The URL without its query (which may carry options a log need not show). */
    public String describe() {
        return url == null ? "embedded H2" : url.replaceAll("\\?.*", "");
    }

    @Override
    public String toString() {
        return "Backend[" + describe() + (user == null ? "" : ", user " + user) + ", pool " + poolSize + "]";
    }
}
