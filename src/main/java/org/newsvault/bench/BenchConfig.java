package org.newsvault.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.render.Variant;

/**
 * The configuration a benchmark run polls with: the synthetic outlet's feeds grouped ten to an outlet,
 * and HTTP politeness off. All outlets share one loopback host, so the per-host limit and gap that
 * protect real sites would measure the limit instead of newsvault. The polite phase is the exception: one
 * outlet per loopback address, with the shipped politeness.
 */
final class BenchConfig {
    /** Holds the prefilled rows; has no feeds. */
    static final String ARCHIVE_OUTLET = "archive";
    static final int FEEDS_PER_OUTLET = 10;

    private BenchConfig() {}

    static HttpSettings http() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(120),
            10L * 1024 * 1024, 5, 64, Duration.ZERO, 0, HttpSettings.USER_AGENT, null);
    }

    /** The shipped HTTP settings with the given politeness: what a user who changed nothing polls with. */
    static HttpSettings polite(int perHost, Duration gap) {
        HttpSettings d = HttpSettings.DEFAULTS;
        return new HttpSettings(d.connectTimeout(), d.readTimeout(), d.callTimeout(), d.maxBodyBytes(), d.maxRedirects(),
            perHost, gap, d.retries(), d.userAgent(), null);
    }

    /** One outlet per base URL (each its own host), with one teaser feed in namespace {@code ns + index}. */
    static List<OutletConfig> hostOutlets(List<String> bases, String ns, Path source) {
        List<OutletConfig> out = new ArrayList<>();
        for (int h = 0; h < bases.size(); h++) {
            String id = ns + h;
            var feed = new FeedConfig(bases.get(h) + SyntheticOutlet.feedPath(id, SyntheticOutlet.Kind.TEASER, 0), true);
            out.add(new OutletConfig(id, SyntheticOutlet.SITE + " " + id, List.of(feed), null, List.of(),
                OutletConfig.DEFAULT_INTERVAL, Variant.JEKYLL, null, false, List.of(), source, false));
        }
        return out;
    }

    /**
     * The benchmark's outlets keep no images ({@code images: false}): their corpus stories link pictures on the real
     * outlets' CDNs, which a benchmark must never ask for, and the numbers stay those of the text pipeline.
     */
    static List<OutletConfig> outlets(String base, String ns, SyntheticOutlet.Kind kind, int feeds, Path source) {
        List<OutletConfig> out = new ArrayList<>();
        for (int first = 0; first < feeds; first += FEEDS_PER_OUTLET) {
            List<FeedConfig> fs = new ArrayList<>();
            for (int f = first; f < Math.min(feeds, first + FEEDS_PER_OUTLET); f++) {
                fs.add(new FeedConfig(base + SyntheticOutlet.feedPath(ns, kind, f), true));
            }
            String id = ns + "-" + kind.path() + "-" + first / FEEDS_PER_OUTLET;
            out.add(new OutletConfig(id, SyntheticOutlet.SITE + " " + id, fs, null, List.of(), OutletConfig.DEFAULT_INTERVAL,
                Variant.JEKYLL, null, false, List.of(), source, false));
        }
        return out;
    }

    /** Settings for a data directory {@code dir} polling {@code outlets} (plus the feedless archive outlet). */
    static Settings settings(Path dir, List<OutletConfig> outlets) {
        return settings(dir, outlets, http());
    }

    static Settings settings(Path dir, List<OutletConfig> outlets, HttpSettings http) {
        Path config = dir.resolve("newsvault.yaml");
        List<OutletConfig> all = new ArrayList<>(outlets);
        all.add(new OutletConfig(ARCHIVE_OUTLET, "存档", List.of(), null, List.of(), OutletConfig.DEFAULT_INTERVAL,
            Variant.JEKYLL, null, false, config));
        return new Settings(config, dir.resolve("data"), dir.resolve("archive"), http, WatchSettings.DEFAULTS, null, all);
    }

    @SafeVarargs
    static List<OutletConfig> concat(List<OutletConfig>... lists) {
        List<OutletConfig> out = new ArrayList<>();
        for (List<OutletConfig> l : lists) out.addAll(l);
        return out;
    }
}
