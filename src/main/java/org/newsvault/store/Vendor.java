package org.newsvault.store;

/** The database engine behind {@link Database}: what its SQL dialect and its migrations folder are. */
public enum Vendor {
    H2("h2"),
    POSTGRESQL("postgresql");

    /** The folder under {@code db/migration} with this vendor's own migrations. */
    public final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /** The vendor of a JDBC URL ({@code jdbc:h2:...}, {@code jdbc:postgresql:...}). */
    public static Vendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("not an H2 or PostgreSQL JDBC URL: " + jdbcUrl.replaceAll("\\?.*", "?..."));
    }
}
