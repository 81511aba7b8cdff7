package org.newsvault.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.newsvault.store.Backend;

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
 * @param database   where the database is ({@code database:}, {@link DatabaseSettings}): the embedded H2 in
 *                   {@code data} unless configured
 */
public record Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                       String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images,
                       ExtractionSettings extraction, String node, Backend database) {
    public Settings {
        outlets = List.copyOf(outlets);
        if (web == null) web = WebSettings.DEFAULTS;
        if (images == null) images = ImageSettings.DEFAULTS;
        if (extraction == null) extraction = ExtractionSettings.DEFAULTS;
        if (node == null) node = ConfigLoader.defaultNode();
        if (database == null) database = Backend.EMBEDDED;
    }

    /** Without {@code node:} (the host's name) and {@code database:} (the embedded H2 in {@code data}). */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images,
                    ExtractionSettings extraction) {
        this(configFile, data, archive, http, watch, listen, outlets, web, images, extraction, null, Backend.EMBEDDED);
    }

    /** Without {@code extraction:}, {@code node:} and {@code database:} settings: the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images) {
        this(configFile, data, archive, http, watch, listen, outlets, web, images, ExtractionSettings.DEFAULTS, null,
            Backend.EMBEDDED);
    }

    /** The same settings under another node name (tests; several nodes on one machine). */
    public Settings withNode(String name) {
        return new Settings(configFile, data, archive, http, watch, listen, outlets, web, images, extraction, name, database);
    }

    /**
     * The search index folder: {@code data/index}, or on a shared database {@code data/index-<node>}: every node keeps
     * its own (Lucene admits one writer per folder; each follows the same database, so they hold the same documents).
     */
    public Path searchIndex() {
        return database.embedded() ? data.resolve("index") : data.resolve("index-" + node);
    }

    /** The same settings on another database (tests, the benchmark). */
    public Settings withDatabase(Backend b) {
        return new Settings(configFile, data, archive, http, watch, listen, outlets, web, images, extraction, node, b);
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
