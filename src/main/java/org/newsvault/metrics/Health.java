package org.newsvault.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /health} answers: healthy only while the scheduler runs, the database takes writes (in the file
 * that was opened) and the archive directory takes files. Each fault found is one reason, in words.
 */
public record Health(boolean schedulerRunning, boolean databaseWritable, List<String> reasons) {
    public Health {
        reasons = List.copyOf(reasons);
    }

    public Health(boolean schedulerRunning, boolean databaseWritable) {
        this(schedulerRunning, databaseWritable, List.of());
    }

    public boolean ok() {
        return schedulerRunning && databaseWritable && reasons.isEmpty();
    }

    public String json() {
        StringBuilder r = new StringBuilder();
        for (String s : reasons) r.append(r.length() == 0 ? "" : ",").append('"').append(escape(s)).append('"');
        return "{\"status\":\"" + (ok() ? "ok" : "unavailable") + "\",\"scheduler\":\""
            + (schedulerRunning ? "running" : "stopped") + "\",\"database\":\""
            + (databaseWritable ? "writable" : "not writable") + "\"" + (reasons.isEmpty() ? "" : ",\"reasons\":[" + r + "]")
            + "}\n";
    }

    /**
     * Why files cannot be written into {@code dir}, if they cannot: a probe file is created there (with the
     * directory, when it does not exist yet) and deleted again.
     */
    public static Optional<String> unwritableDirectory(Path dir, String what) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".health-", ".probe");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(what + " " + dir + " is not writable: " + cause);
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
