package org.newsvault.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, loaded and validated once at start by {@link ConfigLoader}.
 *
 * @param configFile the main file (its folder also holds CLI-managed outlet files)
 * @param data       H2 database, originals, logs, lock
 * @param archive    the article files
 * @param listen     {@code host:port} of the health/metrics listener and the reading room, or null (off)
 * @param web        the reading room's settings ({@code web:})
 * @param images     the limits of kept images ({@code images:})
 * @param extraction rule health's window and share ({@code extraction:})
 * @param node       this process's node name ({@code node:}; default: the host name, sanitized): [a-z0-9-], 1-40
 */
public record Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                       String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images,
                       ExtractionSettings extraction, String node) {
    public Settings {
        outlets = List.copyOf(outlets);
        if (web == null) web = WebSettings.DEFAULTS;
        if (images == null) images = ImageSettings.DEFAULTS;
        if (extraction == null) extraction = ExtractionSettings.DEFAULTS;
        if (node == null) node = ConfigLoader.defaultNode();
    }

    /** Without {@code node:}: the host's name. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images,
                    ExtractionSettings extraction) {
        this(configFile, data, archive, http, watch, listen, outlets, web, images, extraction, null);
    }

    /** Without {@code extraction:} and {@code node:} settings: the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images) {
        this(configFile, data, archive, http, watch, listen, outlets, web, images, ExtractionSettings.DEFAULTS, null);
    }

    /** The same settings under another node name (tests; several nodes on one machine). */
    public Settings withNode(String name) {
        return new Settings(configFile, data, archive, http, watch, listen, outlets, web, images, extraction, name);
    }

    /** Without {@code images:} settings: the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web) {
        this(configFile, data, archive, http, watch, listen, outlets, web, ImageSettings.DEFAULTS);
    }

    /** Without {@code web:} settings (tests, the benchmark): the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets) {
        this(configFile, data, archive, http, watch, listen, outlets, WebSettings.DEFAULTS);
    }

    public Optional<OutletConfig> outlet(String id) {
        return outlets.stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
