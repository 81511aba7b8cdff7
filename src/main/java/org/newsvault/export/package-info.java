/**
 * Moving articles in and out of the archive: {@link org.newsvault.export.Importer} reads existing archives of
 * either file variant ({@code articles/<outlet>/<id>.md}, {@code _posts/<date>-<title>.md}, loose files) into
 * the store losslessly and idempotently (an imported file with executable markup is archived made safe, its
 * bytes kept as the original: {@link org.newsvault.export.ImportedMarkup}); {@link org.newsvault.export.Exporter}
 * streams the archive out as seed files with list pages, a Jekyll site, JSON Lines or WARC, written beside the
 * target and put in place when complete ({@link org.newsvault.export.ExportTarget}). Both run in bounded memory,
 * whatever the size of the archive.
 */
package org.newsvault.export;
