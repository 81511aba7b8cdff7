/**
 * The store: outlets, feeds and their fetch state, articles, sightings and originals, in the embedded H2 file
 * (the default) or in PostgreSQL ({@link org.newsvault.store.Backend}, {@link org.newsvault.store.Vendor}).
 * Schema by Flyway migrations in {@code db/migration/common} plus the vendor's {@code db/migration/h2} or
 * {@code db/migration/postgresql} (append-only). The only package with SQL, and the same SQL on both vendors.
 * One repository per aggregate; all of them are thread-safe and take connections from
 * {@link org.newsvault.store.Database}.
 */
package org.newsvault.store;
