package org.newsvault.store;

/** For tests outside the store package: drops a schema of {@link TestDatabases#freshPostgresql()}. */
public final class TestDatabasesAccess {
    private TestDatabasesAccess() {}

    public static void drop(Backend b) {
        TestDatabases.dropSchema(b);
    }
}
