package org.newsvault.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.newsvault.config.ConfigLoader;

/**
 * Notices edits of the config file and of {@code outlets.d/*.yaml} by polling their size and mtime.
 * Polling, not a WatchService: it sees editors that replace files, symlinked config folders and network
 * filesystems alike, and costs a few stat calls. A change counts once it has held still for one check,
 * so a file caught half-written is not loaded.
 */
final class ConfigWatcher {
    private final Path configFile;
    private List<String> seen;
    private List<String> applied;

    ConfigWatcher(Path configFile) {
        this.configFile = configFile;
        this.seen = fingerprint();
        this.applied = seen;
    }

    /** True once per settled change since the last call that returned true. */
    synchronized boolean settled() {
        List<String> now = fingerprint();
        boolean settled = now.equals(seen) && !now.equals(applied);
        if (settled) applied = now;
        seen = now;
        return settled;
    }

    /** The current files count as loaded (after a reload triggered some other way, e.g. SIGHUP). */
    synchronized void markApplied() {
        seen = fingerprint();
        applied = seen;
    }

    private List<String> fingerprint() {
        List<String> out = new ArrayList<>();
        out.add(stat(configFile));
        Path dir = configFile.toAbsolutePath().getParent().resolve(ConfigLoader.OUTLETS_DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> out.add(stat(p)));
            } catch (IOException e) {
                out.add(dir + " unreadable");
            }
        }
        return out;
    }

    private static String stat(Path p) {
        try {
            return p.getFileName() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return p.getFileName() + " missing";
        }
    }
}
