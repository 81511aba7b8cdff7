package org.newsvault.metrics;

/** What {@code /health} answers: healthy only while the scheduler runs and the database takes writes. */
public record Health(boolean schedulerRunning, boolean databaseWritable) {
    public boolean ok() {
        return schedulerRunning && databaseWritable;
    }

    public String json() {
        return "{\"status\":\"" + (ok() ? "ok" : "unavailable") + "\",\"scheduler\":\""
            + (schedulerRunning ? "running" : "stopped") + "\",\"database\":\""
            + (databaseWritable ? "writable" : "not writable") + "\"}\n";
    }
}
