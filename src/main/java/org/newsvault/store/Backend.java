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
