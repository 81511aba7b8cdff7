package org.newsvault.export;

import java.nio.file.Path;

/**
 * The totals of one export.
 *
 * @param detail what was written besides the articles, e.g. {@code 5 files, 3 list pages}
 */
public record ExportSummary(ExportFormat format, long articles, Path out, String detail) {
    public String line() {
        return "exported " + articles + " article" + (articles == 1 ? "" : "s") + " as "
            + format.name().toLowerCase(java.util.Locale.ROOT) + " to " + out + " (" + detail + ")";
    }
}
