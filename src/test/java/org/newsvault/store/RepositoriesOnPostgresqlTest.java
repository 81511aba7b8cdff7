package org.newsvault.store;

/** {@link RepositoriesTest} on PostgreSQL: skipped unless {@value TestDatabases#ENV} is set. */
class RepositoriesOnPostgresqlTest extends RepositoriesTest {
    @Override
    Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
