package org.newsvault.export;

import java.nio.file.Path;

/**
 * The totals of one export.
 *
 * @param detail      what was written besides the articles, e.g. {@code 5 files, 3 list pages}
 * @param interrupted stopped before the end: {@code articles} were written into the partial export, which was deleted;
 *                    {@code out} is as it was
 */
public record ExportSummary(ExportFormat format, long articles, Path out, String detail, boolean interrupted) {
    public String line() {
        if (interrupted) {
            return "export stopped after " + articles + " article" + (articles == 1 ? "" : "s") + ": the partial "
                + format.name().toLowerCase(java.util.Locale.ROOT) + " export was deleted, " + out + " is as it was";
        }
        return "exported " + articles + " article" + (articles == 1 ? "" : "s") + " as "
            + format.name().toLowerCase(java.util.Locale.ROOT) + " to " + out + " (" + detail + ")";
    }
}
