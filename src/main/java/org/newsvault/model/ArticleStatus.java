package org.newsvault.model;

/** What the last re-checks say about an archived article. Nothing is ever removed from the archive. */
public enum ArticleStatus {
    LIVE, EDITED, DELETED, UNREACHABLE;

    public String dbValue() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static ArticleStatus fromDb(String s) {
        return s == null ? LIVE : valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
