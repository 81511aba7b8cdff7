package org.newsvault.verify;

/**
 * One disagreement between the database and the files, as one printable line.
 *
 * @param where    the file or row concerned (archive-relative path, or "article 12")
 * @param detail   what is wrong, one line
 * @param repair   what {@code --repair} did about it, or null when not repaired
 */
public record Problem(Kind kind, String where, String detail, String repair) {
    public enum Kind {
        DATABASE("database"),
        BAD_PATH("bad path"),
        MISSING_FILE("missing file"),
        DIFFERENT_FILE("different file"),
        PENDING_FILE("pending file"),
        MISSING_ORIGINAL("missing original"),
        MISSING_BLOB("missing blob"),
        CORRUPT_BLOB("corrupt blob"),
        TEMP_FILE("temp file"),
        ORPHAN_FILE("orphan file");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    public boolean repaired() {
        return repair != null;
    }

    Problem repairedBy(String what) {
        return new Problem(kind, where, detail, what);
    }

    public String line() {
        return kind.label + ": " + where + ": " + detail + (repair == null ? "" : " (repaired: " + repair + ")");
    }
}
