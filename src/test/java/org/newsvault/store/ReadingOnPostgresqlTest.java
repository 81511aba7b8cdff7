package org.newsvault.store;

/** {@link ReadingTest} on PostgreSQL: skipped unless {@value TestDatabases#ENV} is set. */
class ReadingOnPostgresqlTest extends ReadingTest {
    @Override
    Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
