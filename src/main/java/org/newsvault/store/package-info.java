/**
 * The embedded H2 store: outlets, feeds and their fetch state, articles, sightings and originals.
 * Schema by Flyway migrations in {@code db/migration} (append-only). One repository per aggregate;
 * all of them are thread-safe and take connections from {@link org.newsvault.store.Database}.
 */
package org.newsvault.store;
