/**
 * {@code newsvault verify}: checks that the database and the files on disk agree (every row has its file
 * byte for byte, every original its blob, no temp file or orphan is left) and with {@code --repair} makes
 * them agree again, treating the database as the source of truth and never deleting user data.
 */
package org.newsvault.verify;
