package org.newsvault.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.render.Variant;

/** Settings and fixture archives for import/export tests (the seeds also for the other packages' tests). */
public final class TestArchives {
    private TestArchives() {}

    public static final List<String> SEEDS = List.of("000_016469c714a2c238.txt", "001_3facb4a6a5838063.txt",
        "002_6c8018e4e619dbc1.txt", "003_b2868bf1b7a93490.txt", "004_e53f636a1fba136f.txt");

    /** {@code ../shared/corpora/outlets} from the main checkout, {@code ../../shared/...} from a worktree. */
    static final Path CORPUS = Stream.of(Path.of("..", "shared", "corpora", "outlets"),
            Path.of("..", "..", "shared", "corpora", "outlets"))
        .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared", "corpora", "outlets"));

    static Settings settings(Path dir, OutletConfig... outlets) {
        return new Settings(dir.resolve("newsvault.yaml"), dir.resolve("data"), dir.resolve("archive"), HttpSettings.DEFAULTS,
            WatchSettings.DEFAULTS, null, List.of(outlets));
    }

    static OutletConfig outlet(String id, String name, String feed) {
        return new OutletConfig(id, name, List.of(new FeedConfig(feed, true)), null, List.of(), Duration.ofMinutes(15),
            Variant.JEKYLL, null, false, null);
    }

    static byte[] resource(String path) {
        try (InputStream in = TestArchives.class.getResourceAsStream("/export/" + path)) {
            if (in == null) throw new IllegalStateException("missing fixture " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The five seeds copied into {@code dir}; returns {@code dir}. */
    public static Path seeds(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String s : SEEDS) Files.write(dir.resolve(s), resource("seeds/" + s));
        return dir;
    }

    static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> w = Files.walk(root)) {
            return new ArrayList<>(w.filter(Files::isRegularFile).sorted().toList());
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
